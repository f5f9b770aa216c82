// jackpot.backtest(league_code, from_date, to_date, refit_every, xi, model_type): reads the
// league's matches once (match_history), runs the core's rolling-origin backtest of either model
// type, and writes the run, its fits and its out-of-sample predictions (backtests_table;
// docs/backtests.md).
#include <algorithm>
#include <string>
#include <vector>

#include "core/backtest.hpp"
#include "core/dixon_coles_model.hpp"
#include "core/model_type.hpp"
#include "core/settings.hpp"
#include "pg/backtests_table.hpp"
#include "pg/datum.hpp"
#include "pg/leagues.hpp"
#include "pg/match_history.hpp"
#include "pg/prediction_inputs.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

int interval_days(const Interval* step) {
  if (step->month != 0 || step->time % USECS_PER_DAY != 0)
    throw std::invalid_argument("refit_every must be a whole number of days or weeks (no months, no hours)");
  const std::int64_t days = step->day + step->time / USECS_PER_DAY;
  if (days < 1 || days > 3660) throw std::invalid_argument("refit_every must be between 1 day and 10 years");
  return static_cast<int>(days);
}

core::BacktestOptions backtest_options(FunctionCallInfo fcinfo, const core::Settings& settings) {
  for (int i = 0; i < 4; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("league_code, from_date, to_date and refit_every must not be NULL");
  if (PG_ARGISNULL(5)) throw std::invalid_argument("model_type must not be NULL");
  const DateADT from_date = PG_GETARG_DATEADT(1), to_date = PG_GETARG_DATEADT(2);
  if (DATE_NOT_FINITE(from_date) || DATE_NOT_FINITE(to_date)) throw std::invalid_argument("the backtest window must have finite dates");
  if (to_date < from_date) throw std::invalid_argument("to_date " + date_text(to_date) + " is before from_date " + date_text(from_date));
  core::BacktestOptions options;
  options.first_day = from_date;
  options.last_day = to_date;
  options.step_days = interval_days(PG_GETARG_INTERVAL_P(3));
  options.model_type = core::parse_model_type(text_argument(fcinfo, 5));
  const bool market = options.model_type == core::ModelType::market_implied;
  options.xi = !PG_ARGISNULL(4) ? PG_GETARG_FLOAT8(4) : market ? settings.market_implied_xi : settings.time_decay_xi;
  core::require_decay_rate(options.xi);
  options.fit.initial_home_advantage = settings.home_advantage;
  options.market.rho = settings.market_implied_rho;
  options.market.ridge = settings.market_implied_ridge;
  options.sets = set_parameters(settings);
  options.league_statistics_days = settings.league_statistics_days;
  options.max_goals = settings.max_goals;
  return options;
}

void notice(const std::string& message) {
  const char* text = message.c_str();
  call_postgres([text] { ereport(NOTICE, (errmsg("%s", text))); });
}

// Runs the backtest, reporting progress every tenth of the steps and a summary as NOTICEs.
core::BacktestResult run_reported(const std::string& league, const std::vector<core::BacktestMatch>& matches,
                                  const core::BacktestOptions& options) {
  int last_reported = -1;
  const core::BacktestResult result = core::run_backtest(matches, options, [&](int s, int steps) {
    check_for_interrupts();
    const int tenth = steps > 0 ? 10 * s / steps : 0;
    if (tenth == last_reported) return;
    last_reported = tenth;
    notice("backtest " + league + ": step " + std::to_string(s + 1) + " of " + std::to_string(steps) + " (" +
           std::to_string(10 * tenth) + "%)");
  });
  const auto fixed = std::count_if(result.fits.begin(), result.fits.end(), [](const core::BacktestFit& f) { return f.rho_fixed_fallback; });
  notice("backtest " + league + ": " + std::to_string(result.predictions.size()) + " matches predicted, " +
         std::to_string(result.skipped) + " skipped, " + std::to_string(result.fits.size()) + " fits (" +
         (options.model_type == core::ModelType::market_implied
              ? std::to_string(result.unusable_odds) + " matches without usable closing odds not trained on"
              : std::to_string(fixed) + " with rho fixed") +
         "), " + std::to_string(result.failed_fits) + " steps without a fit");
  return result;
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_backtest) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  const core::Settings settings = current_settings();
  const core::BacktestOptions options = backtest_options(fcinfo, settings);
  const std::string league_code(text_argument(fcinfo, 0));
  SpiConnection spi;
  const std::int32_t league_id = league_id_of(league_code);
  const std::vector<core::BacktestMatch> matches = read_backtest_matches(league_id, options.last_day);
  if (std::none_of(matches.begin(), matches.end(), [&](const core::BacktestMatch& m) { return m.day >= options.first_day; }))
    throw SqlStateError(ERRCODE_NO_DATA_FOUND, "league " + league_code + " has no matches between " +
                                                   date_text(options.first_day) + " and " + date_text(options.last_day));
  const core::BacktestResult result = run_reported(league_code, matches, options);
  const Datum run = record_backtest({league_id, options.first_day, options.last_day, PG_GETARG_INTERVAL_P(3), options.xi,
                                     std::string(core::model_type_name(options.model_type)),
                                     core::settings_to_json(settings), started_at},
                                    matches, result);
  spi.finish();
  return run;
}
