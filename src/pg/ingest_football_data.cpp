// jackpot.ingest_football_data(data bytea, league_code, season, snapshot_date, source):
// parses a football-data.co.uk file in the core, then writes it in set-based statements, one
// (league, season) at a time, and returns one ingestion_logs row per (league, season).
// Everything runs in the caller's statement: a file that fails anywhere writes nothing.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/football_data_csv.hpp"
#include "core/input_format_error.hpp"
#include "core/league_catalog.hpp"
#include "core/margin.hpp"
#include "core/settings.hpp"
#include "core/team_names.hpp"
#include "pg/datum.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/league_lock.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

using core::FootballDataMatch;

struct SeasonBatch {
  std::vector<const FootballDataMatch*> matches;
  std::size_t skipped_rows = 0;
};

constexpr const char* kFindLog =
    "SELECT * FROM jackpot.ingestion_logs "
    "WHERE source = $1 AND league_code = $2 AND season = $3 AND snapshot_date = $4";

constexpr const char* kEnsureLeague =
    "WITH created AS ("
    "  INSERT INTO jackpot.leagues (code, name, country, tier) VALUES ($1, $2, $3, $4)"
    "  ON CONFLICT (code) DO NOTHING RETURNING id)"
    "SELECT id FROM created UNION ALL SELECT id FROM jackpot.leagues WHERE code = $1 LIMIT 1";

constexpr const char* kEnsureTeams =
    "INSERT INTO jackpot.teams (league_id, name, canonical_name) "
    "SELECT $1, u.name, u.canonical FROM unnest($2::text[], $3::text[]) AS u(name, canonical) "
    "ON CONFLICT ON CONSTRAINT uix_team_league DO NOTHING";

constexpr const char* kTeamIds =
    "SELECT canonical_name, id FROM jackpot.teams WHERE league_id = $1 AND canonical_name = ANY ($2)";

// Inserts new matches, updates changed ones (a corrected score, late odds) and leaves identical
// ones alone; returns how many rows were inserted and how many updated.
constexpr const char* kUpsertMatches =
    "WITH input AS ("
    "  SELECT * FROM unnest($3::date[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[],"
    "                       $9::float8[], $10::float8[], $11::float8[], $12::text[],"
    "                       $13::float8[], $14::float8[], $15::float8[])"
    "    AS u(match_date, home_team_id, away_team_id, home_goals, away_goals, result,"
    "         odds_home, odds_draw, odds_away, odds_source, p_home, p_draw, p_away)"
    "), upserted AS ("
    "  INSERT INTO jackpot.matches AS m (league_id, season, match_date, home_team_id, away_team_id,"
    "      home_goals, away_goals, result, closing_odds, prob_home_market, prob_draw_market,"
    "      prob_away_market, source, snapshot_date)"
    "  SELECT $1, $2, i.match_date, i.home_team_id, i.away_team_id, i.home_goals, i.away_goals,"
    "         i.result::jackpot.match_result,"
    "         CASE WHEN i.odds_home IS NULL THEN '{}'::jsonb ELSE jsonb_build_object("
    "           'home', i.odds_home, 'draw', i.odds_draw, 'away', i.odds_away, 'source', i.odds_source) END,"
    "         i.p_home, i.p_draw, i.p_away, $16, $17"
    "    FROM input AS i"
    "  ON CONFLICT ON CONSTRAINT uix_match DO UPDATE SET"
    "    home_goals = excluded.home_goals, away_goals = excluded.away_goals, result = excluded.result,"
    "    closing_odds = excluded.closing_odds, prob_home_market = excluded.prob_home_market,"
    "    prob_draw_market = excluded.prob_draw_market, prob_away_market = excluded.prob_away_market,"
    "    source = excluded.source, snapshot_date = excluded.snapshot_date"
    "  WHERE (m.home_goals, m.away_goals, m.result, m.closing_odds, m.prob_home_market,"
    "         m.prob_draw_market, m.prob_away_market, m.source)"
    "        IS DISTINCT FROM (excluded.home_goals, excluded.away_goals, excluded.result,"
    "         excluded.closing_odds, excluded.prob_home_market, excluded.prob_draw_market,"
    "         excluded.prob_away_market, excluded.source)"
    "  RETURNING (m.xmax = 0) AS inserted"
    ")"
    "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted";

constexpr const char* kInsertLog =
    "INSERT INTO jackpot.ingestion_logs (source, league_code, season, snapshot_date, records_loaded,"
    "    records_inserted, records_updated, records_skipped, checksum, status, started_at, completed_at)"
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'completed', $10, clock_timestamp()) RETURNING *";

struct Arguments {
  std::string_view data;
  core::FootballDataOptions options;
  DateADT snapshot_date;
  std::string source;
  core::MarginMethod margin_method;  // jackpot.margin_method, for the market probabilities
};

