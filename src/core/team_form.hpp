// The spec's rolling form statistics of each team (team_features): goals scored and conceded
// per match over its last 5, 10 and 20 matches, win and draw rates over its last 5 and 10, and
// its win rates at home and away over all the matches given. "Last" is by match order: the
// matches must be given oldest first. A statistic with no match behind it is NaN.
#pragma once
#include "core/pure_cpp.hpp"

#include <vector>

#include "core/dixon_coles.hpp"

namespace jackpot::core {

struct TeamForm {
  double goals_scored_5, goals_scored_10, goals_scored_20;
  double goals_conceded_5, goals_conceded_10, goals_conceded_20;
  double win_rate_5, win_rate_10, draw_rate_5, draw_rate_10;
  double home_win_rate, away_win_rate;
};

std::vector<TeamForm> team_form(const std::vector<DixonColesMatch>& matches_oldest_first, int team_count);

}  // namespace jackpot::core
