// jackpot.dixon_coles_fit(league_code, as_of, xi, seasons, fit_rho, version): reads the league's
// matches strictly before as_of, fits Dixon–Coles in the core, and records the model version,
// its training run, a team_features snapshot per team and the teams' ratings, in one statement.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <tuple>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/json_writer.hpp"
#include "core/league_statistics.hpp"
#include "core/rho_boundary_json.hpp"
#include "core/team_form.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/league_lock.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

constexpr const char* kLeague = "SELECT id FROM jackpot.leagues WHERE code = $1";

// The training rows (sorted afterwards into the canonical order that training_data_sha256
// hashes: date, home team id, away team id). The best plan depends on the values, with other
// leagues in the table:
// - every season: planned for each call's values (spi_stream_with_custom_plan), since as_of
//   alone decides how many seasons a backtest's early fit reads;
// - given seasons: one generic plan, kept (spi_stream_with_generic_plan), that reads the
//   league's seasons through idx_matches_league_season whatever as_of is. as_of bounds the rows
//   as a filter only ("+ 0"): a generic plan cannot know that the bound hardly selects, and
//   would otherwise walk idx_matches_date through every league's matches.
// (receive_training_row reads the columns by position.)
#define JACKPOT_TRAINING_COLUMNS                                                                   \
  "SELECT m.match_date, m.home_team_id, m.away_team_id, m.home_goals, m.away_goals,"               \
  "       m.prob_draw_market, m.season"                                                             \
  "  FROM jackpot.matches AS m"
constexpr const char* kTrainingMatches = JACKPOT_TRAINING_COLUMNS " WHERE m.league_id = $2 AND m.match_date < $1";
constexpr const char* kTrainingMatchesOfSeasons =
    JACKPOT_TRAINING_COLUMNS " WHERE m.league_id = $2 AND m.season = ANY ($3) AND m.match_date + 0 < $1";
#undef JACKPOT_TRAINING_COLUMNS

constexpr const char* kTeamNames = "SELECT id, name FROM jackpot.teams WHERE id = ANY ($1) ORDER BY id";

constexpr const char* kExistingModel = "SELECT * FROM jackpot.models WHERE version = $1";

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
constexpr const char* kRecordFit =
    "WITH archived AS ("
    "  UPDATE jackpot.models SET status = 'archived', updated_at = now()"
    "   WHERE league_id = $2 AND status = 'active' RETURNING 1),"
    " model AS ("
    "  INSERT INTO jackpot.models (version, league_id, model_type, status, trained_at, training_matches,"
    "      training_seasons, parameters, team_strengths)"
    "  SELECT $1, $2, 'dixon-coles', 'active', now(), $3, $4::jsonb, $5::jsonb, $6::jsonb"
    "    FROM (SELECT count(*) FROM archived) AS archived_first RETURNING *),"
    " run AS ("
    "  INSERT INTO jackpot.training_runs (model_id, run_type, status, started_at, completed_at, data_start,"
    "      data_end, match_count, objective, metrics, logs)"
    "  SELECT model.id, 'full', 'active', $7, clock_timestamp(), $8, $9, $3, 'maximize_weighted_log_likelihood',"
    "         $10::jsonb, '[]'::jsonb FROM model),"
    " features AS ("
    "  INSERT INTO jackpot.team_features (team_id, snapshot_date, feature_version, attack_strength,"
    "      defense_strength, home_advantage, decay_lambda, goals_scored_5, goals_scored_10, goals_scored_20,"
    "      goals_conceded_5, goals_conceded_10, goals_conceded_20, win_rate_5, win_rate_10, draw_rate_5,"
    "      draw_rate_10, home_win_rate, away_win_rate)"
    "  SELECT f.team_id, $11, $1, $15[f.k], $16[f.k], $12, $13, $17[f.k], $18[f.k], $19[f.k], $20[f.k],"
    "         $21[f.k], $22[f.k], $23[f.k], $24[f.k], $25[f.k], $26[f.k], $27[f.k], $28[f.k]"
    "    FROM unnest($14::int[]) WITH ORDINALITY AS f(team_id, k)"  // one set-returning call, not 15
    "  RETURNING team_id, attack_strength, defense_strength),"
    " draw_rate AS ("
    "  UPDATE jackpot.leagues SET avg_draw_rate = $29, updated_at = now()"
    "   WHERE id = $2 AND avg_draw_rate IS DISTINCT FROM $29),"
    " ratings AS ("
    "  UPDATE jackpot.teams AS t SET attack_rating = exp(f.attack_strength), defense_rating = exp(f.defense_strength),"
    "         last_calculated = now(), updated_at = now()"
    "    FROM features AS f WHERE t.id = f.team_id AND t.id = ANY ($14::int[]))"
    " SELECT * FROM model";

