// jackpot.dixon_coles_fit(league_code, as_of, xi, seasons, fit_rho, version): reads the league's
// matches strictly before as_of (match_history), fits Dixon–Coles in the core, and records the
// model version with its training run, team_features and ratings (models_table).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/dixon_coles_model.hpp"
#include "core/json_writer.hpp"
#include "core/league_statistics.hpp"
#include "core/settings.hpp"
#include "core/team_form.hpp"
#include "pg/datum.hpp"
#include "pg/league_lock.hpp"
#include "pg/leagues.hpp"
#include "pg/match_history.hpp"
#include "pg/models_table.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"
#include "pg/teams.hpp"

namespace jackpot::pg {
namespace {

struct FitArguments {
  std::string league_code;
  DateADT as_of;
  double xi;
  std::optional<Datum> seasons;  // a text[], or every season
  std::optional<std::string> version;
  core::DixonColesOptions options;
};

FitArguments fit_arguments(FunctionCallInfo fcinfo, const core::Settings& settings) {
  if (PG_ARGISNULL(0)) throw std::invalid_argument("league_code must not be NULL");
  if (PG_ARGISNULL(1)) throw std::invalid_argument("as_of must not be NULL");
  if (PG_ARGISNULL(4)) throw std::invalid_argument("fit_rho must not be NULL");
  FitArguments a;
  a.league_code = std::string(text_argument(fcinfo, 0));
  a.as_of = PG_GETARG_DATEADT(1);
  if (DATE_NOT_FINITE(a.as_of))
    throw std::invalid_argument(std::string("as_of must be a finite date, not ") +
                                (DATE_IS_NOBEGIN(a.as_of) ? "-infinity" : "infinity"));
  a.xi = PG_ARGISNULL(2) ? settings.time_decay_xi : PG_GETARG_FLOAT8(2);
  core::require_decay_rate(a.xi);
  if (!PG_ARGISNULL(3)) a.seasons = PG_GETARG_DATUM(3);
  if (!PG_ARGISNULL(5)) {
    a.version = std::string(text_argument(fcinfo, 5));
    if (a.version->empty()) throw std::invalid_argument("version must not be empty");
  }
  a.options.fit_rho = PG_GETARG_BOOL(4);
  a.options.fixed_rho = settings.dixon_coles_rho;
  a.options.initial_home_advantage = settings.home_advantage;
  return a;
}

// Deterministic: the same data and options give the same version (and so the existing model).
std::string deterministic_version(const FitArguments& a, const std::string& data_sha256, int max_goals) {
  const std::string identity =
      data_sha256 + "|" + core::format_json_number(a.xi) + "|" +
      (a.options.fit_rho ? std::string("fit") : core::format_json_number(a.options.fixed_rho)) + "|" +
      date_text(a.as_of) + "|" + std::to_string(max_goals);
  return a.league_code + "-" + date_text(a.as_of) + "-" + sha256_hex(identity).substr(0, 12);
}

core::DixonColesFit fit_league(const TrainingData& data, const FitArguments& a) {
  try {
    return core::fit_dixon_coles(data.matches, static_cast<int>(data.team_ids.size()), a.options);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument("league " + a.league_code + " before " + date_text(a.as_of) + ": " +
                                core::name_teams_in_message(error.what(), team_names(data.team_ids)));
  }
}

// models.parameters: the fit's members (core::write_fit_members) and what it was fitted on.
std::string model_parameters(const core::DixonColesFit& fit, const FitArguments& a, const TrainingData& data,
                             const std::string& data_sha256, const core::MeasuredLeagueStatistics& league,
                             const core::Settings& settings) {
  core::JsonObjectWriter json;
  json.string("parametrisation",
              "log lambda = intercept + home_advantage + attack[home] - defence[away]; "
              "log mu = intercept + attack[away] - defence[home]; sum(attack) = sum(defence) = 0");
  core::write_fit_members(json, fit, id_texts(data.team_ids), "home_team_id", "away_team_id");
  json.boolean("fit_rho", a.options.fit_rho)
      .number("xi", a.xi)
      .string("as_of", date_text(a.as_of))
      .integer("max_goals", settings.max_goals)
      .string("training_data_sha256", data_sha256)
      .raw("league_statistics", core::league_statistics_json(league))
      .raw("settings", core::settings_to_json(settings));
  return json.finish();
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_dixon_coles_fit) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  const core::Settings settings = current_settings();
  const FitArguments a = fit_arguments(fcinfo, settings);
  SpiConnection spi;
  lock_league(a.league_code);  // before reading: a concurrent ingestion or fit of the league finishes first
  const std::int32_t league_id = league_id_of(a.league_code);
  const TrainingData data = read_training_data(league_id, a.as_of, a.seasons ? &*a.seasons : nullptr, a.xi);
  if (data.matches.empty())
    throw SqlStateError(ERRCODE_NO_DATA_FOUND, "no matches of league " + a.league_code + " before " + date_text(a.as_of) +
                                                   (a.seasons ? " in the given seasons" : ""));
  const std::string data_sha256 = sha256_hex(data.canonical);
  const std::string version = a.version ? *a.version : deterministic_version(a, data_sha256, settings.max_goals);
  if (const std::optional<Datum> existing = existing_model(version)) {
    spi.finish();
    return *existing;
  }
  const core::DixonColesFit fit = fit_league(data, a);
  const core::MeasuredLeagueStatistics league = core::measure_league_statistics(
      data.matches, data.window, fit, settings.league_statistics_days, settings.max_goals);
  const Datum model = record_fit(
      {"dixon-coles", "maximize_weighted_log_likelihood", version, league_id, a.as_of, a.xi, started_at, core::json_string_array(data.seasons),
       model_parameters(fit, a, data, data_sha256, league, settings), core::team_strengths_json(fit, id_texts(data.team_ids)),
       data.first, data.last, data.team_ids, core::team_form(data.matches, fit.teams), league.statistics.draw_rate},
      fit);
  spi.finish();
  return model;
}
