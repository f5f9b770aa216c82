// jackpot.market_implied_fit(league_code, as_of, xi, seasons, version): reads the league's
// matches before as_of with their stored margin-free 1X2 (match_history), inverts each one
// into expected goals and fits the market-implied ratings in the core, and records the model
// version like a Dixon–Coles fit (models_table; docs/formulas/market-implied-ratings.md).
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json_writer.hpp"
#include "core/league_statistics.hpp"
#include "core/market_implied_ratings.hpp"
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

struct MarketFitArguments {
  std::string league_code;
  DateADT as_of;
  double xi;
  std::optional<Datum> seasons;  // a text[], or every season
  std::optional<std::string> version;
  core::MarketImpliedOptions options;
};

MarketFitArguments market_fit_arguments(FunctionCallInfo fcinfo, const core::Settings& settings) {
  if (PG_ARGISNULL(0)) throw std::invalid_argument("league_code must not be NULL");
  if (PG_ARGISNULL(1)) throw std::invalid_argument("as_of must not be NULL");
  MarketFitArguments a;
  a.league_code = std::string(text_argument(fcinfo, 0));
  a.as_of = PG_GETARG_DATEADT(1);
  if (DATE_NOT_FINITE(a.as_of)) throw std::invalid_argument("as_of must be a finite date");
  a.xi = PG_ARGISNULL(2) ? settings.market_implied_xi : PG_GETARG_FLOAT8(2);
  core::require_decay_rate(a.xi);
  if (!PG_ARGISNULL(3)) a.seasons = PG_GETARG_DATUM(3);
  if (!PG_ARGISNULL(4)) {
    a.version = std::string(text_argument(fcinfo, 4));
    if (a.version->empty()) throw std::invalid_argument("version must not be empty");
  }
  a.options.rho = settings.market_implied_rho;
  a.options.ridge = settings.market_implied_ridge;
  a.options.max_goals = settings.max_goals;
  return a;
}

// The matches a fit is trained on: those whose margin-free 1X2 the inversion accepts, with
// their teams re-indexed over those matches (ascending id, as the data's own index); and the
// data's canonical text with every match's 1X2 appended, which training_data_sha256 hashes.
// (Probabilities is three contiguous doubles: its bytes are the three values in order.)
static_assert(sizeof(core::Probabilities) == 3 * sizeof(double));
struct MarketTraining {
  std::vector<core::MarketImpliedMatch> matches;
  std::vector<core::DixonColesMatch> goals;     // the same matches, for form and league statistics
  std::vector<core::LeagueWindowMatch> window;
  std::vector<std::int32_t> team_ids;
  std::size_t without_usable_odds = 0;
  std::string canonical;
};

MarketTraining market_training(const TrainingData& data, const MarketFitArguments& a) {
  MarketTraining t;
  std::vector<std::optional<core::ExpectedGoals>> rates(data.matches.size());
  std::vector<int> index(data.team_ids.size(), -1);
  for (std::size_t i = 0; i < data.matches.size(); ++i) {
    if (data.market[i]) rates[i] = core::implied_log_rates(*data.market[i], a.options);
    if (rates[i]) index[static_cast<std::size_t>(data.matches[i].home)] = index[static_cast<std::size_t>(data.matches[i].away)] = 0;
  }
  for (std::size_t k = 0; k < index.size(); ++k)
    if (index[k] == 0) {
      index[k] = static_cast<int>(t.team_ids.size());
      t.team_ids.push_back(data.team_ids[k]);
    }
  // The 1X2 enter the checksum as their IEEE-754 bytes (exact, and far cheaper than their
  // shortest decimal form), 24 bytes or one 0 byte per match, after the rows' canonical text.
  t.canonical.reserve(data.canonical.size() + 25 * data.matches.size() + 8);
  t.canonical = data.canonical;
  t.canonical += "market\n";
  for (std::size_t i = 0; i < data.matches.size(); ++i) {
    if (data.market[i])
      t.canonical.append(reinterpret_cast<const char*>(data.market[i]->data()), sizeof(core::Probabilities));
    else
      t.canonical += '\0';
    if (!rates[i]) {
      ++t.without_usable_odds;
      continue;
    }
    const core::DixonColesMatch& m = data.matches[i];
    const int home = index[static_cast<std::size_t>(m.home)], away = index[static_cast<std::size_t>(m.away)];
    t.matches.push_back({home, away, m.home_goals, m.away_goals, m.weight, *rates[i]});
    t.goals.push_back({home, away, m.home_goals, m.away_goals, m.weight});
    t.window.push_back(data.window[i]);
  }
  return t;
}

