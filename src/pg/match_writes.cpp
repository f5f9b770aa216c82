#include "pg/match_writes.hpp"

#include <array>

#include "core/input_format_error.hpp"
#include "core/league_catalog.hpp"
#include "core/team_names.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kEnsureLeagueParameters[] = {
    {"code", TEXTOID}, {"name", TEXTOID}, {"country", TEXTOID}, {"tier", INT4OID}};
constexpr const char* kEnsureLeagueColumns[] = {"id"};
constexpr StatementDescription kEnsureLeague{
    "ensure league",
    "WITH created AS ("
    "  INSERT INTO jackpot.leagues (code, name, country, tier) VALUES ($(code), $(name), $(country), $(tier))"
    "  ON CONFLICT (code) DO NOTHING RETURNING id)"
    "SELECT id FROM created UNION ALL SELECT id FROM jackpot.leagues WHERE code = $(code) LIMIT 1",
    kEnsureLeagueParameters, kEnsureLeagueColumns};

constexpr StatementParameter kEnsureTeamsParameters[] = {
    {"league_id", INT4OID}, {"names", TEXTARRAYOID}, {"canonical_names", TEXTARRAYOID}};
constexpr StatementDescription kEnsureTeams{
    "ensure teams",
    "INSERT INTO jackpot.teams (league_id, name, canonical_name) "
    "SELECT $(league_id), u.name, u.canonical FROM unnest($(names)::text[], $(canonical_names)::text[]) AS u(name, canonical) "
    "ON CONFLICT ON CONSTRAINT uix_team_league DO NOTHING",
    kEnsureTeamsParameters, ResultShape::none};

constexpr StatementParameter kTeamIdsParameters[] = {{"league_id", INT4OID}, {"canonical_names", TEXTARRAYOID}};
constexpr const char* kTeamIdsColumns[] = {"canonical_name", "id"};
constexpr StatementDescription kTeamIds{
    "team ids",
    "SELECT canonical_name, id FROM jackpot.teams WHERE league_id = $(league_id) AND canonical_name = ANY ($(canonical_names))",
    kTeamIdsParameters, kTeamIdsColumns};

// Inserts new matches, updates changed ones (a corrected score, late odds) and leaves identical
// ones alone; returns how many rows were inserted and how many updated.
constexpr StatementParameter kUpsertMatchesParameters[] = {
    {"league_id", INT4OID},
    {"season", TEXTOID},
    {"dates", DATEARRAYOID},
    {"home_team_ids", INT4ARRAYOID},
    {"away_team_ids", INT4ARRAYOID},
    {"home_goals", INT4ARRAYOID},
    {"away_goals", INT4ARRAYOID},
    {"results", TEXTARRAYOID},
    {"odds_home", FLOAT8ARRAYOID},
    {"odds_draw", FLOAT8ARRAYOID},
    {"odds_away", FLOAT8ARRAYOID},
    {"odds_sources", TEXTARRAYOID},
    {"p_home", FLOAT8ARRAYOID},
    {"p_draw", FLOAT8ARRAYOID},
    {"p_away", FLOAT8ARRAYOID},
    {"source", TEXTOID},
    {"snapshot_date", DATEOID}};
constexpr const char* kUpsertMatchesColumns[] = {"inserted", "updated"};
constexpr StatementDescription kUpsertMatches{
    "upsert matches",
    "WITH input AS ("
    "  SELECT * FROM unnest($(dates)::date[], $(home_team_ids)::int[], $(away_team_ids)::int[], $(home_goals)::int[], $(away_goals)::int[], $(results)::text[],"
    "                       $(odds_home)::float8[], $(odds_draw)::float8[], $(odds_away)::float8[], $(odds_sources)::text[],"
    "                       $(p_home)::float8[], $(p_draw)::float8[], $(p_away)::float8[])"
    "    AS u(match_date, home_team_id, away_team_id, home_goals, away_goals, result,"
    "         odds_home, odds_draw, odds_away, odds_source, p_home, p_draw, p_away)"
    "), upserted AS ("
    "  INSERT INTO jackpot.matches AS m (league_id, season, match_date, home_team_id, away_team_id,"
    "      home_goals, away_goals, result, closing_odds, prob_home_market, prob_draw_market,"
    "      prob_away_market, source, snapshot_date)"
    "  SELECT $(league_id), $(season), i.match_date, i.home_team_id, i.away_team_id, i.home_goals, i.away_goals,"
    "         i.result::jackpot.match_result,"
    "         CASE WHEN i.odds_home IS NULL THEN '{}'::jsonb ELSE jsonb_build_object("
    "           'home', i.odds_home, 'draw', i.odds_draw, 'away', i.odds_away, 'source', i.odds_source) END,"
    "         i.p_home, i.p_draw, i.p_away, $(source), $(snapshot_date)"
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
    "SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted",
    kUpsertMatchesParameters, kUpsertMatchesColumns};



}  // namespace

