// jackpot.prediction_sets(model_version, home_team_id, away_team_id, odds…, settings): the seven
// rows of a fixture's locked predictions, as predict_jackpot writes them and verify_jackpot
// recomputes them.
#include "core/prediction_sets.hpp"
#include "pg/datum.hpp"
#include "pg/model_cache.hpp"
#include "pg/prediction_inputs.hpp"
#include "pg/settings_gucs.hpp"

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
  const core::FixturePrediction& prediction = f.prediction;
  const double lambda = f.lambda, mu = f.mu;

  call_postgres([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  const Oid set_type = TupleDescAttr(result->setDesc, 0)->atttypid;
  for (int set = 0; set < core::kPredictionSets; ++set) {
    const core::SetPrediction& p = prediction.sets[static_cast<std::size_t>(set)];
    const auto market = [&](int i) { return prediction.market ? Float8GetDatum((*prediction.market)[i]) : Datum(0); };
    Datum values[13] = {set_enum_value(cache, set_type, set),
                        Float8GetDatum(p.probs[0]), Float8GetDatum(p.probs[1]), Float8GetDatum(p.probs[2]),
                        Float8GetDatum(lambda), Float8GetDatum(mu),
                        Float8GetDatum(prediction.model[0]), Float8GetDatum(prediction.model[1]),
                        Float8GetDatum(prediction.model[2]),
                        market(0), market(1), market(2),
                        p.blend_alpha ? Float8GetDatum(*p.blend_alpha) : Datum(0)};
    bool nulls[13] = {};
    for (int i = 9; i <= 11; ++i) nulls[i] = !prediction.market;
    nulls[12] = !p.blend_alpha;
    call_postgres([&] { tuplestore_putvalues(result->setResult, result->setDesc, values, nulls); });
  }
  return Datum(0);
}