struct TrainingData {
  std::vector<core::DixonColesMatch> matches;
  std::vector<core::LeagueWindowMatch> window;  // per match, for the league statistics
  std::vector<std::int32_t> team_ids;  // index → team id, ascending
  std::set<std::string> seasons;
  DateADT first = 0, last = 0;
  std::string canonical;  // "yyyy-mm-dd,home_id,away_id,home_goals,away_goals\n" per row
};

struct TrainingRow {
  DateADT date;
  std::int32_t home, away, home_goals, away_goals, days;
  double market_draw;
};

// Collects the training rows straight from the executor (spi_stream_*).
struct TrainingRowReader {
  DateADT as_of;  // finite: the days before it fit an int
  std::vector<TrainingRow> rows;
  std::set<std::string>* seasons;
  std::string last_season;
  std::int32_t largest_id = 0;
  std::exception_ptr failure;  // what stopped the read (out of memory), raised after it
};

bool receive_training_row(TupleTableSlot* slot, void* context) noexcept {
  auto& reader = *static_cast<TrainingRowReader*>(context);
  const Datum* values = slot->tts_values;
  const bool* nulls = slot->tts_isnull;
  // A short label is stored inline (VARDATA_ANY reads a 1-byte header too); a compressed or
  // out-of-line one is not expected, but is never misread. Detoasting may raise a PostgreSQL
  // error: no C++ object is alive in this frame until the try block.
  const text* season = reinterpret_cast<const text*>(DatumGetPointer(values[6]));
  if (VARATT_IS_COMPRESSED(season) || VARATT_IS_EXTERNAL(season))
    season = reinterpret_cast<const text*>(pg_detoast_datum_packed(const_cast<text*>(season)));
  try {
    if (DATE_NOT_FINITE(DatumGetDateADT(values[0])))  // the days before as_of would not be a number
      throw SqlStateError(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
                          std::string("a training match is dated ") +
                              (DATE_IS_NOBEGIN(DatumGetDateADT(values[0])) ? "-infinity" : "infinity") +
                              ": match dates must be finite");
    const TrainingRow row{DatumGetDateADT(values[0]), DatumGetInt32(values[1]), DatumGetInt32(values[2]),
                          DatumGetInt32(values[3]), DatumGetInt32(values[4]),
                          reader.as_of - DatumGetDateADT(values[0]),  // days before as_of
                          nulls[5] ? std::numeric_limits<double>::quiet_NaN() : DatumGetFloat8(values[5])};
    reader.rows.push_back(row);
    reader.largest_id = std::max({reader.largest_id, row.home, row.away});
    // seasons come in runs (rows arrive roughly in load order): kept only when one changes
    const std::string_view name(VARDATA_ANY(season), VARSIZE_ANY_EXHDR(season));
    if (name != reader.last_season) {
      reader.seasons->emplace(name);
      reader.last_season = name;
    }
    return true;
  } catch (...) {
    reader.failure = std::current_exception();
    return false;
  }
}

