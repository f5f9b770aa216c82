// jackpot.backtest(league_code, from_date, to_date, refit_every, xi): reads the league's matches
// once, runs the core's rolling-origin backtest, and writes the run, its fits and its
// out-of-sample predictions in one statement (docs/backtests.md).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/backtest.hpp"
#include "core/json_writer.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/prediction_inputs.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

constexpr const char* kLeague = "SELECT id FROM jackpot.leagues WHERE code = $1";

constexpr const char* kMatches =
    "SELECT m.id, m.match_date, m.home_team_id, m.away_team_id, m.home_goals, m.away_goals,"
    "       (m.closing_odds ->> 'home')::float8, (m.closing_odds ->> 'draw')::float8,"
    "       (m.closing_odds ->> 'away')::float8, m.prob_draw_market"
    "  FROM jackpot.matches AS m"
    " WHERE m.league_id = $1 AND m.match_date <= $2"
    " ORDER BY m.match_date, m.home_team_id, m.away_team_id";

constexpr const char* kInsertBacktest =
    "INSERT INTO jackpot.backtests (league_id, from_date, to_date, refit_every, xi, settings, steps,"
    "    predicted_matches, skipped_matches, started_at, completed_at)"
    "VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, clock_timestamp()) RETURNING *";

constexpr const char* kInsertFits =
    "INSERT INTO jackpot.backtest_fits (backtest_id, as_of, training_matches, parameters, team_strengths)"
    "SELECT $1, f.as_of, f.n, f.parameters::jsonb, f.strengths::jsonb"
    "  FROM unnest($2::date[], $3::int[], $4::text[], $5::text[]) AS f(as_of, n, parameters, strengths)";

constexpr const char* kFitIds = "SELECT as_of, id FROM jackpot.backtest_fits WHERE backtest_id = $1";

constexpr const char* kInsertPredictions =
    "INSERT INTO jackpot.backtest_predictions (backtest_id, fit_id, match_id, set_id, prob_home, prob_draw,"
    "    prob_away, lambda_home, lambda_away, model_prob_home, model_prob_draw, model_prob_away,"
    "    market_prob_home, market_prob_draw, market_prob_away, blend_alpha)"
    "SELECT $1, p.fit, p.match, p.set::jackpot.prediction_set, p.h, p.d, p.a, p.lh, p.la, p.mh, p.md, p.ma,"
    "       p.qh, p.qd, p.qa, p.alpha"
    "  FROM unnest($2::int8[], $3::int8[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],"
    "              $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[],"
    "              $15::float8[], $16::float8[])"
    "    AS p(fit, match, set, h, d, a, lh, la, mh, md, ma, qh, qd, qa, alpha)";

int interval_days(const Interval* step) {
  if (step->month != 0 || step->time % USECS_PER_DAY != 0)
    throw std::invalid_argument("refit_every must be a whole number of days or weeks (no months, no hours)");
  const std::int64_t days = step->day + step->time / USECS_PER_DAY;
  if (days < 1 || days > 3660) throw std::invalid_argument("refit_every must be between 1 day and 10 years");
  return static_cast<int>(days);
}

std::string fit_parameters(const core::BacktestFit& f) {
  const core::DixonColesLayout layout{f.fit.teams};
  core::JsonObjectWriter json;
  json.number("rho", f.fit.phi(layout.rho()))
      .number("home_advantage", f.fit.phi(layout.home_advantage()))
      .number("intercept", f.fit.phi(layout.intercept()))
      .number("log_likelihood", f.fit.log_likelihood)
      .number("gradient_norm", f.fit.gradient_norm)
      .integer("iterations", f.fit.iterations)
      .boolean("converged", f.fit.converged)
      .boolean("fit_rho", !f.rho_fixed_fallback)
      .number("sum_weights", f.fit.sum_weights)
      .raw("league_statistics", core::league_statistics_json(f.league));
  return json.finish();
}

std::string fit_strengths(const core::BacktestFit& f) {
  const core::DixonColesLayout layout{f.fit.teams};
  core::JsonObjectWriter json;
  for (int i = 0; i < f.fit.teams; ++i) {
    core::JsonObjectWriter team;
    team.number("attack", f.fit.phi(layout.attack(i))).number("defence", f.fit.phi(layout.defence(i)));
    json.raw(std::to_string(f.team_ids[static_cast<std::size_t>(i)]), team.finish());
  }
  return json.finish();
}

