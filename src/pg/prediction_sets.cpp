// jackpot.prediction_sets(model_version, home_team_id, away_team_id, odds…, settings) and
// jackpot.fixture_prediction_sets(basis, …): the seven rows of a fixture's locked predictions,
// as predict_jackpot writes them and verify_jackpot recomputes them, on a model basis from the
// model, on a market or prior basis from the fixture's locked inputs (core/fixture_basis).
#include "core/fixture_basis.hpp"
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

// The seven rows of a fixture's prediction, with its expected goals.
Datum return_sets(FunctionCallInfo fcinfo, jackpot::pg::StatementCache& cache, double lambda, double mu,
                  const jackpot::core::FixturePrediction& prediction) {
  using namespace jackpot;
  pg::call_postgres([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  if (!cache.result_checked) {
    pg::check_result_row(kPredictionSetsRow, result->setDesc);
    cache.result_checked = true;
  }
  const Oid set_type = TupleDescAttr(result->setDesc, FIELD("set_id"))->atttypid;
  for (int set = 0; set < core::kPredictionSets; ++set) {
    const core::SetPrediction& p = prediction.sets[static_cast<std::size_t>(set)];
    Row row;
    row.set(FIELD("set_id"), pg::set_enum_value(cache, set_type, set));
    row.set(FIELD("prob_home"), Float8GetDatum(p.probs[0]));
    row.set(FIELD("prob_draw"), Float8GetDatum(p.probs[1]));
    row.set(FIELD("prob_away"), Float8GetDatum(p.probs[2]));
    row.set(FIELD("lambda_home"), Float8GetDatum(lambda));
    row.set(FIELD("lambda_away"), Float8GetDatum(mu));
    pg::set_model_and_market_columns<kPredictionSetsRow>(row, prediction);
    if (p.blend_alpha) row.set(FIELD("blend_alpha"), Float8GetDatum(*p.blend_alpha));
    pg::call_postgres([&] { tuplestore_putvalues(result->setResult, result->setDesc, row.values, row.nulls); });
  }
  return Datum(0);
}

// Argument n: a jackpot's locked settings (jsonb), or NULL for the session's.
jackpot::core::SetParameters settings_argument(FunctionCallInfo fcinfo, int n) {
  using namespace jackpot::pg;
  return PG_ARGISNULL(n) ? set_parameters(current_settings())
                         : set_parameters(call_postgres([fcinfo, n] { return PG_GETARG_JSONB_P(n); }));
}

// The model basis: the fixture under its model (arguments model_arg … model_arg + 2: the model,
// the home and the away team ids), set A calibrated unless use_calibration is false (a fixture
// created before its model was calibrated). The model is named by its version, or by its id.
Datum model_sets(FunctionCallInfo fcinfo, int model_arg, bool by_id, int first_odds_arg, int settings_arg,
                 bool use_calibration) {
  using namespace jackpot;
  using namespace jackpot::pg;
  StatementCache& cache = statement_cache(fcinfo);
  const FittedModel& model = by_id ? cached_model_by_id(cache, PG_GETARG_DATUM(model_arg), use_calibration)
                                   : cached_model(cache, text_argument(fcinfo, model_arg));
  const std::int32_t home = PG_GETARG_INT32(model_arg + 1), away = PG_GETARG_INT32(model_arg + 2);
  const FixtureForecast f = forecast(model, home, away, odds_arguments(fcinfo, first_odds_arg),
                                     settings_argument(fcinfo, settings_arg), use_calibration);
  return return_sets(fcinfo, cache, f.lambda, f.mu, f.prediction);
}

}  // namespace

JACKPOT_SQL_FUNCTION(jackpot_prediction_sets) {
  for (int i = 0; i < 3; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("model_version, home_team_id and away_team_id must not be NULL");
  return model_sets(fcinfo, 0, false, 3, 6, PG_NARGS() <= 7 || PG_ARGISNULL(7) || PG_GETARG_BOOL(7));
}

// (basis, model_id, home_team_id, away_team_id, basis_inputs, odds_home, odds_draw, odds_away,
//  settings, use_calibration)
JACKPOT_SQL_FUNCTION(jackpot_fixture_prediction_sets) {
  using namespace jackpot;
  using namespace jackpot::pg;
  if (PG_ARGISNULL(0)) throw std::invalid_argument("basis must not be NULL");
  const core::Basis basis = core::basis_from_name(text_argument(fcinfo, 0));
  if (basis == core::Basis::model) {
    for (int i = 1; i < 4; ++i)
      if (PG_ARGISNULL(i)) throw std::invalid_argument("a model basis needs model_id, home_team_id and away_team_id");
    return model_sets(fcinfo, 1, true, 5, 8, PG_ARGISNULL(9) || PG_GETARG_BOOL(9));
  }
  if (PG_ARGISNULL(4)) throw std::invalid_argument("a " + std::string(core::basis_name(basis)) + " basis needs its basis_inputs");
  const core::BasisInputs inputs = basis_inputs_of(call_postgres([fcinfo] { return PG_GETARG_JSONB_P(4); }));
  const core::BasisForecast f = core::basis_forecast(basis, inputs, odds_arguments(fcinfo, 5), settings_argument(fcinfo, 8));
  return return_sets(fcinfo, statement_cache(fcinfo), f.goals.home, f.goals.away, f.prediction);
}
#undef FIELD
