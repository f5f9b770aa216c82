#include "core/market_inversion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

Probabilities outcomes_of(double lambda, double mu, double rho, int max_goals = 8) {
  return outcome_probabilities(dixon_coles_score_matrix(lambda, mu, rho, max_goals, NegativeTau::floor));
}

// The 1X2 of known rates, inverted: the same rates, and the 1X2 reproduced to the last bits.
TEST(MarketInversion, RecoversTheRatesBehindA1X2) {
  for (const double rho : {0.0, -0.1, -0.13})
    for (const double lambda : {0.3, 0.8, 1.4, 2.2, 3.5})
      for (const double mu : {0.25, 0.9, 1.3, 2.8}) {
        const Probabilities target = outcomes_of(lambda, mu, rho);
        const MarketInversion r = expected_goals_of_outcomes(target, rho, 8);
        EXPECT_NEAR(r.goals.home, lambda, 1e-9 * lambda) << lambda << " " << mu << " " << rho;
        EXPECT_NEAR(r.goals.away, mu, 1e-9 * mu) << lambda << " " << mu << " " << rho;
        EXPECT_LE(r.residual, 2e-15) << lambda << " " << mu << " " << rho;
        // the residual is the engine's own score matrix's, not only the solver's sums'
        const Probabilities back = outcomes_of(r.goals.home, r.goals.away, rho);
        for (int k = 0; k < 3; ++k) EXPECT_NEAR(back[k], target[k], 2e-15) << lambda << " " << mu << " " << rho;
      }
}

// Brute force: a grid of rates around the answer holds no point that reproduces the 1X2 better.
TEST(MarketInversion, AgreesWithABruteForceSearch) {
  const Probabilities market{0.47, 0.27, 0.26};
  const MarketInversion r = expected_goals_of_outcomes(market, -0.13, 8);
  double best = INFINITY, best_lambda = 0, best_mu = 0;
  for (int i = 1; i <= 400; ++i)
    for (int j = 1; j <= 400; ++j) {
      const double lambda = 0.01 * i, mu = 0.01 * j;
      const Probabilities p = outcomes_of(lambda, mu, -0.13);
      const double error = std::max(std::abs(p[0] - market[0]), std::abs(p[2] - market[2]));
      if (error < best) {
        best = error;
        best_lambda = lambda;
        best_mu = mu;
      }
    }
  EXPECT_NEAR(r.goals.home, best_lambda, 0.01);
  EXPECT_NEAR(r.goals.away, best_mu, 0.01);
  EXPECT_LE(r.residual, best);
  EXPECT_LE(r.residual, 2e-15);
}

TEST(MarketInversion, RefusesWhatNoMatrixReproduces) {
  EXPECT_THROW(expected_goals_of_outcomes({0.5, 0.3, 0.3}, -0.1, 8), std::invalid_argument);   // sum 1.1
  EXPECT_THROW(expected_goals_of_outcomes({0.5, 0.5, 0.0}, -0.1, 8), std::invalid_argument);   // a zero
  EXPECT_THROW(expected_goals_of_outcomes({0.99999, 0.000005, 0.000005}, -0.1, 8), std::invalid_argument);  // beyond 8 goals
  EXPECT_THROW(expected_goals_of_outcomes({0.4, 0.3, 0.3}, NAN, 8), std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
