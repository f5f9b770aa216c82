// Markets read off one Dixon–Coles score matrix (docs/formulas/goal-markets.md): over/under a
// goal line, both teams to score, double chance and the most likely correct scores.
#pragma once
#include "core/pure_cpp.hpp"

#include <vector>

#include "core/eigen.hpp"

namespace jackpot::core {

struct CorrectScore {
  int home_goals, away_goals;
  double probability;
};

struct GoalMarkets {
  double over = 0, under = 0;  // P(total goals > line), P(total goals < line); an integer line
                               // leaves P(total = line) to neither side (a push)
  double both_teams_score = 0;
  double home_or_draw = 0, home_or_away = 0, draw_or_away = 0;  // 1X, 12, X2
  std::vector<CorrectScore> top_scores;  // most likely first; ties by fewer home, then away goals
};

// Throws std::invalid_argument unless line is finite and >= 0 and top >= 0.
GoalMarkets goal_markets(const Eigen::MatrixXd& score_matrix, double line, int top);

}  // namespace jackpot::core
