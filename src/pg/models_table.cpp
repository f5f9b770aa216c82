#include "pg/models_table.hpp"

#include <cmath>

#include "core/json_writer.hpp"
#include "core/dixon_coles_model.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kExistingModelParameters[] = {{"version", TEXTOID}};
constexpr StatementDescription kExistingModel{"existing model", "SELECT * FROM jackpot.models WHERE version = $(version)",
                                              kExistingModelParameters, ResultShape::whole_row};

// Every write of a fit, in one statement:
// - the league's active model archived, and the new version inserted as active. The new row's
//   source is an aggregate over the archived rows, so the archiving runs to completion first: the
//   one-active-model index (uix_models_active_league) then sees the previous model's entry as
//   deleted by this very statement;
// - its training run;
// - a team_features row per team: the fitted strengths and the rolling form statistics of
//   core/team_form.hpp over the same training matches;
// - the league's draw rate;
// - the teams' ratings, on the multiplicative scale of the spec's defaults (1.0 = league
//   average), from the features just inserted; the league's teams are found by key, not among
//   all teams.
// Setting updated_at spares the touch_updated_at trigger its call (its WHEN condition is false).
constexpr const char* kRecordFitText =
    "WITH archived AS ("
    "  UPDATE jackpot.models SET status = 'archived', updated_at = now()"
    "   WHERE league_id = $(league_id) AND status = 'active' RETURNING 1),"
    " model AS ("
    "  INSERT INTO jackpot.models (version, league_id, model_type, status, trained_at, training_matches,"
    "      training_seasons, parameters, team_strengths)"
    "  SELECT $(version), $(league_id), $(model_type), 'active', now(), $(training_matches), $(seasons)::jsonb, $(parameters)::jsonb, $(strengths)::jsonb"
    "    FROM (SELECT count(*) FROM archived) AS archived_first RETURNING *),"
    " run AS ("
    "  INSERT INTO jackpot.training_runs (model_id, run_type, status, started_at, completed_at, data_start,"
    "      data_end, match_count, objective, metrics, logs)"
    "  SELECT model.id, 'full', 'active', $(started_at), clock_timestamp(), $(data_start), $(data_end), $(training_matches), $(objective),"
    "         $(metrics)::jsonb, '[]'::jsonb FROM model),"
    " features AS ("
    "  INSERT INTO jackpot.team_features (team_id, snapshot_date, feature_version, attack_strength,"
    "      defense_strength, home_advantage, decay_lambda, goals_scored_5, goals_scored_10, goals_scored_20,"
    "      goals_conceded_5, goals_conceded_10, goals_conceded_20, win_rate_5, win_rate_10, draw_rate_5,"
    "      draw_rate_10, home_win_rate, away_win_rate)"
    "  SELECT f.team_id, $(as_of), $(version), $(attack)[f.k], $(defence)[f.k], $(home_advantage), $(xi), $(goals_scored_5)[f.k], $(goals_scored_10)[f.k], $(goals_scored_20)[f.k], $(goals_conceded_5)[f.k],"
    "         $(goals_conceded_10)[f.k], $(goals_conceded_20)[f.k], $(win_rate_5)[f.k], $(win_rate_10)[f.k], $(draw_rate_5)[f.k], $(draw_rate_10)[f.k], $(home_win_rate)[f.k], $(away_win_rate)[f.k]"
    "    FROM unnest($(team_ids)::int[]) WITH ORDINALITY AS f(team_id, k)"  // one set-returning call, not 15
    "  RETURNING team_id, attack_strength, defense_strength),"
    " draw_rate AS ("
    "  UPDATE jackpot.leagues SET avg_draw_rate = $(league_draw_rate), updated_at = now()"
    "   WHERE id = $(league_id) AND avg_draw_rate IS DISTINCT FROM $(league_draw_rate)),"
    " ratings AS ("
    "  UPDATE jackpot.teams AS t SET attack_rating = exp(f.attack_strength), defense_rating = exp(f.defense_strength),"
    "         last_calculated = now(), updated_at = now()"
    "    FROM features AS f WHERE t.id = f.team_id AND t.id = ANY ($(team_ids)::int[]))"
    " SELECT * FROM model";

