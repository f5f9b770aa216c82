#include "core/league_statistics.hpp"

#include <cmath>
#include <stdexcept>

#include "core/dixon_coles_model.hpp"
#include "core/json_writer.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {

MeasuredLeagueStatistics measure_league_statistics(const std::vector<DixonColesMatch>& matches,
                                                   const std::vector<LeagueWindowMatch>& window,
                                                   const DixonColesFit& fit, int window_days, int max_goals) {
  if (matches.size() != window.size() || matches.empty())
    throw std::invalid_argument("league statistics need one window entry per training match");
  bool any_in_window = false;
  for (const LeagueWindowMatch& w : window) any_in_window |= w.days_before <= window_days;
  const DixonColesRates rates = fitted_rates(fit);
  double counts[3] = {0, 0, 0}, model_draw = 0, market_draw = 0;
  int n = 0;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (any_in_window && window[i].days_before > window_days) continue;
    const DixonColesMatch& m = matches[i];
    counts[m.home_goals > m.away_goals ? 0 : m.home_goals == m.away_goals ? 1 : 2] += 1;
    const ExpectedGoals goals = expected_goals(rates, fitted_strength(fit, m.home), fitted_strength(fit, m.away));
    const double draw = dixon_coles_draw_probability(goals.home, goals.away, rates.rho, max_goals, NegativeTau::floor);
    model_draw += draw;
    market_draw += std::isnan(window[i].market_draw) ? draw : window[i].market_draw;
    ++n;
  }
  MeasuredLeagueStatistics out;
  out.matches = n;
  out.window_days = window_days;
  LeagueStatistics& s = out.statistics;
  for (int k = 0; k < 3; ++k) s.base_rates[k] = (counts[k] + 1.0) / (n + 3.0);
  s.draw_rate = s.base_rates[1];
  s.mean_model_draw = model_draw / n;
  s.mean_market_draw = market_draw / n;
  return out;
}

std::string league_statistics_json(const MeasuredLeagueStatistics& measured) {
  const LeagueStatistics& s = measured.statistics;
  JsonObjectWriter json;
  json.integer("window_days", measured.window_days)
      .integer("matches", measured.matches)
      .number("home_rate", s.base_rates[0])
      .number("draw_rate", s.base_rates[1])
      .number("away_rate", s.base_rates[2])
      .number("mean_model_draw", s.mean_model_draw)
      .number("mean_market_draw", s.mean_market_draw);
  return json.finish();
}

}  // namespace jackpot::core
