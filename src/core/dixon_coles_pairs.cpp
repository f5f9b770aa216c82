#include "core/dixon_coles_pairs.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace jackpot::core {

DixonColesPairs::DixonColesPairs(const std::vector<DixonColesMatch>& matches, int team_count) {
  const std::size_t teams = static_cast<std::size_t>(std::max(team_count, 0));
  std::vector<int> slot(teams * teams, -1);  // (home, away) → index in pairs_
  std::vector<double> log_factorial;         // lgamma(k + 1) for the goal counts seen
  for (const DixonColesMatch& m : matches) {
    int& at = slot[static_cast<std::size_t>(m.home) * teams + static_cast<std::size_t>(m.away)];
    if (at < 0) {
      at = static_cast<int>(pairs_.size());
      pairs_.push_back({});
      pairs_.back().home = m.home;
      pairs_.back().away = m.away;
    }
    PairSums& p = pairs_[static_cast<std::size_t>(at)];
    const double w = m.weight;
    p.weight += w;
    p.home_goals += w * m.home_goals;
    p.away_goals += w * m.away_goals;
    if (m.home_goals <= 1 && m.away_goals <= 1) {
      const int cell = m.home_goals * 2 + m.away_goals;
      p.cell_weight[cell] += w;
      p.cell_seen[cell] = true;
    }
    const int most = std::max(m.home_goals, m.away_goals);
    for (int k = static_cast<int>(log_factorial.size()); k <= most; ++k) log_factorial.push_back(std::lgamma(k + 1.0));
    log_factorial_term_ += w * (log_factorial[static_cast<std::size_t>(m.home_goals)] +
                                log_factorial[static_cast<std::size_t>(m.away_goals)]);
  }
  std::sort(pairs_.begin(), pairs_.end(),
            [](const PairSums& a, const PairSums& b) { return std::tie(a.home, a.away) < std::tie(b.home, b.away); });
}

}  // namespace jackpot::core
