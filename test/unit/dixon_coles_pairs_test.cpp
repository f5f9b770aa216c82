#include "core/dixon_coles_pairs.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace jackpot::core {
namespace {

TEST(DixonColesPairs, SumsEachPairsMatchesInHomeAwayOrder) {
  const std::vector<DixonColesMatch> matches = {
      {2, 0, 1, 1, 0.5},  // a 1-1
      {0, 1, 3, 0, 1.0},
      {2, 0, 0, 1, 0.25},  // a 0-1
      {0, 1, 1, 0, 2.0},   // a 1-0
      {1, 2, 2, 2, 1.0},
  };
  const DixonColesPairs pairs(matches, 3);
  ASSERT_EQ(pairs.pairs().size(), 3u);
  const PairSums& first = pairs.pairs()[0];
  EXPECT_EQ(first.home, 0);
  EXPECT_EQ(first.away, 1);
  EXPECT_DOUBLE_EQ(first.weight, 3.0);
  EXPECT_DOUBLE_EQ(first.home_goals, 1.0 * 3 + 2.0 * 1);
  EXPECT_DOUBLE_EQ(first.away_goals, 0.0);
  EXPECT_DOUBLE_EQ(first.cell_weight[2], 2.0);  // the 1-0
  EXPECT_FALSE(first.cell_seen[0]);
  EXPECT_EQ(pairs.pairs()[1].home, 1);
  EXPECT_FALSE(pairs.pairs()[1].cell_seen[3]);  // 2-2 is no low score
  const PairSums& last = pairs.pairs()[2];
  EXPECT_EQ(last.home, 2);
  EXPECT_EQ(last.away, 0);
  EXPECT_DOUBLE_EQ(last.cell_weight[3], 0.5);
  EXPECT_DOUBLE_EQ(last.cell_weight[1], 0.25);
  // Σ w (log x! + log y!): log 3! for the 3-0, log 2! twice for the 2-2
  EXPECT_NEAR(pairs.log_factorial_term(), std::log(6.0) + 2 * std::log(2.0), 1e-15);
}

TEST(DixonColesPairs, AScoreOfWeightZeroIsSeenButWeighsNothing) {
  // τ of a score that happened must stay positive even when the match no longer weighs
  const DixonColesPairs pairs({{0, 1, 0, 0, 0.0}, {0, 1, 2, 1, 1.0}}, 2);
  ASSERT_EQ(pairs.pairs().size(), 1u);
  EXPECT_TRUE(pairs.pairs()[0].cell_seen[0]);
  EXPECT_EQ(pairs.pairs()[0].cell_weight[0], 0.0);
  EXPECT_DOUBLE_EQ(pairs.pairs()[0].weight, 1.0);
}

TEST(DixonColesPairs, TheLikelihoodOverPairsEqualsTheSumOverMatches) {
  // the per-match Dixon–Coles log-likelihood, written out, against the one the pairs give
  const std::vector<DixonColesMatch> matches = {
      {0, 1, 0, 0, 0.9}, {1, 0, 1, 0, 0.8}, {0, 2, 2, 1, 1.0}, {2, 1, 0, 1, 0.7},
      {1, 2, 1, 1, 0.6}, {2, 0, 3, 3, 0.5}, {0, 1, 4, 0, 1.0}, {1, 2, 0, 2, 0.4}};
  const DixonColesLayout layout{3};
  Eigen::VectorXd phi(layout.size());
  phi << 0.1, 0.3, 0.2, -0.05, -0.15, 0.1, 0.0, -0.1, -0.08;
  double expected = 0;
  for (const DixonColesMatch& m : matches) {
    const double lambda = std::exp(phi[0] + phi[1] + phi[layout.attack(m.home)] - phi[layout.defence(m.away)]);
    const double mu = std::exp(phi[0] + phi[layout.attack(m.away)] - phi[layout.defence(m.home)]);
    expected += m.weight * (m.home_goals * std::log(lambda) - lambda - std::lgamma(m.home_goals + 1.0) +
                            m.away_goals * std::log(mu) - mu - std::lgamma(m.away_goals + 1.0) +
                            std::log(dixon_coles_tau(m.home_goals, m.away_goals, lambda, mu, phi[layout.rho()])));
  }
  EXPECT_NEAR(dixon_coles_log_likelihood(matches, layout, phi), expected, 1e-12);
}

}  // namespace
}  // namespace jackpot::core
