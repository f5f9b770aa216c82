// jackpot.predict_fixture(...) and jackpot.score_matrix(...): one fixture's probabilities under
// a prediction set, with the model, market and blend behind them and the goal markets read off
// the same score matrix.
#include <array>
#include <optional>
#include <string>

#include "core/goal_markets.hpp"
#include "core/prediction_sets.hpp"
#include "core/score_matrix.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/model_cache.hpp"
#include "pg/prediction_inputs.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"

JACKPOT_SQL_FUNCTION(jackpot_predict_fixture) {
  using namespace jackpot;
  using namespace jackpot::pg;
  for (int i = 0; i < 3; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("model_version, home_team and away_team must not be NULL");
  StatementCache& cache = statement_cache(fcinfo);
  FittedModel& model = cached_model(cache, text_argument(fcinfo, 0));
  const std::int32_t home = team_of(model, text_argument(fcinfo, 1));
  const std::int32_t away = team_of(model, text_argument(fcinfo, 2));
  const std::optional<core::Probabilities> odds = odds_arguments(fcinfo, 3);
  const int set = set_index_argument(cache, fcinfo, 6);
  const double line = PG_ARGISNULL(7) ? 2.5 : PG_GETARG_FLOAT8(7);

  const core::Settings settings = current_settings();
  const FixtureForecast f = forecast(model, home, away, odds, set_parameters(settings));
  const core::FixturePrediction& prediction = f.prediction;
  const double lambda = f.lambda, mu = f.mu;
  const core::GoalMarkets markets = core::goal_markets(
      f.score_matrix, line, settings.top_correct_scores);

  const core::SetPrediction& chosen = prediction.sets[static_cast<std::size_t>(set)];
  std::vector<std::string> score_names;
  std::vector<std::optional<double>> score_probs;
  for (const core::CorrectScore& s : markets.top_scores) {
    score_names.push_back(std::to_string(s.home_goals) + "-" + std::to_string(s.away_goals));
    score_probs.emplace_back(s.probability);
  }
  const auto market = [&](int i) { return prediction.market ? Float8GetDatum((*prediction.market)[i]) : Datum(0); };
  Datum values[22] = {
      Float8GetDatum(chosen.probs[0]), Float8GetDatum(chosen.probs[1]), Float8GetDatum(chosen.probs[2]),
      Float8GetDatum(lambda), Float8GetDatum(mu),
      Float8GetDatum(prediction.model[0]), Float8GetDatum(prediction.model[1]), Float8GetDatum(prediction.model[2]),
      market(0), market(1), market(2),
      chosen.blend_alpha ? Float8GetDatum(*chosen.blend_alpha) : Datum(0),
      Float8GetDatum(markets.over), Float8GetDatum(markets.under), Float8GetDatum(markets.both_teams_score),
      Float8GetDatum(markets.home_or_draw), Float8GetDatum(markets.home_or_away), Float8GetDatum(markets.draw_or_away),
      text_array(score_names), float8_array(score_probs),
      Int32GetDatum(home), Int32GetDatum(away)};
  bool nulls[22] = {};
  for (int i = 8; i <= 10; ++i) nulls[i] = !prediction.market;
  nulls[11] = !chosen.blend_alpha;
  TupleDesc type = cached_result_type(cache, fcinfo);
  return call_postgres([&] { return HeapTupleGetDatum(heap_form_tuple(type, values, nulls)); });
}

JACKPOT_SQL_FUNCTION(jackpot_score_matrix) {
  using namespace jackpot;
  const int max_goals = PG_ARGISNULL(3)
      ? pg::current_settings().max_goals
      : PG_GETARG_INT32(3);
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
    throw std::invalid_argument("lambda_home, lambda_away and rho must not be NULL");
  const Eigen::MatrixXd m = core::dixon_coles_score_matrix(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
                                                           PG_GETARG_FLOAT8(2), max_goals);
  const int n = static_cast<int>(m.rows());
  return pg::call_postgres([&] {
    Datum* cells = static_cast<Datum*>(palloc(sizeof(Datum) * n * n));
    for (int x = 0; x < n; ++x)
      for (int y = 0; y < n; ++y) cells[x * n + y] = Float8GetDatum(m(x, y));
    int dims[2] = {n, n};
    int lower_bounds[2] = {0, 0};
    return PointerGetDatum(construct_md_array(cells, nullptr, 2, dims, lower_bounds, FLOAT8OID, 8,
                                              FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
  });
}
