#include "core/market_implied_ratings.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "core/margin.hpp"
#include "core/market_inversion.hpp"
#include "core/model_type.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

// A double round robin of `teams` teams with known strengths, each match's log-rates the model's
// plus noise, weights decaying with the round.
std::vector<MarketImpliedMatch> league(int teams, double noise, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> strength(0, 0.3), error(0, noise);
  std::vector<double> attack(teams), defence(teams);
  for (int i = 0; i < teams; ++i) {
    attack[i] = strength(random);
    defence[i] = strength(random);
  }
  std::vector<MarketImpliedMatch> matches;
  int round = 0;
  for (int h = 0; h < teams; ++h)
    for (int a = 0; a < teams; ++a)
      if (h != a) {
        const double log_home = 0.1 + 0.25 + attack[h] - defence[a] + error(random);
        const double log_away = 0.1 + attack[a] - defence[h] + error(random);
        matches.push_back({h, a, (round % 4), (round % 3), std::exp(-0.01 * (round++ % 40)), {log_home, log_away}});
      }
  return matches;
}

// The fit is the dense weighted, ridged least-squares solution: [√W X; √r S] θ = [√W y; 0]
// solved by Householder QR with column pivoting agrees to rounding.
TEST(MarketImpliedRatings, AgreesWithADenseLeastSquaresSolve) {
  for (const double ridge : {1e-3, 0.5}) {
    const int n = 12;
    const std::vector<MarketImpliedMatch> matches = league(n, 0.05, 7);
    MarketImpliedOptions options;
    options.ridge = ridge;
    const MarketImpliedFit fit = fit_market_implied(matches, n, options);
    const Eigen::Index p = 2 * n + 2, rows = 2 * static_cast<Eigen::Index>(matches.size()) + 2 * n + 2;
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(rows, p);
    Eigen::VectorXd y = Eigen::VectorXd::Zero(rows);
    Eigen::Index r = 0;
    for (const MarketImpliedMatch& m : matches) {
      const double s = std::sqrt(m.weight);
      x(r, 0) = s, x(r, 1) = s, x(r, 2 + m.home) = s, x(r, 2 + n + m.away) = -s, y(r++) = s * m.log_rates.home;
      x(r, 0) = s, x(r, 2 + m.away) = s, x(r, 2 + n + m.home) = -s, y(r++) = s * m.log_rates.away;
    }
    for (Eigen::Index k = 2; k < p; ++k) x(r++, k) = std::sqrt(ridge);
    // Σ a = 0 and Σ d = 0 as two more equations: the optimum is centred anyway.
    x.block(r++, 2, 1, n).setOnes();
    x.block(r++, 2 + n, 1, n).setOnes();
    Eigen::VectorXd dense = x.colPivHouseholderQr().solve(y);
    // Both solutions centred exactly (a move along the near-null directions changes no rate).
    const double mean_attack = dense.segment(2, n).mean(), mean_defence = dense.segment(2 + n, n).mean();
    dense.segment(2, n).array() -= mean_attack;
    dense.segment(2 + n, n).array() -= mean_defence;
    dense(0) += mean_attack - mean_defence;
    for (Eigen::Index k = 0; k < p; ++k) EXPECT_NEAR(fit.model.phi(k), dense(k), 1e-12) << k;
    EXPECT_DOUBLE_EQ(fit.model.phi(2 * n + 2), options.rho);
    EXPECT_LT(fit.model.gradient_norm, 1e-12);
    // The ridge centres the strengths.
    EXPECT_NEAR(fit.model.phi.segment(2, n).sum(), 0, 1e-12);
    EXPECT_NEAR(fit.model.phi.segment(2 + n, n).sum(), 0, 1e-12);
    // Standard errors: σ̂ √diag((XᵀX)⁻¹) of the same dense system, centring rows included.
    const Eigen::MatrixXd covariance = (x.transpose() * x).inverse();
    for (Eigen::Index k = 0; k < p; ++k)
      EXPECT_NEAR(fit.model.phi_se(k), fit.residual_sd * std::sqrt(covariance(k, k)), 1e-10) << k;
  }
}

