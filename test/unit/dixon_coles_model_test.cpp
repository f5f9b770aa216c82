#include "core/dixon_coles_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/prediction_sets.hpp"

namespace jackpot::core {
namespace {

TEST(DixonColesModel, ExpectedGoalsAreTheLogLinearRates) {
  const DixonColesRates rates{0.1, 0.3, -0.1};
  const TeamStrength home{0.2, -0.1}, away{-0.05, 0.15};
  const ExpectedGoals goals = expected_goals(rates, home, away);
  EXPECT_EQ(goals.home, std::exp(0.1 + 0.3 + 0.2 - 0.15));
  EXPECT_EQ(goals.away, std::exp(0.1 + -0.05 - -0.1));
}

TEST(DixonColesModel, DecayWeightAndItsRate) {
  EXPECT_EQ(decay_weight(0.0065, 0), 1.0);
  EXPECT_EQ(decay_weight(0.0065, 107), std::exp(-0.0065 * 107));
  EXPECT_NO_THROW(require_decay_rate(0));
  for (const double bad : {-0.001, std::nan(""), HUGE_VAL}) EXPECT_THROW(require_decay_rate(bad), std::invalid_argument);
  try {
    require_decay_rate(-0.5);
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "xi must be a finite decay rate >= 0 per day, not -0.500000");
  }
}

DixonColesFit two_team_fit() {
  DixonColesFit fit;
  fit.teams = 2;
  fit.phi = Eigen::VectorXd::LinSpaced(7, 0.1, 0.7);
  fit.phi_se = Eigen::VectorXd::Constant(7, 0.01);
  fit.log_likelihood = -12.5;
  fit.iterations = 4;
  fit.gradient_norm = 1e-12;
  fit.converged = true;
  fit.matches = 10;
  fit.sum_weights = 9.5;
  return fit;
}

TEST(DixonColesModel, ReadsTheFitsLayout) {
  const DixonColesFit fit = two_team_fit();
  const DixonColesRates rates = fitted_rates(fit);
  EXPECT_EQ(rates.intercept, fit.phi(0));
  EXPECT_EQ(rates.home_advantage, fit.phi(1));
  EXPECT_EQ(rates.rho, fit.phi(6));
  EXPECT_EQ(fitted_strength(fit, 1).attack, fit.phi(3));
  EXPECT_EQ(fitted_strength(fit, 1).defence, fit.phi(5));
}

TEST(DixonColesModel, OneJsonFormForEveryRecordOfAFit) {
  const DixonColesFit fit = two_team_fit();
  JsonObjectWriter json;
  write_fit_members(json, fit, {"11", "12"}, "home_team_id", "away_team_id");
  const std::string text = json.finish();
  for (const char* key : {"\"rho\":0.7", "\"home_advantage\":0.2", "\"intercept\":0.1", "\"rho_se\":0.01",
                          "\"intercept_se\":0.01", "\"log_likelihood\":-12.5", "\"iterations\":4",
                          "\"converged\":true", "\"rho_boundary\":null", "\"n_matches\":10", "\"sum_weights\":9.5"})
    EXPECT_NE(text.find(key), std::string::npos) << key << " in " << text;
  EXPECT_EQ(team_strengths_json(fit, {"11", "12"}),
            R"({"11":{"attack":0.3,"defence":0.5,"attack_se":0.01,"defence_se":0.01},)"
            R"("12":{"attack":0.4,"defence":0.6,"attack_se":0.01,"defence_se":0.01}})");
}

TEST(PredictionSetTable, LettersFollowTheSqlEnumAndNameEverySet) {
  ASSERT_EQ(kPredictionSets, 7);
  const char letters[] = "ABCDEFG";
  for (int i = 0; i < kPredictionSets; ++i) {
    EXPECT_EQ(prediction_set_letter(i), letters[i]);
    EXPECT_EQ(prediction_set_index(std::string(1, letters[i])), i);
    EXPECT_NE(std::string(kPredictionSetTable[static_cast<std::size_t>(i)].name), "");
  }
  EXPECT_EQ(prediction_set_index(PredictionSet::G), 6);
  for (const char* bad : {"", "H", "a", "AB"}) EXPECT_EQ(prediction_set_index(std::string(bad)), -1) << bad;
}

}  // namespace
}  // namespace jackpot::core
