#include "pg/backtests_table.hpp"

#include <map>
#include <optional>

#include "core/dixon_coles_model.hpp"
#include "core/json_writer.hpp"
#include "core/prediction_sets.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"
#include "pg/teams.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kInsertBacktestParameters[] = {
    {"league_id", INT4OID}, {"from_date", DATEOID},  {"to_date", DATEOID},   {"refit_every", INTERVALOID},
    {"xi", FLOAT8OID},      {"settings", TEXTOID},   {"steps", INT4OID},     {"predicted", INT4OID},
    {"skipped", INT4OID},   {"started_at", TIMESTAMPTZOID}, {"model_type", TEXTOID}};
constexpr StatementDescription kInsertBacktest{
    "insert backtest",
    "INSERT INTO jackpot.backtests (league_id, from_date, to_date, refit_every, xi, settings, steps,"
    "    predicted_matches, skipped_matches, started_at, completed_at, model_type)"
    "VALUES ($(league_id), $(from_date), $(to_date), $(refit_every), $(xi), $(settings)::jsonb, $(steps),"
    "        $(predicted), $(skipped), $(started_at), clock_timestamp(), $(model_type)) RETURNING *",
    kInsertBacktestParameters, ResultShape::whole_row};

constexpr StatementParameter kInsertFitsParameters[] = {{"backtest_id", INT8OID},
                                                        {"as_of", DATEARRAYOID},
                                                        {"training_matches", INT4ARRAYOID},
                                                        {"parameters", TEXTARRAYOID},
                                                        {"strengths", TEXTARRAYOID}};
constexpr const char* kInsertFitsColumns[] = {"as_of", "id"};
constexpr StatementDescription kInsertFits{
    "insert backtest fits",
    "INSERT INTO jackpot.backtest_fits (backtest_id, as_of, training_matches, parameters, team_strengths)"
    "SELECT $(backtest_id), f.as_of, f.n, f.parameters::jsonb, f.strengths::jsonb"
    "  FROM unnest($(as_of)::date[], $(training_matches)::int[], $(parameters)::text[], $(strengths)::text[])"
    "    AS f(as_of, n, parameters, strengths)"
    " RETURNING as_of, id",
    kInsertFitsParameters, kInsertFitsColumns};

constexpr StatementParameter kInsertPredictionsParameters[] = {
    {"backtest_id", INT8OID},           {"fit_id", INT8ARRAYOID},           {"match_id", INT8ARRAYOID},
    {"set_id", TEXTARRAYOID},           {"prob_home", FLOAT8ARRAYOID},      {"prob_draw", FLOAT8ARRAYOID},
    {"prob_away", FLOAT8ARRAYOID},      {"lambda_home", FLOAT8ARRAYOID},    {"lambda_away", FLOAT8ARRAYOID},
    {"model_prob_home", FLOAT8ARRAYOID}, {"model_prob_draw", FLOAT8ARRAYOID}, {"model_prob_away", FLOAT8ARRAYOID},
    {"market_prob_home", FLOAT8ARRAYOID}, {"market_prob_draw", FLOAT8ARRAYOID}, {"market_prob_away", FLOAT8ARRAYOID},
    {"blend_alpha", FLOAT8ARRAYOID}};
constexpr StatementDescription kInsertPredictions{
    "insert backtest predictions",
    "INSERT INTO jackpot.backtest_predictions (backtest_id, fit_id, match_id, set_id, prob_home, prob_draw,"
    "    prob_away, lambda_home, lambda_away, model_prob_home, model_prob_draw, model_prob_away,"
    "    market_prob_home, market_prob_draw, market_prob_away, blend_alpha)"
    "SELECT $(backtest_id), p.fit, p.match, p.set::jackpot.prediction_set, p.h, p.d, p.a, p.lh, p.la, p.mh, p.md,"
    "       p.ma, p.qh, p.qd, p.qa, p.alpha"
    "  FROM unnest($(fit_id)::int8[], $(match_id)::int8[], $(set_id)::text[], $(prob_home)::float8[],"
    "              $(prob_draw)::float8[], $(prob_away)::float8[], $(lambda_home)::float8[], $(lambda_away)::float8[],"
    "              $(model_prob_home)::float8[], $(model_prob_draw)::float8[], $(model_prob_away)::float8[],"
    "              $(market_prob_home)::float8[], $(market_prob_draw)::float8[], $(market_prob_away)::float8[],"
    "              $(blend_alpha)::float8[])"
    "    AS p(fit, match, set, h, d, a, lh, la, mh, md, ma, qh, qd, qa, alpha)",
    kInsertPredictionsParameters, ResultShape::none};

// backtest_fits.parameters: the fit's members (core::write_fit_members), whether ρ was fitted,
// and the league statistics its sets used.
std::string fit_parameters(const core::BacktestFit& f, const BacktestRun& run) {
  core::JsonObjectWriter json;
  core::write_fit_members(json, f.fit, id_texts(f.team_ids), "home_team_id", "away_team_id");
  json.string("model_type", run.model_type)
      .boolean("fit_rho", run.model_type == "dixon-coles" && !f.rho_fixed_fallback)
      .number("xi", run.xi)
      .raw("league_statistics", core::league_statistics_json(f.league));
  return json.finish();
}

std::string fit_strengths(const core::BacktestFit& f) {
  return core::team_strengths_json(f.fit, id_texts(f.team_ids));
}