void notice(const std::string& message) {
  const char* text = message.c_str();
  call_postgres([text] { ereport(NOTICE, (errmsg("%s", text))); });
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_backtest) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  for (int i = 0; i < 4; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("league_code, from_date, to_date and refit_every must not be NULL");
  const std::string league_code(text_argument(fcinfo, 0));
  const DateADT from_date = PG_GETARG_DATEADT(1), to_date = PG_GETARG_DATEADT(2);
  if (DATE_NOT_FINITE(from_date) || DATE_NOT_FINITE(to_date)) throw std::invalid_argument("the backtest window must have finite dates");
  if (to_date < from_date) throw std::invalid_argument("to_date " + date_text(to_date) + " is before from_date " + date_text(from_date));
  const Interval* step = PG_GETARG_INTERVAL_P(3);
  const core::Settings settings = current_settings();

  core::BacktestOptions options;
  options.first_day = from_date;
  options.last_day = to_date;
  options.step_days = interval_days(step);
  options.xi = PG_ARGISNULL(4) ? settings.time_decay_xi : PG_GETARG_FLOAT8(4);
  if (!(std::isfinite(options.xi) && options.xi >= 0))
    throw std::invalid_argument("xi must be a finite decay rate >= 0 per day, not " + core::describe_number(options.xi));
  options.fit.initial_home_advantage = settings.home_advantage;
  options.sets = set_parameters(settings);
  options.league_statistics_days = settings.league_statistics_days;
  options.max_goals = settings.max_goals;

  SpiConnection spi;
  if (spi_execute(kLeague, {{TEXTOID, text_datum(league_code)}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown league \"" + league_code + "\"",
                        "Ingest it first with jackpot.ingest_football_data().");
  const std::int32_t league_id = DatumGetInt32(*spi_value(0, 1));
  const std::uint64_t rows = spi_execute(kMatches, {{INT4OID, Int32GetDatum(league_id)}, {DATEOID, DateADTGetDatum(to_date)}});
  std::vector<core::BacktestMatch> matches;
  matches.reserve(rows);
  for (std::uint64_t r = 0; r < rows; ++r) {
    core::BacktestMatch m{DatumGetInt64(*spi_value(r, 1)), DatumGetDateADT(*spi_value(r, 2)),
                          DatumGetInt32(*spi_value(r, 3)), DatumGetInt32(*spi_value(r, 4)),
                          DatumGetInt32(*spi_value(r, 5)), DatumGetInt32(*spi_value(r, 6)), std::nullopt,
                          std::numeric_limits<double>::quiet_NaN()};
    const auto h = spi_value(r, 7), d = spi_value(r, 8), a = spi_value(r, 9), market = spi_value(r, 10);
    if (h && d && a) m.odds = core::Probabilities{DatumGetFloat8(*h), DatumGetFloat8(*d), DatumGetFloat8(*a)};
    if (market) m.market_draw = DatumGetFloat8(*market);
    matches.push_back(m);
  }
  if (std::none_of(matches.begin(), matches.end(), [&](const core::BacktestMatch& m) { return m.day >= from_date; }))
    throw SqlStateError(ERRCODE_NO_DATA_FOUND, "league " + league_code + " has no matches between " + date_text(from_date) +
                                                   " and " + date_text(to_date));

  int last_reported = -1;
  const core::BacktestResult result = core::run_backtest(matches, options, [&](int s, int steps) {
    check_for_interrupts();
    const int tenth = steps > 0 ? 10 * s / steps : 0;
    if (tenth != last_reported) {
      last_reported = tenth;
      notice("backtest " + league_code + ": step " + std::to_string(s + 1) + " of " + std::to_string(steps) + " (" +
             std::to_string(10 * tenth) + "%)");
    }
  });
  notice("backtest " + league_code + ": " + std::to_string(result.predictions.size()) + " matches predicted, " +
         std::to_string(result.skipped) + " skipped, " + std::to_string(result.fits.size()) + " fits (" +
         std::to_string(std::count_if(result.fits.begin(), result.fits.end(), [](const core::BacktestFit& f) { return f.rho_fixed_fallback; })) +
         " with rho fixed), " + std::to_string(result.failed_fits) + " steps without a fit");

  // The run, then its fits, then the predictions (7 per match).
  Interval* step_copy = const_cast<Interval*>(step);
  spi_execute(kInsertBacktest, {{INT4OID, Int32GetDatum(league_id)},
                                {DATEOID, DateADTGetDatum(from_date)},
                                {DATEOID, DateADTGetDatum(to_date)},
                                {INTERVALOID, IntervalPGetDatum(step_copy)},
                                {FLOAT8OID, Float8GetDatum(options.xi)},
                                {TEXTOID, text_datum(core::settings_to_json(settings))},
                                {INT4OID, Int32GetDatum(result.steps)},
                                {INT4OID, Int32GetDatum(static_cast<std::int32_t>(result.predictions.size()))},
                                {INT4OID, Int32GetDatum(static_cast<std::int32_t>(result.skipped))},
                                {TIMESTAMPTZOID, TimestampTzGetDatum(started_at)}});
  const Datum run = call_postgres([] { return PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc)); });
  const std::int64_t backtest_id = DatumGetInt64(*spi_value(0, SPI_fnumber(SPI_tuptable->tupdesc, "id")));

  std::vector<DateADT> as_of;
  std::vector<std::int32_t> training;
  std::vector<std::string> parameters, strengths;
  for (const core::BacktestFit& f : result.fits) {
    as_of.push_back(f.as_of);
    training.push_back(static_cast<std::int32_t>(f.training_matches));
    parameters.push_back(fit_parameters(f));
    strengths.push_back(fit_strengths(f));
  }
  spi_execute(kInsertFits, {{INT8OID, Int64GetDatum(backtest_id)},
                            {DATEARRAYOID, date_array(as_of)},
                            {INT4ARRAYOID, int4_array(training)},
                            {TEXTARRAYOID, text_array(parameters)},
                            {TEXTARRAYOID, text_array(strengths)}});
  std::map<DateADT, std::int64_t> fit_id;
  const std::uint64_t fits = spi_execute(kFitIds, {{INT8OID, Int64GetDatum(backtest_id)}});
  for (std::uint64_t r = 0; r < fits; ++r) fit_id[DatumGetDateADT(*spi_value(r, 1))] = DatumGetInt64(*spi_value(r, 2));

  const std::size_t n = result.predictions.size() * core::kPredictionSets;
  std::vector<std::int64_t> fit_ids, match_ids;
  std::vector<std::string> set_ids;
  std::vector<std::optional<double>> h, d, a, lh, la, mh, md, ma, qh, qd, qa, alpha;
  for (auto* v : {&h, &d, &a, &lh, &la, &mh, &md, &ma, &qh, &qd, &qa, &alpha}) v->reserve(n);
  fit_ids.reserve(n);
  match_ids.reserve(n);
  set_ids.reserve(n);
  static const char* const kSetNames[] = {"A", "B", "C", "D", "E", "F", "G"};
  for (const core::BacktestPrediction& p : result.predictions) {
    const auto& market = p.sets.market;
    for (int s = 0; s < core::kPredictionSets; ++s) {
      const core::SetPrediction& set = p.sets.sets[static_cast<std::size_t>(s)];
      fit_ids.push_back(fit_id.at(result.fits[p.fit].as_of));
      match_ids.push_back(matches[p.match].id);
      set_ids.emplace_back(kSetNames[s]);
      h.emplace_back(set.probs[0]);
      d.emplace_back(set.probs[1]);
      a.emplace_back(set.probs[2]);
      lh.emplace_back(p.lambda);
      la.emplace_back(p.mu);
      mh.emplace_back(p.sets.model[0]);
      md.emplace_back(p.sets.model[1]);
      ma.emplace_back(p.sets.model[2]);
      qh.push_back(market ? std::optional<double>((*market)[0]) : std::nullopt);
      qd.push_back(market ? std::optional<double>((*market)[1]) : std::nullopt);
      qa.push_back(market ? std::optional<double>((*market)[2]) : std::nullopt);
      alpha.push_back(set.blend_alpha);
    }
  }
  spi_execute(kInsertPredictions, {{INT8OID, Int64GetDatum(backtest_id)},
                                   {INT8ARRAYOID, int8_array(fit_ids)},
                                   {INT8ARRAYOID, int8_array(match_ids)},
                                   {TEXTARRAYOID, text_array(set_ids)},
                                   {FLOAT8ARRAYOID, float8_array(h)},
                                   {FLOAT8ARRAYOID, float8_array(d)},
                                   {FLOAT8ARRAYOID, float8_array(a)},
                                   {FLOAT8ARRAYOID, float8_array(lh)},
                                   {FLOAT8ARRAYOID, float8_array(la)},
                                   {FLOAT8ARRAYOID, float8_array(mh)},
                                   {FLOAT8ARRAYOID, float8_array(md)},
                                   {FLOAT8ARRAYOID, float8_array(ma)},
                                   {FLOAT8ARRAYOID, float8_array(qh)},
                                   {FLOAT8ARRAYOID, float8_array(qd)},
                                   {FLOAT8ARRAYOID, float8_array(qa)},
                                   {FLOAT8ARRAYOID, float8_array(alpha)}});
  spi.finish();
  return run;
}
