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
#include "pg/prediction_columns.hpp"
#include "pg/prediction_inputs.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"

namespace {

using jackpot::pg::RowDescription;

constexpr const char* kPredictFixtureColumns[] = {
    "prob_home",        "prob_draw",         "prob_away",       "lambda_home",       "lambda_away",
    "model_prob_home",  "model_prob_draw",   "model_prob_away", "market_prob_home",  "market_prob_draw",
    "market_prob_away", "blend_alpha",       "prob_over",       "prob_under",        "prob_both_teams_score",
    "prob_home_or_draw", "prob_home_or_away", "prob_draw_or_away", "correct_scores",  "correct_score_probs",
    "home_team_id",     "away_team_id"};
constexpr RowDescription kPredictFixtureRow{"jackpot.predict_fixture", kPredictFixtureColumns};
#define FIELD(name) JACKPOT_FIELD(kPredictFixtureRow, name)

using Row = jackpot::pg::RowValues<kPredictFixtureRow.size()>;

void set_probabilities(Row& row, const jackpot::core::FixturePrediction& prediction,
                       const jackpot::core::SetPrediction& chosen) {
  row.set(FIELD("prob_home"), Float8GetDatum(chosen.probs[0]));
  row.set(FIELD("prob_draw"), Float8GetDatum(chosen.probs[1]));
  row.set(FIELD("prob_away"), Float8GetDatum(chosen.probs[2]));
  jackpot::pg::set_model_and_market_columns<kPredictFixtureRow>(row, prediction);
  if (chosen.blend_alpha) row.set(FIELD("blend_alpha"), Float8GetDatum(*chosen.blend_alpha));
}

void set_goal_markets(Row& row, const jackpot::core::GoalMarkets& markets) {
  row.set(FIELD("prob_over"), Float8GetDatum(markets.over));
  row.set(FIELD("prob_under"), Float8GetDatum(markets.under));
  row.set(FIELD("prob_both_teams_score"), Float8GetDatum(markets.both_teams_score));
  row.set(FIELD("prob_home_or_draw"), Float8GetDatum(markets.home_or_draw));
  row.set(FIELD("prob_home_or_away"), Float8GetDatum(markets.home_or_away));
  row.set(FIELD("prob_draw_or_away"), Float8GetDatum(markets.draw_or_away));
  std::vector<std::string> score_names;
  std::vector<std::optional<double>> score_probs;
  for (const jackpot::core::CorrectScore& score : markets.top_scores) {
    score_names.push_back(std::to_string(score.home_goals) + "-" + std::to_string(score.away_goals));
    score_probs.emplace_back(score.probability);
  }
  row.set(FIELD("correct_scores"), jackpot::pg::text_array(score_names));
  row.set(FIELD("correct_score_probs"), jackpot::pg::float8_array(score_probs));
}

}  // namespace

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

  Row row;
  set_probabilities(row, f.prediction, f.prediction.sets[static_cast<std::size_t>(set)]);
  set_goal_markets(row, core::goal_markets(f.score_matrix, line, settings.top_correct_scores));
  row.set(FIELD("lambda_home"), Float8GetDatum(f.lambda));
  row.set(FIELD("lambda_away"), Float8GetDatum(f.mu));
  row.set(FIELD("home_team_id"), Int32GetDatum(home));
  row.set(FIELD("away_team_id"), Int32GetDatum(away));
  TupleDesc type = cached_result_type(cache, fcinfo, kPredictFixtureRow);
  return call_postgres([&] { return HeapTupleGetDatum(heap_form_tuple(type, row.values, row.nulls)); });
}
#undef FIELD

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
