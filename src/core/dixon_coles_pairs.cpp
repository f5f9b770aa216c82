#include "core/dixon_coles_pairs.hpp"

#include <algorithm>
#include <cmath>

namespace jackpot::core {

DixonColesPairs::DixonColesPairs(const std::vector<DixonColesMatch>& matches, int team_count) {
  const std::size_t teams = static_cast<std::size_t>(std::max(team_count, 0));
  // (home, away) → index in pairs_, numbered in (home, away) order: the pairs come out sorted.
  std::vector<int> slot(teams * teams, -1);
  const auto cell_of = [teams](const DixonColesMatch& m) {
    return static_cast<std::size_t>(m.home) * teams + static_cast<std::size_t>(m.away);
  };
  for (const DixonColesMatch& m : matches) slot[cell_of(m)] = 0;
  for (std::size_t cell = 0; cell < slot.size(); ++cell) {
    if (slot[cell] < 0) continue;
    slot[cell] = static_cast<int>(pairs_.size());
    pairs_.push_back({});
    pairs_.back().home = static_cast<int>(cell / teams);
    pairs_.back().away = static_cast<int>(cell % teams);
  }
  std::vector<double> log_factorial;  // lgamma(k + 1) for the goal counts seen
  for (const DixonColesMatch& m : matches) {
    PairSums& p = pairs_[static_cast<std::size_t>(slot[cell_of(m)])];
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
}

}  // namespace jackpot::core