std::string deterministic_version(const MarketFitArguments& a, const std::string& data_sha256) {
  const std::string identity = "market-implied|" + data_sha256 + "|" + core::format_json_number(a.xi) + "|" +
                               core::format_json_number(a.options.rho) + "|" + core::format_json_number(a.options.ridge) +
                               "|" + date_text(a.as_of) + "|" + std::to_string(a.options.max_goals);
  return a.league_code + "-market-" + date_text(a.as_of) + "-" + sha256_hex(identity).substr(0, 12);
}

std::string model_parameters(const core::MarketImpliedFit& fit, const MarketFitArguments& a, const MarketTraining& t,
                             const std::string& data_sha256, const core::MeasuredLeagueStatistics& league,
                             const core::Settings& settings) {
  core::JsonObjectWriter json;
  json.string("model_type", "market-implied")
      .string("parametrisation",
              "log lambda = intercept + home_advantage + attack[home] - defence[away]; "
              "log mu = intercept + attack[away] - defence[home]; sum(attack) = sum(defence) = 0; "
              "fitted by weighted least squares to the log expected goals that reproduce each training "
              "match's margin-free closing 1X2 (matches.prob_*_market) under a score matrix with rho");
  core::write_fit_members(json, fit.model, id_texts(t.team_ids), "home_team_id", "away_team_id");
  json.boolean("fit_rho", false)
      .number("xi", a.xi)
      .number("ridge", a.options.ridge)
      .number("weighted_rss", fit.weighted_rss)
      .number("residual_sd", fit.residual_sd)
      .integer("matches_without_usable_odds", static_cast<long long>(t.without_usable_odds))
      .string("as_of", date_text(a.as_of))
      .integer("max_goals", a.options.max_goals)
      .string("training_data_sha256", data_sha256)
      .raw("league_statistics", core::league_statistics_json(league))
      .raw("settings", core::settings_to_json(settings));
  return json.finish();
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_market_implied_fit) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  const core::Settings settings = current_settings();
  const MarketFitArguments a = market_fit_arguments(fcinfo, settings);
  SpiConnection spi;
  lock_league(a.league_code);
  const std::int32_t league_id = league_id_of(a.league_code);
  const Datum* seasons = a.seasons ? &*a.seasons : nullptr;
  const TrainingData data = read_training_data(league_id, a.as_of, seasons, a.xi);
  const MarketTraining t = market_training(data, a);
  if (t.matches.empty())
    throw SqlStateError(ERRCODE_NO_DATA_FOUND, "no matches of league " + a.league_code + " before " + date_text(a.as_of) +
                                                   (a.seasons ? " in the given seasons" : "") +
                                                   " have usable closing odds (" + std::to_string(t.without_usable_odds) +
                                                   " without)");
  const std::string data_sha256 = sha256_hex(t.canonical);
  const std::string version = a.version ? *a.version : deterministic_version(a, data_sha256);
  if (const std::optional<Datum> existing = existing_model(version)) {
    spi.finish();
    return *existing;
  }
  core::MarketImpliedFit fit;
  try {
    fit = core::fit_market_implied(t.matches, static_cast<int>(t.team_ids.size()), a.options);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument("league " + a.league_code + " before " + date_text(a.as_of) + ": " +
                                core::name_teams_in_message(error.what(), team_names(t.team_ids)));
  }
  const core::MeasuredLeagueStatistics league = core::measure_league_statistics(
      t.goals, t.window, fit.model, settings.league_statistics_days, settings.max_goals);
  const Datum model = record_fit(
      {"market-implied", "minimize_weighted_squared_log_rate_error", version, league_id, a.as_of, a.xi, started_at,
       core::json_string_array(data.seasons_with_market), model_parameters(fit, a, t, data_sha256, league, settings),
       core::team_strengths_json(fit.model, id_texts(t.team_ids)), data.first, data.last, t.team_ids,
       core::team_form(t.goals, fit.model.teams), league.statistics.draw_rate},
      fit.model);
  spi.finish();
  return model;
}