// seasons: a text[], or nullptr for every season.
TrainingData read_training_data(std::int32_t league_id, DateADT as_of, const Datum* seasons, double xi) {
  TrainingData data;
  TrainingRowReader reader;
  reader.as_of = as_of;
  reader.seasons = &data.seasons;
  if (seasons)
    spi_stream_with_generic_plan(kTrainingMatchesOfSeasons, {{DATEOID, DateADTGetDatum(as_of)},
                                                             {INT4OID, Int32GetDatum(league_id)},
                                                             {TEXTARRAYOID, *seasons}},
                                 receive_training_row, &reader);
  else
    spi_stream_with_custom_plan(kTrainingMatches, {{DATEOID, DateADTGetDatum(as_of)}, {INT4OID, Int32GetDatum(league_id)}},
                                receive_training_row, &reader);
  if (reader.failure) std::rethrow_exception(reader.failure);
  std::vector<TrainingRow>& raw = reader.rows;
  const std::int32_t largest_id = reader.largest_id;
  // Team ids → indexes 0 … n−1 in ascending id order.
  std::vector<int> index(static_cast<std::size_t>(largest_id) + 1, -1);
  for (const TrainingRow& row : raw) index[row.home] = index[row.away] = 0;
  int next = 0;
  for (std::size_t id = 0; id < index.size(); ++id)
    if (index[id] == 0) {
      index[id] = next++;
      data.team_ids.push_back(static_cast<std::int32_t>(id));
    }
  // The canonical order; (date, home, away) is unique within a league (uix_match), so the
  // order, and with it every sum of the fit, is the same on every run.
  std::sort(raw.begin(), raw.end(), [](const TrainingRow& a, const TrainingRow& b) {
    return std::tie(a.date, a.home, a.away) < std::tie(b.date, b.home, b.away);
  });
  data.matches.reserve(raw.size());
  data.window.reserve(raw.size());
  data.canonical.reserve(raw.size() * 32);
  // Matches come in runs of one date: the date's text is formatted once per run.
  char day_text[kDateTextCapacity + 1];
  std::size_t day_text_length = 0;
  DateADT day_of_text = DATEVAL_NOBEGIN;
  const auto append_int = [&data](int value) {
    char digits[16];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    (void)error;  // 16 characters hold any int
    data.canonical.append(digits, end);
  };
  double weight = 0;  // exp(−ξ · days), also computed once per date
  for (const TrainingRow& row : raw) {
    if (row.date != day_of_text) {
      day_text_length = format_date(row.date, day_text);
      day_text[day_text_length++] = ',';
      weight = std::exp(-xi * row.days);
      day_of_text = row.date;
    }
    data.matches.push_back({index[row.home], index[row.away], row.home_goals, row.away_goals, weight});
    data.window.push_back({row.days, row.market_draw});
    data.canonical.append(day_text, day_text_length);
    append_int(row.home);
    data.canonical += ',';
    append_int(row.away);
    data.canonical += ',';
    append_int(row.home_goals);
    data.canonical += ',';
    append_int(row.away_goals);
    data.canonical += '\n';
  }
  if (!raw.empty()) {
    data.first = raw.front().date;
    data.last = raw.back().date;
  }
  return data;
}

// The teams' names, in index order, for the core's error messages.
std::vector<std::string> team_names(const std::vector<std::int32_t>& team_ids) {
  const std::uint64_t rows = spi_execute(kTeamNames, {{INT4ARRAYOID, int4_array(team_ids)}});
  std::map<std::int32_t, std::string> by_id;
  for (std::uint64_t r = 0; r < rows; ++r) by_id[DatumGetInt32(*spi_value(r, 1))] = text_of(*spi_value(r, 2));
  std::vector<std::string> names;
  for (const std::int32_t id : team_ids) names.push_back(by_id[id]);
  return names;
}

std::vector<std::string> team_id_values(const std::vector<std::int32_t>& team_ids) {
  std::vector<std::string> values;
  for (const std::int32_t id : team_ids) values.push_back(std::to_string(id));
  return values;
}

