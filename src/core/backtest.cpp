#include "core/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "core/dixon_coles_model.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {

namespace {

// The training rows before `as_of`, without the teams that have fewer than min_matches of them
// (repeated, as dropping a team's matches can leave another short): such a team cannot be rated,
// and its matches in the step are skipped.
struct Training {
  std::vector<DixonColesMatch> matches;
  std::vector<ExpectedGoals> log_rates;  // market-implied: per training match
  std::vector<LeagueWindowMatch> window;
  std::vector<std::int32_t> team_ids;
  std::map<std::int32_t, int> index_of;
};

// A market-implied step trains only on matches whose odds were inverted (rates[i] set).
Training training_before(const std::vector<BacktestMatch>& all, const std::vector<std::optional<ExpectedGoals>>& rates,
                         std::size_t end, int as_of, const BacktestOptions& o) {
  const bool market = o.model_type == ModelType::market_implied;
  std::vector<char> keep(end, 1);
  if (market)
    for (std::size_t i = 0; i < end; ++i) keep[i] = rates[i].has_value();
  std::map<std::int32_t, int> counts;
  for (bool changed = true; changed;) {
    changed = false;
    counts.clear();
    for (std::size_t i = 0; i < end; ++i)
      if (keep[i]) {
        ++counts[all[i].home];
        ++counts[all[i].away];
      }
    for (std::size_t i = 0; i < end; ++i)
      if (keep[i] && (counts[all[i].home] < o.fit.min_matches_per_team || counts[all[i].away] < o.fit.min_matches_per_team)) {
        keep[i] = 0;
        changed = true;
      }
  }
  Training t;
  for (const auto& [team, n] : counts)
    if (n > 0) {
      t.index_of[team] = static_cast<int>(t.team_ids.size());
      t.team_ids.push_back(team);
    }
  for (std::size_t i = 0; i < end; ++i) {
    if (!keep[i]) continue;
    const BacktestMatch& m = all[i];
    const int days = as_of - m.day;
    t.matches.push_back({t.index_of[m.home], t.index_of[m.away], m.home_goals, m.away_goals, decay_weight(o.xi, days)});
    t.window.push_back({days, m.market_draw});
    if (market) t.log_rates.push_back(*rates[i]);
  }
  return t;
}

// The step's fit of either type, in Dixon–Coles' layout.
DixonColesFit fit_step(const Training& training, const BacktestOptions& o, bool& rho_fixed_fallback) {
  const int teams = static_cast<int>(training.team_ids.size());
  if (o.model_type == ModelType::market_implied) {
    std::vector<MarketImpliedMatch> matches;
    matches.reserve(training.matches.size());
    for (std::size_t i = 0; i < training.matches.size(); ++i) {
      const DixonColesMatch& m = training.matches[i];
      matches.push_back({m.home, m.away, m.home_goals, m.away_goals, m.weight, training.log_rates[i]});
    }
    MarketImpliedOptions options = o.market;
    options.min_matches_per_team = o.fit.min_matches_per_team;
    return fit_market_implied(matches, teams, options).model;
  }
  try {
    return fit_dixon_coles(training.matches, teams, o.fit);
  } catch (const std::invalid_argument&) {
    // ρ's feasible interval can bind (the likelihood rises toward a τ = 0 boundary): the
    // step is then fitted with ρ fixed at the configured value, and says so.
    if (!o.fit.fit_rho) throw;
    DixonColesOptions fixed = o.fit;
    fixed.fit_rho = false;
    rho_fixed_fallback = true;
    return fit_dixon_coles(training.matches, teams, fixed);
  }
}

// Each match's implied log-rates, inverted once for every step (market-implied backtests only).
std::vector<std::optional<ExpectedGoals>> implied_rates(const std::vector<BacktestMatch>& matches, const BacktestOptions& o,
                                                        std::size_t& unusable) {
  std::vector<std::optional<ExpectedGoals>> rates(matches.size());
  if (o.model_type != ModelType::market_implied) return rates;
  MarketImpliedOptions options = o.market;
  options.max_goals = o.max_goals;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (matches[i].market) rates[i] = implied_log_rates(*matches[i].market, options);
    if (!rates[i]) ++unusable;
  }
  return rates;
}

}  // namespace

