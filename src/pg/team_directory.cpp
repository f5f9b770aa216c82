#include "pg/team_directory.hpp"

#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

constexpr const char* kVersionColumns[] = {"version"};
constexpr StatementDescription kVersion{
    "team directory version", "SELECT version FROM jackpot.team_directory_version",
    kVersionColumns};

constexpr const char* kTeamsColumns[] = {"id", "league_id", "code", "country", "name", "canonical_name"};
constexpr StatementDescription kTeams{
    "directory teams",
    "SELECT t.id, t.league_id, l.code, l.country, t.name, t.canonical_name"
    "  FROM jackpot.teams AS t JOIN jackpot.leagues AS l ON l.id = t.league_id",
    kTeamsColumns};

// Learned aliases, and the shipped ones applied to every team of their football-data name.
constexpr const char* kAliasesColumns[] = {"team_id", "canonical_alias"};
constexpr StatementDescription kAliases{
    "directory aliases",
    "SELECT a.team_id, a.canonical_alias FROM jackpot.team_aliases AS a"
    " UNION ALL "
    "SELECT t.id, jackpot.canonical_team_name(s.alias) FROM jackpot.team_alias_seeds AS s"
    "  JOIN jackpot.teams AS t ON t.canonical_name = jackpot.canonical_team_name(s.team_name)",
    kAliasesColumns};

// Backward scans of the (team, date) indexes, one row per lookup in order.
constexpr StatementParameter kLastPlayedParameters[] = {{"team_ids", INT4ARRAYOID}, {"dates", DATEARRAYOID}};
constexpr const char* kLastPlayedColumns[] = {"last_played"};
constexpr StatementDescription kLastPlayed{
    "last played",
    "SELECT greatest((SELECT max(m.match_date) FROM jackpot.matches AS m"
    "                  WHERE m.home_team_id = u.team_id AND m.match_date < u.day),"
    "                (SELECT max(m.match_date) FROM jackpot.matches AS m"
    "                  WHERE m.away_team_id = u.team_id AND m.match_date < u.day)) AS last_played"
    "  FROM unnest($(team_ids)::int[], $(dates)::date[]) WITH ORDINALITY AS u(team_id, day, k) ORDER BY u.k",
    kLastPlayedParameters, kLastPlayedColumns};

// The session's directory: built once, replaced when the version changes. Plain statics (no
// static C++ object): the directory lives on the heap for the backend's life.
core::TeamDirectory* directory = nullptr;
std::int64_t directory_version = -1;

core::TeamDirectory* build_directory() {
  std::vector<core::DirectoryTeam> teams;
  const std::uint64_t rows = spi_execute(kTeams, {});
  teams.reserve(rows);
  for (std::uint64_t r = 0; r < rows; ++r)
    teams.push_back({DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kTeams, "id"))),
                     DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kTeams, "league_id"))),
                     text_of(*spi_value(r, JACKPOT_COLUMN(kTeams, "code"))),
                     text_of(*spi_value(r, JACKPOT_COLUMN(kTeams, "country"))),
                     text_of(*spi_value(r, JACKPOT_COLUMN(kTeams, "name"))),
                     text_of(*spi_value(r, JACKPOT_COLUMN(kTeams, "canonical_name")))});
  std::vector<core::DirectoryAlias> aliases;
  const std::uint64_t alias_rows = spi_execute(kAliases, {});
  for (std::uint64_t r = 0; r < alias_rows; ++r)
    aliases.push_back({DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kAliases, "team_id"))),
                       text_of(*spi_value(r, JACKPOT_COLUMN(kAliases, "canonical_alias")))});
  return new core::TeamDirectory(std::move(teams), aliases);
}

}  // namespace

const core::TeamDirectory& team_directory() {
  spi_execute(kVersion, {});
  const std::int64_t version = DatumGetInt64(*spi_value(0, JACKPOT_COLUMN(kVersion, "version")));
  if (directory == nullptr || version != directory_version) {
    core::TeamDirectory* fresh = build_directory();
    delete directory;
    directory = fresh;
    directory_version = version;
  }
  return *directory;
}

std::vector<std::optional<DateADT>> last_played_before(const std::vector<TeamOnDate>& lookups) {
  std::vector<std::int32_t> ids;
  std::vector<DateADT> dates;
  for (const TeamOnDate& lookup : lookups) {
    ids.push_back(lookup.team_id);
    dates.push_back(lookup.date);
  }
  const std::uint64_t rows = spi_execute(kLastPlayed, {{"team_ids", int4_array(ids)}, {"dates", date_array(dates)}});
  std::vector<std::optional<DateADT>> out;
  out.reserve(rows);
  for (std::uint64_t r = 0; r < rows; ++r) {
    const std::optional<Datum> value = spi_value(r, JACKPOT_COLUMN(kLastPlayed, "last_played"));
    out.push_back(value ? std::optional<DateADT>(DatumGetDateADT(*value)) : std::nullopt);
  }
  return out;
}

}  // namespace jackpot::pg