Datum insert_run(const BacktestRun& run, const core::BacktestResult& result, std::int64_t& backtest_id) {
  spi_execute(kInsertBacktest, {{"league_id", Int32GetDatum(run.league_id)},
                                {"from_date", DateADTGetDatum(run.from_date)},
                                {"to_date", DateADTGetDatum(run.to_date)},
                                {"refit_every", IntervalPGetDatum(run.refit_every)},
                                {"xi", Float8GetDatum(run.xi)},
                                {"settings", text_datum(run.settings_json)},
                                {"steps", Int32GetDatum(result.steps)},
                                {"predicted", Int32GetDatum(static_cast<std::int32_t>(result.predictions.size()))},
                                {"skipped", Int32GetDatum(static_cast<std::int32_t>(result.skipped))},
                                {"started_at", TimestampTzGetDatum(run.started_at)},
                                {"model_type", text_datum(run.model_type)}});
  const Datum row = call_postgres([] { return PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc)); });
  backtest_id = DatumGetInt64(*spi_value(0, SPI_fnumber(SPI_tuptable->tupdesc, "id")));
  return row;
}

// The fits' ids by as_of.
std::map<DateADT, std::int64_t> insert_fits(std::int64_t backtest_id, const BacktestRun& run,
                                            const core::BacktestResult& result) {
  std::vector<DateADT> as_of;
  std::vector<std::int32_t> training;
  std::vector<std::string> parameters, strengths;
  for (const core::BacktestFit& f : result.fits) {
    as_of.push_back(f.as_of);
    training.push_back(static_cast<std::int32_t>(f.training_matches));
    parameters.push_back(fit_parameters(f, run));
    strengths.push_back(fit_strengths(f));
  }
  const std::uint64_t rows = spi_execute(kInsertFits, {{"backtest_id", Int64GetDatum(backtest_id)},
                                                       {"as_of", date_array(as_of)},
                                                       {"training_matches", int4_array(training)},
                                                       {"parameters", text_array(parameters)},
                                                       {"strengths", text_array(strengths)}});
  std::map<DateADT, std::int64_t> fit_id;
  for (std::uint64_t r = 0; r < rows; ++r)
    fit_id[DatumGetDateADT(*spi_value(r, JACKPOT_COLUMN(kInsertFits, "as_of")))] =
        DatumGetInt64(*spi_value(r, JACKPOT_COLUMN(kInsertFits, "id")));
  return fit_id;
}

void insert_predictions(std::int64_t backtest_id, const std::map<DateADT, std::int64_t>& fit_id,
                        const std::vector<core::BacktestMatch>& matches, const core::BacktestResult& result) {
  using Column = std::vector<std::optional<double>>;
  const std::size_t n = result.predictions.size() * core::kPredictionSets;
  std::vector<std::int64_t> fit_ids, match_ids;
  std::vector<std::string> set_ids;
  Column h, d, a, lh, la, mh, md, ma, qh, qd, qa, alpha;
  for (Column* v : {&h, &d, &a, &lh, &la, &mh, &md, &ma, &qh, &qd, &qa, &alpha}) v->reserve(n);
  fit_ids.reserve(n);
  match_ids.reserve(n);
  set_ids.reserve(n);
  const auto market_value = [](const std::optional<core::Probabilities>& market, int k) {
    return market ? std::optional<double>((*market)[k]) : std::nullopt;
  };
  for (const core::BacktestPrediction& p : result.predictions)
    for (int s = 0; s < core::kPredictionSets; ++s) {
      const core::SetPrediction& set = p.sets.sets[static_cast<std::size_t>(s)];
      fit_ids.push_back(fit_id.at(result.fits[p.fit].as_of));
      match_ids.push_back(matches[p.match].id);
      set_ids.emplace_back(1, core::prediction_set_letter(s));
      h.emplace_back(set.probs[0]);
      d.emplace_back(set.probs[1]);
      a.emplace_back(set.probs[2]);
      lh.emplace_back(p.lambda);
      la.emplace_back(p.mu);
      mh.emplace_back(p.sets.model[0]);
      md.emplace_back(p.sets.model[1]);
      ma.emplace_back(p.sets.model[2]);
      qh.push_back(market_value(p.sets.market, 0));
      qd.push_back(market_value(p.sets.market, 1));
      qa.push_back(market_value(p.sets.market, 2));
      alpha.push_back(set.blend_alpha);
    }
  spi_execute(kInsertPredictions, {{"backtest_id", Int64GetDatum(backtest_id)},
                                   {"fit_id", int8_array(fit_ids)},
                                   {"match_id", int8_array(match_ids)},
                                   {"set_id", text_array(set_ids)},
                                   {"prob_home", float8_array(h)},
                                   {"prob_draw", float8_array(d)},
                                   {"prob_away", float8_array(a)},
                                   {"lambda_home", float8_array(lh)},
                                   {"lambda_away", float8_array(la)},
                                   {"model_prob_home", float8_array(mh)},
                                   {"model_prob_draw", float8_array(md)},
                                   {"model_prob_away", float8_array(ma)},
                                   {"market_prob_home", float8_array(qh)},
                                   {"market_prob_draw", float8_array(qd)},
                                   {"market_prob_away", float8_array(qa)},
                                   {"blend_alpha", float8_array(alpha)}});
}

}  // namespace

Datum record_backtest(const BacktestRun& run, const std::vector<core::BacktestMatch>& matches,
                      const core::BacktestResult& result) {
  std::int64_t backtest_id = 0;
  const Datum row = insert_run(run, result, backtest_id);
  insert_predictions(backtest_id, insert_fits(backtest_id, run, result), matches, result);
  return row;
}

}  // namespace jackpot::pg
