// jackpot.resolve_fixture(home, away, on_date, league_code): both names of a fixture resolved
// together against the session's team directory (core/team_resolution), with each side's
// confidence, evidence, best candidates and the reason a name stayed unresolved.
#include <optional>
#include <string>

#include "core/json_writer.hpp"
#include "core/team_names.hpp"
#include "pg/datum.hpp"
#include "pg/fixture_resolution.hpp"
#include "pg/leagues.hpp"
#include "pg/result_row.hpp"
#include "pg/spi.hpp"
#include "pg/team_directory.hpp"

namespace {

using jackpot::pg::RowDescription;

constexpr const char* kResolveFixtureColumns[] = {
    "home_team_id", "home_team", "home_league", "home_confidence", "home_evidence", "home_candidates", "home_reason",
    "away_team_id", "away_team", "away_league", "away_confidence", "away_evidence", "away_candidates", "away_reason",
    "league"};
constexpr RowDescription kResolveFixtureRow{"jackpot.resolve_fixture", kResolveFixtureColumns};
using Row = jackpot::pg::RowValues<kResolveFixtureRow.size()>;
// The away columns follow the home columns in the same order: set_side fills either from its first.
#define SAME_OFFSET(suffix)                                                                                     \
  static_assert(JACKPOT_FIELD(kResolveFixtureRow, "away_" suffix) - JACKPOT_FIELD(kResolveFixtureRow, "away_team_id") == \
                JACKPOT_FIELD(kResolveFixtureRow, "home_" suffix) - JACKPOT_FIELD(kResolveFixtureRow, "home_team_id"));
SAME_OFFSET("team")
SAME_OFFSET("league")
SAME_OFFSET("confidence")
SAME_OFFSET("evidence")
SAME_OFFSET("candidates")
SAME_OFFSET("reason")
#undef SAME_OFFSET
static_assert(JACKPOT_FIELD(kResolveFixtureRow, "home_team") == JACKPOT_FIELD(kResolveFixtureRow, "home_team_id") + 1 &&
              JACKPOT_FIELD(kResolveFixtureRow, "home_league") == JACKPOT_FIELD(kResolveFixtureRow, "home_team_id") + 2 &&
              JACKPOT_FIELD(kResolveFixtureRow, "home_confidence") == JACKPOT_FIELD(kResolveFixtureRow, "home_team_id") + 3 &&
              JACKPOT_FIELD(kResolveFixtureRow, "home_evidence") == JACKPOT_FIELD(kResolveFixtureRow, "home_team_id") + 4 &&
              JACKPOT_FIELD(kResolveFixtureRow, "home_candidates") == JACKPOT_FIELD(kResolveFixtureRow, "home_team_id") + 5 &&
              JACKPOT_FIELD(kResolveFixtureRow, "home_reason") == JACKPOT_FIELD(kResolveFixtureRow, "home_team_id") + 6,
              "set_side writes a side's columns at these offsets");

// Fills the seven columns of one side, from its home_ column on (the away_ columns follow in the
// same order).
void set_side(Row& row, int first, const jackpot::core::TeamDirectory& directory,
              const jackpot::core::SideResolution& side) {
  using namespace jackpot;
  if (side.team) {
    const core::DirectoryTeam& team = directory.teams()[*side.team];
    row.set(first, Int32GetDatum(team.id));
    row.set(first + 1, pg::text_datum(team.name));
    row.set(first + 2, pg::text_datum(team.league_code));
    row.set(first + 3, Float8GetDatum(side.confidence));
    row.set(first + 4, pg::text_datum(side.evidence));
  } else {
    row.set(first + 6, pg::text_datum(pg::unresolved_reason(directory, side) + ". Candidates: " +
                                      pg::candidates_text(directory, side) + "."));
  }
  std::string candidates = "[";
  for (const core::CandidateReport& c : side.candidates) {
    const core::DirectoryTeam& team = directory.teams()[c.team];
    core::JsonObjectWriter json;
    json.integer("team_id", team.id).string("team", team.name).string("league", team.league_code).number("score", c.score)
        .boolean("stale", c.stale).string("unexplained", c.unexplained);
    candidates += (candidates.size() > 1 ? "," : "") + json.finish();
  }
  row.set(first + 5, pg::jsonb_from_json(candidates + "]"));
}

}  // namespace

JACKPOT_SQL_FUNCTION(jackpot_resolve_fixture) {
  using namespace jackpot;
  using namespace jackpot::pg;
  for (int i = 0; i < 3; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("home, away and on_date must not be NULL");
  core::FixtureQuery query{{std::string(text_argument(fcinfo, 0)), std::nullopt},
                           {std::string(text_argument(fcinfo, 1)), std::nullopt}, PG_GETARG_DATEADT(2), std::nullopt};
  for (const std::string* name : {&query.home.name, &query.away.name})
    if (core::canonical_team_name(*name).empty()) throw std::invalid_argument("a team name must not be empty");
  if (DATE_NOT_FINITE(query.day)) throw std::invalid_argument("on_date must be a finite date");
  SpiConnection spi;
  if (!PG_ARGISNULL(3)) query.league_id = league_id_of(text_argument(fcinfo, 3));
  const core::TeamDirectory& directory = team_directory();
  const core::FixtureResolution r = resolve_fixtures(directory, {query})[0];
  Row row;
  set_side(row, JACKPOT_FIELD(kResolveFixtureRow, "home_team_id"), directory, r.home);
  set_side(row, JACKPOT_FIELD(kResolveFixtureRow, "away_team_id"), directory, r.away);
  if (shared_league(directory, r)) row.set(JACKPOT_FIELD(kResolveFixtureRow, "league"),
                                           text_datum(directory.teams()[*r.home.team].league_code));
  const TupleDesc type = call_postgres([fcinfo] {
    TupleDesc declared;
    if (get_call_result_type(fcinfo, nullptr, &declared) != TYPEFUNC_COMPOSITE) elog(ERROR, "resolve_fixture must return a record");
    return BlessTupleDesc(declared);
  });
  check_result_row(kResolveFixtureRow, type);
  const Datum result = call_postgres([&] { return HeapTupleGetDatum(heap_form_tuple(type, row.values, row.nulls)); });
  spi.finish();
  return result;
}
