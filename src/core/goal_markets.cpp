#include "core/goal_markets.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace jackpot::core {

GoalMarkets goal_markets(const Eigen::MatrixXd& m, double line, int top) {
  if (!(std::isfinite(line) && line >= 0)) throw std::invalid_argument("the goal line must be finite and >= 0");
  if (top < 0) throw std::invalid_argument("the number of correct scores must be >= 0");
  GoalMarkets out;
  double home = 0, draw = 0, away = 0;
  std::vector<CorrectScore> scores;
  scores.reserve(static_cast<std::size_t>(m.size()));
  for (Eigen::Index x = 0; x < m.rows(); ++x)
    for (Eigen::Index y = 0; y < m.cols(); ++y) {
      const double p = m(x, y);
      const double total = static_cast<double>(x + y);
      if (total > line) out.over += p;
      else if (total < line) out.under += p;
      if (x > 0 && y > 0) out.both_teams_score += p;
      (x > y ? home : x == y ? draw : away) += p;
      scores.push_back({static_cast<int>(x), static_cast<int>(y), p});
    }
  out.home_or_draw = home + draw;
  out.home_or_away = home + away;
  out.draw_or_away = draw + away;
  const auto more_likely = [](const CorrectScore& a, const CorrectScore& b) {
    return std::make_tuple(-a.probability, a.home_goals, a.away_goals) <
           std::make_tuple(-b.probability, b.home_goals, b.away_goals);
  };
  const std::size_t keep = std::min<std::size_t>(static_cast<std::size_t>(top), scores.size());
  std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(keep), scores.end(), more_likely);
  scores.resize(keep);
  out.top_scores = std::move(scores);
  return out;
}

}  // namespace jackpot::core