// Noise-free log-rates from known strengths: the fit recovers them (up to the ridge's pull).
TEST(MarketImpliedRatings, RecoversExactStrengths) {
  const int n = 10;
  const std::vector<MarketImpliedMatch> matches = league(n, 0.0, 3);
  MarketImpliedOptions options;
  options.ridge = 0;
  const MarketImpliedFit fit = fit_market_implied(matches, n, options);
  EXPECT_LT(fit.weighted_rss, 1e-24);
  for (const MarketImpliedMatch& m : matches) {
    const ExpectedGoals g = expected_goals(fitted_rates(fit.model), fitted_strength(fit.model, m.home), fitted_strength(fit.model, m.away));
    EXPECT_NEAR(std::log(g.home), m.log_rates.home, 1e-12);
    EXPECT_NEAR(std::log(g.away), m.log_rates.away, 1e-12);
  }
  EXPECT_NEAR(fit.model.phi(1), 0.25, 1e-12);  // the home advantage
}

// Identical input, identical bits.
TEST(MarketImpliedRatings, IsDeterministic) {
  const std::vector<MarketImpliedMatch> matches = league(8, 0.1, 11);
  const MarketImpliedFit a = fit_market_implied(matches, 8, {}), b = fit_market_implied(matches, 8, {});
  for (Eigen::Index k = 0; k < a.model.phi.size(); ++k) EXPECT_EQ(a.model.phi(k), b.model.phi(k));
}

// A match's margin-free 1X2 inverted: the rates reproduce it under the options' ρ.
TEST(MarketImpliedRatings, ImpliedRatesReproduceTheMarginFreeOdds) {
  MarketImpliedOptions options;
  const Probabilities fair = remove_margin(Probabilities{1.85, 3.6, 4.5}, MarginMethod::shin);
  const std::optional<ExpectedGoals> rates = implied_log_rates(fair, options);
  ASSERT_TRUE(rates);
  const Probabilities p = outcome_probabilities(
      dixon_coles_score_matrix(std::exp(rates->home), std::exp(rates->away), options.rho, options.max_goals, NegativeTau::floor));
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(p[k], fair[k], 1e-14);
  EXPECT_FALSE(implied_log_rates({1.0, 0.0, 0.0}, options));  // a certainty is no price
  EXPECT_FALSE(implied_log_rates({0.5, 0.3, 0.3}, options));  // not a distribution
  EXPECT_FALSE(implied_log_rates({0.99999, 0.000005, 0.000005}, options));  // beyond the matrix
}

TEST(MarketImpliedRatings, RefusesWhatCannotBeFitted) {
  std::vector<MarketImpliedMatch> matches = league(6, 0.1, 5);
  EXPECT_THROW(fit_market_implied({}, 6, {}), std::invalid_argument);
  EXPECT_THROW(fit_market_implied(matches, 7, {}), std::invalid_argument);  // team #6 never plays
  MarketImpliedOptions negative;
  negative.ridge = -1;
  EXPECT_THROW(fit_market_implied(matches, 6, negative), std::invalid_argument);
  matches[0].log_rates.home = NAN;
  EXPECT_THROW(fit_market_implied(matches, 6, {}), std::invalid_argument);
  matches[0].log_rates.home = 0;
  matches[1].weight = -1;
  EXPECT_THROW(fit_market_implied(matches, 6, {}), std::invalid_argument);
  try {
    fit_market_implied(league(6, 0.1, 5), 7, {});
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("team #6 has 0 matches"), std::string::npos) << e.what();
  }
}

TEST(ModelType, NamesRoundTripAndUnknownNamesAreRefused) {
  EXPECT_EQ(parse_model_type("dixon-coles"), ModelType::dixon_coles);
  EXPECT_EQ(parse_model_type("market-implied"), ModelType::market_implied);
  EXPECT_EQ(model_type_name(ModelType::market_implied), "market-implied");
  EXPECT_THROW(parse_model_type("Dixon-Coles"), std::invalid_argument);
  EXPECT_THROW(parse_model_type(""), std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
