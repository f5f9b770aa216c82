#include "core/team_form.hpp"

#include <limits>

namespace jackpot::core {

namespace {
struct Played {
  int scored;
  int conceded;
};
double share(int count, int of) {
  return of == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(count) / of;
}
}  // namespace

std::vector<TeamForm> team_form(const std::vector<DixonColesMatch>& matches, int team_count) {
  std::vector<std::vector<Played>> recent(static_cast<std::size_t>(team_count));  // newest first
  std::vector<int> home_played(team_count, 0), home_won(team_count, 0), away_played(team_count, 0), away_won(team_count, 0);
  for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
    const DixonColesMatch& m = *it;
    if (recent[m.home].size() < 20) recent[m.home].push_back({m.home_goals, m.away_goals});
    if (recent[m.away].size() < 20) recent[m.away].push_back({m.away_goals, m.home_goals});
    ++home_played[m.home];
    ++away_played[m.away];
    if (m.home_goals > m.away_goals) ++home_won[m.home];
    if (m.away_goals > m.home_goals) ++away_won[m.away];
  }
  std::vector<TeamForm> form(static_cast<std::size_t>(team_count));
  for (int t = 0; t < team_count; ++t) {
    const std::vector<Played>& r = recent[t];
    const auto over = [&](std::size_t last, auto value) {
      const std::size_t n = std::min(last, r.size());
      double sum = 0;
      for (std::size_t k = 0; k < n; ++k) sum += value(r[k]);
      return n == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(n);
    };
    const auto scored = [](const Played& p) { return static_cast<double>(p.scored); };
    const auto conceded = [](const Played& p) { return static_cast<double>(p.conceded); };
    const auto won = [](const Played& p) { return p.scored > p.conceded ? 1.0 : 0.0; };
    const auto drew = [](const Played& p) { return p.scored == p.conceded ? 1.0 : 0.0; };
    form[t] = {over(5, scored), over(10, scored), over(20, scored), over(5, conceded), over(10, conceded),
               over(20, conceded), over(5, won), over(10, won), over(5, drew), over(10, drew),
               share(home_won[t], home_played[t]), share(away_won[t], away_played[t])};
  }
  return form;
}

}  // namespace jackpot::core