constexpr StatementParameter kRecordFitParameters[] = {
    {"model_type", TEXTOID},
    {"objective", TEXTOID},
    {"version", TEXTOID},
    {"league_id", INT4OID},
    {"training_matches", INT4OID},
    {"seasons", TEXTOID},
    {"parameters", TEXTOID},
    {"strengths", TEXTOID},
    {"started_at", TIMESTAMPTZOID},
    {"data_start", DATEOID},
    {"data_end", DATEOID},
    {"metrics", TEXTOID},
    {"as_of", DATEOID},
    {"home_advantage", FLOAT8OID},
    {"xi", FLOAT8OID},
    {"team_ids", INT4ARRAYOID},
    {"attack", FLOAT8ARRAYOID},
    {"defence", FLOAT8ARRAYOID},
    {"goals_scored_5", FLOAT8ARRAYOID},
    {"goals_scored_10", FLOAT8ARRAYOID},
    {"goals_scored_20", FLOAT8ARRAYOID},
    {"goals_conceded_5", FLOAT8ARRAYOID},
    {"goals_conceded_10", FLOAT8ARRAYOID},
    {"goals_conceded_20", FLOAT8ARRAYOID},
    {"win_rate_5", FLOAT8ARRAYOID},
    {"win_rate_10", FLOAT8ARRAYOID},
    {"draw_rate_5", FLOAT8ARRAYOID},
    {"draw_rate_10", FLOAT8ARRAYOID},
    {"home_win_rate", FLOAT8ARRAYOID},
    {"away_win_rate", FLOAT8ARRAYOID},
    {"league_draw_rate", FLOAT8OID}};
constexpr StatementDescription kRecordFit{"record fit", kRecordFitText, kRecordFitParameters, ResultShape::whole_row};

Datum returned_row() {
  return call_postgres([] { return PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc)); });
}

}  // namespace

std::optional<Datum> existing_model(const std::string& version) {
  if (spi_execute(kExistingModel, {{"version", text_datum(version)}}) == 0) return std::nullopt;
  return returned_row();
}

Datum record_fit(const FitRecord& record, const core::DixonColesFit& fit) {
  std::vector<std::optional<double>> attack, defence;
  for (int i = 0; i < fit.teams; ++i) {
    const core::TeamStrength strength = core::fitted_strength(fit, i);
    attack.emplace_back(strength.attack);
    defence.emplace_back(strength.defence);
  }
  core::JsonObjectWriter metrics;
  metrics.number("log_likelihood", fit.log_likelihood).number("gradient_norm", fit.gradient_norm)
      .integer("iterations", fit.iterations).number("sum_weights", fit.sum_weights);
  const auto column = [&](double core::TeamForm::*field) {
    std::vector<std::optional<double>> values;
    for (const core::TeamForm& f : record.form)
      values.push_back(std::isnan(f.*field) ? std::nullopt : std::optional<double>(f.*field));
    return float8_array(values);
  };
  spi_execute(kRecordFit, {{"model_type", text_datum(record.model_type)},
                           {"objective", text_datum(record.objective)},
                           {"version", text_datum(record.version)},
                           {"league_id", Int32GetDatum(record.league_id)},
                           {"training_matches", Int32GetDatum(static_cast<std::int32_t>(fit.matches))},
                           {"seasons", text_datum(record.seasons_json)},
                           {"parameters", text_datum(record.parameters_json)},
                           {"strengths", text_datum(record.strengths_json)},
                           {"started_at", TimestampTzGetDatum(record.started_at)},
                           {"data_start", DateADTGetDatum(record.first_match)},
                           {"data_end", DateADTGetDatum(record.last_match)},
                           {"metrics", text_datum(metrics.finish())},
                           {"as_of", DateADTGetDatum(record.as_of)},
                           {"home_advantage", Float8GetDatum(core::fitted_rates(fit).home_advantage)},
                           {"xi", Float8GetDatum(record.xi)},
                           {"team_ids", int4_array(record.team_ids)},
                           {"attack", float8_array(attack)},
                           {"defence", float8_array(defence)},
                           {"goals_scored_5", column(&core::TeamForm::goals_scored_5)},
                           {"goals_scored_10", column(&core::TeamForm::goals_scored_10)},
                           {"goals_scored_20", column(&core::TeamForm::goals_scored_20)},
                           {"goals_conceded_5", column(&core::TeamForm::goals_conceded_5)},
                           {"goals_conceded_10", column(&core::TeamForm::goals_conceded_10)},
                           {"goals_conceded_20", column(&core::TeamForm::goals_conceded_20)},
                           {"win_rate_5", column(&core::TeamForm::win_rate_5)},
                           {"win_rate_10", column(&core::TeamForm::win_rate_10)},
                           {"draw_rate_5", column(&core::TeamForm::draw_rate_5)},
                           {"draw_rate_10", column(&core::TeamForm::draw_rate_10)},
                           {"home_win_rate", column(&core::TeamForm::home_win_rate)},
                           {"away_win_rate", column(&core::TeamForm::away_win_rate)},
                           {"league_draw_rate", Float8GetDatum(record.league_draw_rate)}});
  return returned_row();
}

}  // namespace jackpot::pg