Arguments read_arguments(FunctionCallInfo fcinfo) {
  if (PG_ARGISNULL(0)) throw std::invalid_argument("data must not be NULL");
  if (PG_ARGISNULL(3)) throw std::invalid_argument("snapshot_date must not be NULL");
  if (PG_ARGISNULL(4)) throw std::invalid_argument("source must not be NULL");
  Arguments a;
  a.margin_method = current_settings().margin_method;
  bytea* data = call_postgres([&] { return PG_GETARG_BYTEA_PP(0); });
  a.data = std::string_view(VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
  if (!PG_ARGISNULL(1)) {
    a.options.league_code = std::string(text_argument(fcinfo, 1));
    if (a.options.league_code->empty()) throw std::invalid_argument("league_code must not be empty");
  }
  if (!PG_ARGISNULL(2)) a.options.season = std::string(text_argument(fcinfo, 2));
  a.snapshot_date = PG_GETARG_DATEADT(3);
  a.source = std::string(text_argument(fcinfo, 4));
  if (a.source.empty()) throw std::invalid_argument("source must not be empty");
  return a;
}

std::int32_t ensure_league(const std::string& code) {
  const auto info = core::find_league(code);
  const std::string name(info ? info->name : std::string_view(code));
  const std::string country(info ? info->country : std::string_view("unknown"));
  spi_execute(kEnsureLeague, {{TEXTOID, text_datum(code)},
                              {TEXTOID, text_datum(name)},
                              {TEXTOID, text_datum(country)},
                              {INT4OID, Int32GetDatum(info ? info->tier : 1)}});
  return DatumGetInt32(*spi_value(0, 1));
}

// Creates the teams of a batch that the league does not have yet; returns each name as written
// in the file → team id (every distinct name is canonicalised once).
std::map<std::string, std::int32_t> ensure_teams(std::int32_t league_id, const SeasonBatch& batch) {
  std::map<std::string, std::string> canonical_of_name;
  for (const FootballDataMatch* m : batch.matches)
    for (const std::string* name : {&m->home_team, &m->away_team})
      if (canonical_of_name.count(*name) == 0) canonical_of_name.emplace(*name, core::canonical_team_name(*name));
  std::vector<std::string> names, canonicals;
  for (const auto& [name, canonical] : canonical_of_name) {
    names.push_back(name);
    canonicals.push_back(canonical);
  }
  const Datum canonical_array = text_array(canonicals);
  spi_execute(kEnsureTeams, {{INT4OID, Int32GetDatum(league_id)},
                             {TEXTARRAYOID, text_array(names)},
                             {TEXTARRAYOID, canonical_array}});
  const std::uint64_t rows = spi_execute(kTeamIds, {{INT4OID, Int32GetDatum(league_id)},
                                                    {TEXTARRAYOID, canonical_array}});
  std::map<std::string, std::int32_t> id_of_canonical;
  for (std::uint64_t r = 0; r < rows; ++r)
    id_of_canonical.emplace(text_of(*spi_value(r, 1)), DatumGetInt32(*spi_value(r, 2)));
  std::map<std::string, std::int32_t> ids;
  for (const auto& [name, canonical] : canonical_of_name) ids.emplace(name, id_of_canonical.at(canonical));
  return ids;
}

std::pair<std::int64_t, std::int64_t> upsert_matches(std::int32_t league_id, const std::string& season,
                                                     const SeasonBatch& batch,
                                                     const std::map<std::string, std::int32_t>& team_ids,
                                                     const Arguments& args) {
  const std::size_t n = batch.matches.size();
  std::vector<DateADT> dates;
  std::vector<std::int32_t> home_ids, away_ids, home_goals, away_goals;
  std::vector<std::string> results, sources;
  std::vector<std::optional<double>> odds_home, odds_draw, odds_away, p_home, p_draw, p_away;
  for (auto* v : {&home_ids, &away_ids, &home_goals, &away_goals}) v->reserve(n);
  for (const FootballDataMatch* m : batch.matches) {
    const std::int32_t home = team_ids.at(m->home_team);
    const std::int32_t away = team_ids.at(m->away_team);
    if (home == away)
      throw core::InputFormatError(m->line, 0, "\"" + m->home_team + "\" and \"" + m->away_team +
                                                   "\" are the same team once names are normalised");
    dates.push_back(date_from_ymd(m->date.year, m->date.month, m->date.day));
    home_ids.push_back(home);
    away_ids.push_back(away);
    home_goals.push_back(m->home_goals);
    away_goals.push_back(m->away_goals);
    results.emplace_back(1, m->result);
    if (m->closing_odds) {
      const auto& o = m->closing_odds->odds;
      std::array<double, 3> p;
      try {
        p = core::remove_margin(o, args.margin_method);
      } catch (const std::invalid_argument& error) {
        throw std::invalid_argument("line " + std::to_string(m->line) + ": " + error.what());
      }
      odds_home.emplace_back(o[0]);
      odds_draw.emplace_back(o[1]);
      odds_away.emplace_back(o[2]);
      sources.emplace_back(m->closing_odds->source);
      p_home.emplace_back(p[0]);
      p_draw.emplace_back(p[1]);
      p_away.emplace_back(p[2]);
    } else {
      for (auto* v : {&odds_home, &odds_draw, &odds_away, &p_home, &p_draw, &p_away}) v->emplace_back();
      sources.emplace_back();
    }
  }
  spi_execute(kUpsertMatches, {{INT4OID, Int32GetDatum(league_id)},
                               {TEXTOID, text_datum(season)},
                               {DATEARRAYOID, date_array(dates)},
                               {INT4ARRAYOID, int4_array(home_ids)},
                               {INT4ARRAYOID, int4_array(away_ids)},
                               {INT4ARRAYOID, int4_array(home_goals)},
                               {INT4ARRAYOID, int4_array(away_goals)},
                               {TEXTARRAYOID, text_array(results)},
                               {FLOAT8ARRAYOID, float8_array(odds_home)},
                               {FLOAT8ARRAYOID, float8_array(odds_draw)},
                               {FLOAT8ARRAYOID, float8_array(odds_away)},
                               {TEXTARRAYOID, text_array(sources)},
                               {FLOAT8ARRAYOID, float8_array(p_home)},
                               {FLOAT8ARRAYOID, float8_array(p_draw)},
                               {FLOAT8ARRAYOID, float8_array(p_away)},
                               {TEXTOID, text_datum(args.source)},
                               {DATEOID, DateADTGetDatum(args.snapshot_date)}});
  return {DatumGetInt64(*spi_value(0, 1)), DatumGetInt64(*spi_value(0, 2))};
}

void return_row(ReturnSetInfo* result) {
  call_postgres([result] { tuplestore_puttuple(result->setResult, SPI_tuptable->vals[0]); });
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_ingest_football_data) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  const Arguments args = read_arguments(fcinfo);
  const core::FootballDataFile file = core::parse_football_data(args.data, args.options);
  const std::string checksum = sha256_hex(args.data);

  std::map<std::pair<std::string, std::string>, SeasonBatch> batches;
  for (const core::FootballDataMatch& m : file.matches)
    batches[{m.league_code, m.season}].matches.push_back(&m);
  for (const core::FootballDataSkippedRow& s : file.skipped)
    ++batches[{s.league_code, s.season}].skipped_rows;

  call_postgres([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);

  SpiConnection spi;
  for (const auto& [key, batch] : batches) {
    const auto& [league_code, season] = key;
    const SpiArgument source{TEXTOID, text_datum(args.source)};
    const SpiArgument league{TEXTOID, text_datum(league_code)};
    const SpiArgument season_argument{TEXTOID, text_datum(season)};
    const SpiArgument snapshot{DATEOID, DateADTGetDatum(args.snapshot_date)};
    lock_league(league_code);  // batches run in code order: two files' locks never cross
    if (spi_execute(kFindLog, {source, league, season_argument, snapshot}) > 0) {
      const std::string logged = text_of(*spi_value(0, SPI_fnumber(SPI_tuptable->tupdesc, "checksum")));
      if (logged != checksum)
        throw SqlStateError(
            ERRCODE_UNIQUE_VIOLATION,
            "ingestion of " + league_code + " " + season + " from " + args.source +
                " with snapshot_date " + date_text(args.snapshot_date) +
                " is already recorded with a different file (checksum " + logged.substr(0, 12) +
                "…, this file " + checksum.substr(0, 12) + "…)",
            "A snapshot is immutable: ingest the new file with another snapshot_date "
            "(for example current_date) to record the change.");
      return_row(result);  // the same file again: nothing to do
      continue;
    }
    const std::int32_t league_id = ensure_league(league_code);
    std::int64_t inserted = 0, updated = 0;
    if (!batch.matches.empty()) {
      const auto team_ids = ensure_teams(league_id, batch);
      std::tie(inserted, updated) = upsert_matches(league_id, season, batch, team_ids, args);
    }
    const std::int64_t loaded = static_cast<std::int64_t>(batch.matches.size() + batch.skipped_rows);
    const std::int64_t skipped = loaded - inserted - updated;
    spi_execute(kInsertLog, {source, league, season_argument, snapshot,
                             {INT4OID, Int32GetDatum(static_cast<std::int32_t>(loaded))},
                             {INT4OID, Int32GetDatum(static_cast<std::int32_t>(inserted))},
                             {INT4OID, Int32GetDatum(static_cast<std::int32_t>(updated))},
                             {INT4OID, Int32GetDatum(static_cast<std::int32_t>(skipped))},
                             {TEXTOID, text_datum(checksum)},
                             {TIMESTAMPTZOID, TimestampTzGetDatum(started_at)}});
    return_row(result);
  }
  spi.finish();
  return static_cast<Datum>(0);
}