BacktestResult run_backtest(const std::vector<BacktestMatch>& matches, const BacktestOptions& o,
                            const std::function<void(int, int)>& progress) {
  if (o.last_day < o.first_day) throw std::invalid_argument("the backtest window ends before it starts");
  if (o.step_days < 1) throw std::invalid_argument("a backtest step must be at least one day");
  require_decay_rate(o.xi);
  validate_set_parameters(o.sets);
  for (std::size_t i = 1; i < matches.size(); ++i)
    if (matches[i].day < matches[i - 1].day) throw std::invalid_argument("backtest matches must be sorted by date");

  // The steps that have matches to predict.
  std::vector<int> step_starts;
  for (int start = o.first_day; start <= o.last_day; start += o.step_days) {
    const int end = std::min(start + o.step_days, o.last_day + 1);
    const auto first = std::lower_bound(matches.begin(), matches.end(), start,
                                        [](const BacktestMatch& m, int day) { return m.day < day; });
    if (first != matches.end() && first->day < end) step_starts.push_back(start);
  }
  BacktestResult result;
  result.steps = static_cast<int>(step_starts.size());
  const std::vector<std::optional<ExpectedGoals>> rates = implied_rates(matches, o, result.unusable_odds);
  for (int s = 0; s < result.steps; ++s) {
    progress(s, result.steps);
    const int start = step_starts[s];
    const int end = std::min(start + o.step_days, o.last_day + 1);
    const std::size_t train_end = static_cast<std::size_t>(
        std::lower_bound(matches.begin(), matches.end(), start, [](const BacktestMatch& m, int day) { return m.day < day; }) -
        matches.begin());
    std::size_t step_end = train_end;
    while (step_end < matches.size() && matches[step_end].day < end) ++step_end;

    Training training = training_before(matches, rates, train_end, start, o);
    BacktestFit record;
    record.as_of = start;
    try {
      if (training.matches.empty()) throw std::invalid_argument("no training matches");
      record.fit = fit_step(training, o, record.rho_fixed_fallback);
    } catch (const std::invalid_argument&) {
      result.skipped += step_end - train_end;  // no usable fit for this step
      ++result.failed_fits;
      continue;
    }
    record.team_ids = training.team_ids;
    record.training_matches = training.matches.size();
    record.league = measure_league_statistics(training.matches, training.window, record.fit, o.league_statistics_days,
                                              o.max_goals);
    const DixonColesRates rates = fitted_rates(record.fit);
    const std::size_t fit_index = result.fits.size();
    result.fits.push_back(std::move(record));
    const BacktestFit& fitted = result.fits.back();
    for (std::size_t i = train_end; i < step_end; ++i) {
      const BacktestMatch& m = matches[i];
      const auto home = training.index_of.find(m.home), away = training.index_of.find(m.away);
      if (home == training.index_of.end() || away == training.index_of.end()) {
        ++result.skipped;
        continue;
      }
      const ExpectedGoals goals =
          expected_goals(rates, fitted_strength(fitted.fit, home->second), fitted_strength(fitted.fit, away->second));
      const Probabilities model =
          outcome_probabilities(dixon_coles_score_matrix(goals.home, goals.away, rates.rho, o.max_goals, NegativeTau::floor));
      try {
        result.predictions.push_back(
            {i, fit_index, goals.home, goals.away, prediction_sets(model, m.odds, fitted.league.statistics, o.sets)});
      } catch (const std::invalid_argument&) {
        ++result.skipped;  // odds the margin method cannot use (e.g. additive on a long shot)
      }
    }
  }
  return result;
}

}  // namespace jackpot::core
