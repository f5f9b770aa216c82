#include "core/prediction_sets.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace jackpot::core {
namespace {

const Probabilities kModel{0.5, 0.3, 0.2};
const std::array<double, 3> kOdds{2.2, 3.3, 4.0};

LeagueStatistics league() {
  LeagueStatistics s;
  s.base_rates = {0.45, 0.27, 0.28};
  s.draw_rate = 0.27;
  s.mean_model_draw = 0.25;
  s.mean_market_draw = 0.28;
  return s;
}

SetParameters parameters() {
  SetParameters p;
  p.blend_alpha = 0.6;
  p.max_market_weight = 0.7;
  p.conservative_shrinkage = 0.2;
  p.entropy_gamma = 1.5;
  p.margin_method = MarginMethod::multiplicative;
  return p;
}

double sum(const Probabilities& p) { return p[0] + p[1] + p[2]; }

TEST(Blend, IsTheLinearPoolAndRefusesAMarketWeightAboveTheCap) {
  const Probabilities b = blend(kModel, {0.4, 0.3, 0.3}, 0.6, 0.7);
  EXPECT_DOUBLE_EQ(b[0], 0.6 * 0.5 + 0.4 * 0.4);
  EXPECT_DOUBLE_EQ(b[2], 0.6 * 0.2 + 0.4 * 0.3);
  EXPECT_NO_THROW(blend(kModel, {0.4, 0.3, 0.3}, 0.3, 0.7));  // exactly at the cap
  EXPECT_THROW(blend(kModel, {0.4, 0.3, 0.3}, 0.29, 0.7), std::invalid_argument);
  EXPECT_THROW(blend(kModel, {0.4, 0.3, 0.3}, 1.01, 0.7), std::invalid_argument);
  EXPECT_THROW(blend(kModel, {0.4, 0.3, 0.3}, std::nan(""), 0.7), std::invalid_argument);
  const double model[2] = {0.7, 0.4}, market[2] = {0.5, 0.5};
  double out[2];
  EXPECT_THROW(blend(model, market, out, 2, 0.6, 0.7), std::invalid_argument);  // model sums to 1.1
}

// Every set worked out by hand from its formula in docs/prediction-sets.md.
TEST(PredictionSets, EachSetFollowsItsFormula) {
  const FixturePrediction f = prediction_sets(kModel, kOdds, league(), parameters());
  const double b_sum = 1 / 2.2 + 1 / 3.3 + 1 / 4.0;
  const Probabilities q{(1 / 2.2) / b_sum, (1 / 3.3) / b_sum, (1 / 4.0) / b_sum};
  ASSERT_TRUE(f.market.has_value());
  for (int i = 0; i < 3; ++i) EXPECT_NEAR((*f.market)[i], q[i], 1e-15);

  EXPECT_EQ(f.sets[0].probs, kModel);
  EXPECT_EQ(*f.sets[0].blend_alpha, 1.0);
  Probabilities b;
  for (int i = 0; i < 3; ++i) b[i] = 0.6 * kModel[i] + 0.4 * q[i];
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(f.sets[1].probs[i], b[i], 1e-15);

  for (int i = 0; i < 3; ++i) {
    const double cautious = 0.3 * kModel[i] + 0.7 * q[i];
    EXPECT_NEAR(f.sets[2].probs[i], 0.8 * cautious + 0.2 * league().base_rates[i], 1e-15);
  }
  EXPECT_NEAR(*f.sets[2].blend_alpha, 0.3, 1e-15);

  const double s = 0.27 / (0.6 * 0.25 + 0.4 * 0.28);
  const double d_sum = b[0] + s * b[1] + b[2];
  EXPECT_NEAR(f.sets[3].probs[1], s * b[1] / d_sum, 1e-15);
  EXPECT_NEAR(f.sets[3].probs[0], b[0] / d_sum, 1e-15);

  const double e_sum = std::pow(b[0], 1.5) + std::pow(b[1], 1.5) + std::pow(b[2], 1.5);
  EXPECT_NEAR(f.sets[4].probs[0], std::pow(b[0], 1.5) / e_sum, 1e-15);

  // Kelly at the given odds with the model's probabilities: home 0.5·2.2 − 1 > 0 only.
  const double kelly_home = (0.5 * 2.2 - 1) / (2.2 - 1);
  const double f_sum = b[0] * (1 + kelly_home) + b[1] + b[2];
  EXPECT_NEAR(f.sets[5].probs[0], b[0] * (1 + kelly_home) / f_sum, 1e-15);
  EXPECT_NEAR(f.sets[5].probs[2], b[2] / f_sum, 1e-15);

  Probabilities g;
  for (int i = 0; i < 3; ++i) {
    double l = 0;
    for (int set = 0; set < 6; ++set) l += std::log(f.sets[set].probs[i]);
    g[i] = std::exp(l / 6);
  }
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(f.sets[6].probs[i], g[i] / sum(g), 1e-15);
  EXPECT_FALSE(f.sets[6].blend_alpha.has_value());

  for (const SetPrediction& set : f.sets) {
    EXPECT_NEAR(sum(set.probs), 1.0, 1e-12);
    for (const double p : set.probs) {
      EXPECT_GT(p, 0.0);
      EXPECT_LT(p, 1.0);
    }
  }
}

TEST(PredictionSets, WithoutOddsBAndFEqualTheModelAndDUsesTheModelsMeanDraw) {
  const FixturePrediction f = prediction_sets(kModel, std::nullopt, league(), parameters());
  EXPECT_FALSE(f.market.has_value());
  EXPECT_EQ(f.sets[1].probs, kModel);
  EXPECT_EQ(f.sets[5].probs, kModel);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(f.sets[2].probs[i], 0.8 * kModel[i] + 0.2 * league().base_rates[i], 1e-15);
  const double s = 0.27 / 0.25;
  EXPECT_NEAR(f.sets[3].probs[1], s * 0.3 / (0.5 + s * 0.3 + 0.2), 1e-15);
}

TEST(PredictionSets, DrawBoostMatchesTheObservedRateOverTheLeague) {
  // When the model's mean draw equals the observed rate, D leaves B unchanged.
  LeagueStatistics s = league();
  s.mean_model_draw = s.mean_market_draw = s.draw_rate;
  const FixturePrediction f = prediction_sets(kModel, kOdds, s, parameters());
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(f.sets[3].probs[i], f.sets[1].probs[i], 1e-15);
}

TEST(PredictionSets, BadSettingsAreErrorsNotClamps) {
  SetParameters p = parameters();
  p.blend_alpha = 0.2;  // market weight 0.8 > 0.7
  EXPECT_THROW(prediction_sets(kModel, kOdds, league(), p), std::invalid_argument);
  p = parameters();
  p.entropy_gamma = 1.0;
  EXPECT_THROW(prediction_sets(kModel, kOdds, league(), p), std::invalid_argument);
  EXPECT_THROW(prediction_sets({0.5, 0.5, 0.0}, kOdds, league(), parameters()), std::invalid_argument);
  EXPECT_THROW(prediction_sets(kModel, std::array<double, 3>{1.0, 3.0, 4.0}, league(), parameters()),
               std::invalid_argument);
}

TEST(PredictionSets, AreBitIdenticalOnIdenticalInput) {
  const FixturePrediction a = prediction_sets(kModel, kOdds, league(), parameters());
  const FixturePrediction b = prediction_sets(kModel, kOdds, league(), parameters());
  for (int set = 0; set < kPredictionSets; ++set) EXPECT_EQ(a.sets[set].probs, b.sets[set].probs);
}

}  // namespace
}  // namespace jackpot::core