std::string json_string_array(const std::set<std::string>& values) {
  std::string out = "[";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    core::append_json_string(out, v);
  }
  return out + "]";
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_dixon_coles_fit) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  if (PG_ARGISNULL(0)) throw std::invalid_argument("league_code must not be NULL");
  if (PG_ARGISNULL(1)) throw std::invalid_argument("as_of must not be NULL");
  if (PG_ARGISNULL(4)) throw std::invalid_argument("fit_rho must not be NULL");
  const std::string league_code(text_argument(fcinfo, 0));
  const DateADT as_of = PG_GETARG_DATEADT(1);
  if (DATE_NOT_FINITE(as_of))
    throw std::invalid_argument(std::string("as_of must be a finite date, not ") + (DATE_IS_NOBEGIN(as_of) ? "-infinity" : "infinity"));
  const core::Settings settings = current_settings();
  const double xi = PG_ARGISNULL(2) ? settings.time_decay_xi : PG_GETARG_FLOAT8(2);
  if (!(std::isfinite(xi) && xi >= 0))
    throw std::invalid_argument("xi must be a finite decay rate >= 0 per day, not " + std::to_string(xi));
  const bool fit_rho = PG_GETARG_BOOL(4);
  core::DixonColesOptions options;
  options.fit_rho = fit_rho;
  options.fixed_rho = settings.dixon_coles_rho;
  options.initial_home_advantage = settings.home_advantage;

  SpiConnection spi;
  lock_league(league_code);  // before reading: a concurrent ingestion or fit of the league finishes first
  if (spi_execute(kLeague, {{TEXTOID, text_datum(league_code)}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown league \"" + league_code + "\"",
                        "Ingest it first with jackpot.ingest_football_data().");
  const std::int32_t league_id = DatumGetInt32(*spi_value(0, 1));
  const Datum seasons = PG_ARGISNULL(3) ? Datum(0) : PG_GETARG_DATUM(3);
  const TrainingData data = read_training_data(league_id, as_of, PG_ARGISNULL(3) ? nullptr : &seasons, xi);
  if (data.matches.empty())
    throw SqlStateError(ERRCODE_NO_DATA_FOUND,
                        "no matches of league " + league_code + " before " + date_text(as_of) +
                            (PG_ARGISNULL(3) ? "" : " in the given seasons"));
  const std::string data_sha256 = sha256_hex(data.canonical);

  std::string version;
  if (!PG_ARGISNULL(5)) {
    version = std::string(text_argument(fcinfo, 5));
    if (version.empty()) throw std::invalid_argument("version must not be empty");
  } else {
    // Deterministic: the same data and options give the same version (and the existing model).
    const std::string identity = data_sha256 + "|" + core::format_json_number(xi) + "|" +
                                 (fit_rho ? std::string("fit") : core::format_json_number(options.fixed_rho)) +
                                 "|" + date_text(as_of) + "|" +
                                 std::to_string(settings.max_goals);
    version = league_code + "-" + date_text(as_of) + "-" + sha256_hex(identity).substr(0, 12);
  }
  if (spi_execute(kExistingModel, {{TEXTOID, text_datum(version)}}) > 0) {
    const Datum existing = call_postgres([] { return PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc)); });
    spi.finish();
    return existing;
  }

  core::DixonColesFit fit;
  try {
    fit = core::fit_dixon_coles(data.matches, static_cast<int>(data.team_ids.size()), options);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument("league " + league_code + " before " + date_text(as_of) + ": " +
                                core::name_teams_in_message(error.what(), team_names(data.team_ids)));
  }
  const core::DixonColesLayout layout{fit.teams};
  const int max_goals = settings.max_goals;
  const core::MeasuredLeagueStatistics league_statistics = core::measure_league_statistics(
      data.matches, data.window, fit, settings.league_statistics_days,
      max_goals);

  core::JsonObjectWriter parameters;
  parameters.string("parametrisation",
                    "log lambda = intercept + home_advantage + attack[home] - defence[away]; "
                    "log mu = intercept + attack[away] - defence[home]; sum(attack) = sum(defence) = 0")
      .number("rho", fit.phi(layout.rho()))
      .number("home_advantage", fit.phi(layout.home_advantage()))
      .number("intercept", fit.phi(layout.intercept()))
      .number("rho_se", fit.phi_se(layout.rho()))
      .number("home_advantage_se", fit.phi_se(layout.home_advantage()))
      .number("intercept_se", fit.phi_se(layout.intercept()))
      .boolean("fit_rho", fit_rho)
      .number("xi", xi)
      .string("as_of", date_text(as_of))
      .integer("max_goals", max_goals)
      .number("log_likelihood", fit.log_likelihood)
      .integer("iterations", fit.iterations)
      .number("gradient_norm", fit.gradient_norm)
      .boolean("converged", fit.converged)
      .raw("rho_boundary", core::rho_boundary_json(fit, team_id_values(data.team_ids), "home_team_id", "away_team_id"))
      .integer("n_matches", static_cast<long long>(fit.matches))
      .number("sum_weights", fit.sum_weights)
      .string("training_data_sha256", data_sha256)
      .raw("league_statistics", core::league_statistics_json(league_statistics))
      .raw("settings", core::settings_to_json(settings));
  std::string strengths = "{";
  std::vector<std::optional<double>> attack, defence;
  for (int i = 0; i < fit.teams; ++i) {
    core::JsonObjectWriter team;
    team.number("attack", fit.phi(layout.attack(i)))
        .number("defence", fit.phi(layout.defence(i)))
        .number("attack_se", fit.phi_se(layout.attack(i)))
        .number("defence_se", fit.phi_se(layout.defence(i)));
    if (i > 0) strengths += ',';
    core::append_json_string(strengths, std::to_string(data.team_ids[i]));
    strengths += ':' + team.finish();
    attack.emplace_back(fit.phi(layout.attack(i)));
    defence.emplace_back(fit.phi(layout.defence(i)));
  }
  strengths += '}';

  core::JsonObjectWriter metrics;
  metrics.number("log_likelihood", fit.log_likelihood).number("gradient_norm", fit.gradient_norm)
      .integer("iterations", fit.iterations).number("sum_weights", fit.sum_weights);
  const Datum team_ids = int4_array(data.team_ids);
  const Datum attacks = float8_array(attack), defences = float8_array(defence);
  const std::vector<core::TeamForm> form = core::team_form(data.matches, fit.teams);
  const auto column = [&](double core::TeamForm::*field) {
    std::vector<std::optional<double>> values;
    for (const core::TeamForm& f : form)
      values.push_back(std::isnan(f.*field) ? std::nullopt : std::optional<double>(f.*field));
    return float8_array(values);
  };
  spi_execute(kRecordFit, {{TEXTOID, text_datum(version)},
                           {INT4OID, Int32GetDatum(league_id)},
                           {INT4OID, Int32GetDatum(static_cast<std::int32_t>(fit.matches))},
                           {TEXTOID, text_datum(json_string_array(data.seasons))},
                           {TEXTOID, text_datum(parameters.finish())},
                           {TEXTOID, text_datum(strengths)},
                           {TIMESTAMPTZOID, TimestampTzGetDatum(started_at)},
                           {DATEOID, DateADTGetDatum(data.first)},
                           {DATEOID, DateADTGetDatum(data.last)},
                           {TEXTOID, text_datum(metrics.finish())},
                           {DATEOID, DateADTGetDatum(as_of)},
                           {FLOAT8OID, Float8GetDatum(fit.phi(layout.home_advantage()))},
                           {FLOAT8OID, Float8GetDatum(xi)},
                           {INT4ARRAYOID, team_ids},
                           {FLOAT8ARRAYOID, attacks},
                           {FLOAT8ARRAYOID, defences},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::goals_scored_5)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::goals_scored_10)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::goals_scored_20)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::goals_conceded_5)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::goals_conceded_10)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::goals_conceded_20)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::win_rate_5)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::win_rate_10)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::draw_rate_5)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::draw_rate_10)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::home_win_rate)},
                           {FLOAT8ARRAYOID, column(&core::TeamForm::away_win_rate)},
                           {FLOAT8OID, Float8GetDatum(league_statistics.statistics.draw_rate)}});
  const Datum model = call_postgres([] { return PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc)); });
  spi.finish();
  return model;
}
