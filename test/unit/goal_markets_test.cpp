#include "core/goal_markets.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

TEST(GoalMarkets, AddUpTheScoreMatrixCells) {
  Eigen::MatrixXd m(3, 3);  // rows home goals 0..2, columns away goals 0..2
  m << 0.10, 0.08, 0.02,
       0.15, 0.12, 0.05,
       0.20, 0.18, 0.10;
  const GoalMarkets g = goal_markets(m, 2.5, 3);
  EXPECT_NEAR(g.over, 0.05 + 0.18 + 0.10, 1e-15);   // 1-2, 2-1, 2-2
  EXPECT_NEAR(g.under, 1 - g.over, 1e-15);
  EXPECT_NEAR(g.both_teams_score, 0.12 + 0.05 + 0.18 + 0.10, 1e-15);
  EXPECT_NEAR(g.home_or_draw, 1 - (0.08 + 0.02 + 0.05), 1e-15);
  EXPECT_NEAR(g.draw_or_away, 0.10 + 0.12 + 0.10 + 0.08 + 0.02 + 0.05, 1e-15);
  ASSERT_EQ(g.top_scores.size(), 3u);
  EXPECT_EQ(g.top_scores[0].home_goals, 2);
  EXPECT_EQ(g.top_scores[0].away_goals, 0);
  EXPECT_EQ(g.top_scores[1].home_goals, 2);
  EXPECT_EQ(g.top_scores[1].away_goals, 1);
  EXPECT_EQ(g.top_scores[2].home_goals, 1);  // 1-0 at 0.15
}

TEST(GoalMarkets, AnIntegerLineLeavesThePushToNeitherSide) {
  const Eigen::MatrixXd m = dixon_coles_score_matrix(1.4, 1.1, -0.1, 10);
  const GoalMarkets g = goal_markets(m, 2.0, 0);
  double exactly_two = m(2, 0) + m(1, 1) + m(0, 2);
  EXPECT_NEAR(g.over + g.under + exactly_two, 1.0, 1e-15);
  EXPECT_TRUE(g.top_scores.empty());
  EXPECT_THROW(goal_markets(m, -0.5, 3), std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