std::int32_t ensure_league(const std::string& code) {
  const auto info = core::find_league(code);
  const std::string name(info ? info->name : std::string_view(code));
  const std::string country(info ? info->country : std::string_view("unknown"));
  spi_execute(kEnsureLeague, {{"code", text_datum(code)},
                              {"name", text_datum(name)},
                              {"country", text_datum(country)},
                              {"tier", Int32GetDatum(info ? info->tier : 1)}});
  return DatumGetInt32(*spi_value(0, JACKPOT_COLUMN(kEnsureLeague, "id")));
}

std::map<std::string, std::int32_t> ensure_teams(std::int32_t league_id,
                                               const std::vector<const core::FootballDataMatch*>& batch) {
  std::map<std::string, std::string> canonical_of_name;
  for (const core::FootballDataMatch* m : batch)
    for (const std::string* name : {&m->home_team, &m->away_team})
      if (canonical_of_name.count(*name) == 0) canonical_of_name.emplace(*name, core::canonical_team_name(*name));
  std::vector<std::string> names, canonicals;
  for (const auto& [name, canonical] : canonical_of_name) {
    names.push_back(name);
    canonicals.push_back(canonical);
  }
  const Datum canonical_array = text_array(canonicals);
  spi_execute(kEnsureTeams, {{"league_id", Int32GetDatum(league_id)},
                             {"names", text_array(names)},
                             {"canonical_names", canonical_array}});
  const std::uint64_t rows = spi_execute(kTeamIds, {{"league_id", Int32GetDatum(league_id)},
                                                    {"canonical_names", canonical_array}});
  std::map<std::string, std::int32_t> id_of_canonical;
  for (std::uint64_t r = 0; r < rows; ++r)
    id_of_canonical.emplace(text_of(*spi_value(r, JACKPOT_COLUMN(kTeamIds, "canonical_name"))),
                            DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kTeamIds, "id"))));
  std::map<std::string, std::int32_t> ids;
  for (const auto& [name, canonical] : canonical_of_name) ids.emplace(name, id_of_canonical.at(canonical));
  return ids;
}

std::pair<std::int64_t, std::int64_t> upsert_matches(std::int32_t league_id, const std::string& season,
                                                     const std::vector<const core::FootballDataMatch*>& batch,
                                                     const std::map<std::string, std::int32_t>& team_ids,
                                                     core::MarginMethod margin_method, const std::string& source,
                                                     DateADT snapshot_date) {
  const std::size_t n = batch.size();
  std::vector<DateADT> dates;
  std::vector<std::int32_t> home_ids, away_ids, home_goals, away_goals;
  std::vector<std::string> results, sources;
  std::vector<std::optional<double>> odds_home, odds_draw, odds_away, p_home, p_draw, p_away;
  for (auto* v : {&home_ids, &away_ids, &home_goals, &away_goals}) v->reserve(n);
  for (const core::FootballDataMatch* m : batch) {
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
        p = core::remove_margin(o, margin_method);
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
  spi_execute(kUpsertMatches, {{"league_id", Int32GetDatum(league_id)},
                               {"season", text_datum(season)},
                               {"dates", date_array(dates)},
                               {"home_team_ids", int4_array(home_ids)},
                               {"away_team_ids", int4_array(away_ids)},
                               {"home_goals", int4_array(home_goals)},
                               {"away_goals", int4_array(away_goals)},
                               {"results", text_array(results)},
                               {"odds_home", float8_array(odds_home)},
                               {"odds_draw", float8_array(odds_draw)},
                               {"odds_away", float8_array(odds_away)},
                               {"odds_sources", text_array(sources)},
                               {"p_home", float8_array(p_home)},
                               {"p_draw", float8_array(p_draw)},
                               {"p_away", float8_array(p_away)},
                               {"source", text_datum(source)},
                               {"snapshot_date", DateADTGetDatum(snapshot_date)}});
  return {DatumGetInt64(*spi_value(0, JACKPOT_COLUMN(kUpsertMatches, "inserted"))),
          DatumGetInt64(*spi_value(0, JACKPOT_COLUMN(kUpsertMatches, "updated")))};
}

}  // namespace jackpot::pg
