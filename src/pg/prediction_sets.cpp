// jackpot.prediction_sets(model_version, home_team_id, away_team_id, odds…, settings): the seven
// rows of a fixture's locked predictions, as predict_jackpot writes them and verify_jackpot
// recomputes them.
#include "core/prediction_sets.hpp"
#include "pg/datum.hpp"
#include "pg/model_cache.hpp"
#include "pg/prediction_columns.hpp"
#include "pg/prediction_inputs.hpp"
#include "pg/settings_gucs.hpp"

namespace {

using jackpot::pg::RowDescription;

constexpr const char* kPredictionSetsColumns[] = {
    "set_id",          "prob_home",       "prob_draw",        "prob_away",        "lambda_home",
    "lambda_away",     "model_prob_home", "model_prob_draw",  "model_prob_away",  "market_prob_home",
    "market_prob_draw", "market_prob_away", "blend_alpha"};
constexpr RowDescription kPredictionSetsRow{"jackpot.prediction_sets", kPredictionSetsColumns};
#define FIELD(name) JACKPOT_FIELD(kPredictionSetsRow, name)

using Row = jackpot::pg::RowValues<kPredictionSetsRow.size()>;

// The columns every set's row shares: expected goals, the model and the market.
Row shared_columns(const jackpot::pg::FixtureForecast& f) {
  const jackpot::core::FixturePrediction& prediction = f.prediction;
  Row row;
  row.set(FIELD("lambda_home"), Float8GetDatum(f.lambda));
  row.set(FIELD("lambda_away"), Float8GetDatum(f.mu));
  jackpot::pg::set_model_and_market_columns<kPredictionSetsRow>(row, prediction);
  return row;
}

}  // namespace

JACKPOT_SQL_FUNCTION(jackpot_prediction_sets) {
  using namespace jackpot;
  using namespace jackpot::pg;
  for (int i = 0; i < 3; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("model_version, home_team_id and away_team_id must not be NULL");
  StatementCache& cache = statement_cache(fcinfo);
  FittedModel& model = cached_model(cache, text_argument(fcinfo, 0));
  const std::int32_t home = PG_GETARG_INT32(1), away = PG_GETARG_INT32(2);
  const std::optional<core::Probabilities> odds = odds_arguments(fcinfo, 3);
  const core::SetParameters parameters =
      PG_ARGISNULL(6) ? set_parameters(current_settings())
                      : set_parameters(call_postgres([fcinfo] { return PG_GETARG_JSONB_P(6); }));
  // use_calibration (default true) false: set A stays the raw model even if the model has been
  // calibrated since (a jackpot fixture created before the calibration).
  const bool use_calibration = PG_NARGS() <= 7 || PG_ARGISNULL(7) || PG_GETARG_BOOL(7);
  const FixtureForecast f = forecast(model, home, away, odds, parameters, use_calibration);

  call_postgres([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  if (!cache.result_checked) {
    check_result_row(kPredictionSetsRow, result->setDesc);
    cache.result_checked = true;
  }
  const Oid set_type = TupleDescAttr(result->setDesc, FIELD("set_id"))->atttypid;
  for (int set = 0; set < core::kPredictionSets; ++set) {
    const core::SetPrediction& p = f.prediction.sets[static_cast<std::size_t>(set)];
    Row row = shared_columns(f);
    row.set(FIELD("set_id"), set_enum_value(cache, set_type, set));
    row.set(FIELD("prob_home"), Float8GetDatum(p.probs[0]));
    row.set(FIELD("prob_draw"), Float8GetDatum(p.probs[1]));
    row.set(FIELD("prob_away"), Float8GetDatum(p.probs[2]));
    if (p.blend_alpha) row.set(FIELD("blend_alpha"), Float8GetDatum(*p.blend_alpha));
    call_postgres([&] { tuplestore_putvalues(result->setResult, result->setDesc, row.values, row.nulls); });
  }
  return Datum(0);
}
#undef FIELD
