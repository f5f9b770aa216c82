#include "core/fixture_basis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/margin.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

PopulationCounts population() {
  PopulationCounts p;
  p.matches = 100;
  p.home_wins = 45;
  p.draws = 27;
  p.away_wins = 28;
  p.home_goals = 152;
  p.away_goals = 118;
  p.with_market = 80;
  p.market_draw = 80 * 0.26;
  return p;
}

TEST(FixtureBasis, InputsAreTheSmoothedBaseRatesAndMeans) {
  const BasisInputs market = basis_inputs(Basis::market, population(), -0.13, 8);
  EXPECT_DOUBLE_EQ(market.statistics.base_rates[0], 46.0 / 103);
  EXPECT_DOUBLE_EQ(market.statistics.base_rates[1], 28.0 / 103);
  EXPECT_DOUBLE_EQ(market.statistics.base_rates[2], 29.0 / 103);
  EXPECT_DOUBLE_EQ(market.statistics.mean_market_draw, 0.26);
  EXPECT_DOUBLE_EQ(market.statistics.mean_model_draw, 0.26);  // the market is the model
  EXPECT_DOUBLE_EQ(market.mean_home_goals, 1.52);
  const BasisInputs prior = basis_inputs(Basis::prior, population(), -0.13, 8);
  EXPECT_DOUBLE_EQ(prior.statistics.mean_model_draw, 28.0 / 103);  // the base rates are the model
  EXPECT_THROW(basis_inputs(Basis::prior, PopulationCounts{}, -0.13, 8), std::invalid_argument);
  EXPECT_THROW(basis_inputs(Basis::model, population(), -0.13, 8), std::invalid_argument);
  EXPECT_EQ(basis_inputs_json(prior).substr(0, 14), R"({"matches":100)");
}

// A market basis: set A is the margin-free market, the expected goals reproduce it through the
// score matrix, D rescales the draw to the population's rate, and G pools A-F.
TEST(FixtureBasis, AMarketBasisIsTheMarketThroughEverySet) {
  const BasisInputs in = basis_inputs(Basis::market, population(), -0.13, 8);
  const Probabilities odds{2.1, 3.4, 3.6};
  const SetParameters parameters;
  const BasisForecast f = basis_forecast(Basis::market, in, odds, parameters);
  const Probabilities market = remove_margin(odds, parameters.margin_method);
  EXPECT_EQ(f.prediction[PredictionSet::A].probs, market);
  EXPECT_EQ(f.prediction.model, market);
  ASSERT_TRUE(f.prediction.market.has_value());
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(f.prediction[PredictionSet::B].probs[k], market[k], 1e-15);
  const Probabilities back = outcome_probabilities(
      dixon_coles_score_matrix(f.goals.home, f.goals.away, -0.13, 8, NegativeTau::floor));
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(back[k], market[k], 2e-15);
  // D: the draw scaled by draw_rate / mean market draw, then renormalised
  const double s = in.statistics.draw_rate / 0.26;
  const Probabilities& b = f.prediction[PredictionSet::B].probs;
  const double total = b[0] + s * b[1] + b[2];
  EXPECT_NEAR(f.prediction[PredictionSet::D].probs[1], s * b[1] / total, 1e-15);
  EXPECT_THROW(basis_forecast(Basis::market, in, std::nullopt, parameters), std::invalid_argument);
}

TEST(FixtureBasis, APriorBasisIsTheBaseRatesWithTheMeanGoals) {
  const BasisInputs in = basis_inputs(Basis::prior, population(), -0.13, 8);
  const BasisForecast f = basis_forecast(Basis::prior, in, std::nullopt, SetParameters{});
  EXPECT_EQ(f.prediction[PredictionSet::A].probs, in.statistics.base_rates);
  EXPECT_EQ(f.prediction[PredictionSet::D].probs, f.prediction[PredictionSet::B].probs);  // draw already the rate
  EXPECT_EQ(f.goals.home, 1.52);
  EXPECT_EQ(f.goals.away, 1.18);
  EXPECT_FALSE(f.prediction.market.has_value());
  EXPECT_EQ(basis_from_name("prior"), Basis::prior);
  EXPECT_THROW(basis_from_name("guess"), std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
