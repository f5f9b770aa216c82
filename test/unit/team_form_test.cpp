#include "core/team_form.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace jackpot::core {
namespace {

TEST(TeamForm, RollingStatisticsUseTheMostRecentMatches) {
  // team 0 plays 12 matches, oldest first: six 0-1 away defeats, then six 3-0 home wins
  std::vector<DixonColesMatch> matches;
  for (int k = 0; k < 6; ++k) matches.push_back({1, 0, 1, 0, 1.0});
  for (int k = 0; k < 6; ++k) matches.push_back({0, 1, 3, 0, 1.0});
  const std::vector<TeamForm> form = team_form(matches, 3);
  EXPECT_DOUBLE_EQ(form[0].goals_scored_5, 3.0);    // last five: wins
  EXPECT_DOUBLE_EQ(form[0].goals_scored_10, 1.8);   // six wins (18 goals) and four defeats, over ten
  EXPECT_DOUBLE_EQ(form[0].goals_scored_20, 1.5);   // all twelve
  EXPECT_DOUBLE_EQ(form[0].goals_conceded_10, 0.4);
  EXPECT_DOUBLE_EQ(form[0].win_rate_5, 1.0);
  EXPECT_DOUBLE_EQ(form[0].win_rate_10, 0.6);
  EXPECT_DOUBLE_EQ(form[0].draw_rate_10, 0.0);
  EXPECT_DOUBLE_EQ(form[0].home_win_rate, 1.0);
  EXPECT_DOUBLE_EQ(form[0].away_win_rate, 0.0);
  EXPECT_DOUBLE_EQ(form[1].home_win_rate, 1.0);
  EXPECT_TRUE(std::isnan(form[2].goals_scored_5));  // never played
}

}  // namespace
}  // namespace jackpot::core
