#include "pg/fixture_resolution.hpp"

#include <map>

#include "core/json_writer.hpp"
#include "pg/spi.hpp"
#include "pg/team_directory.hpp"

namespace jackpot::pg {

std::vector<core::FixtureResolution> resolve_fixtures(const core::TeamDirectory& directory,
                                                      const std::vector<core::FixtureQuery>& fixtures) {
  // Every candidate row of every fixture, looked up at once.
  std::vector<core::FixtureCandidates> candidates;
  candidates.reserve(fixtures.size());
  std::vector<TeamOnDate> lookups;
  std::vector<std::size_t> first(fixtures.size() + 1, 0);
  for (std::size_t f = 0; f < fixtures.size(); ++f) {
    first[f] = lookups.size();
    candidates.push_back(core::fixture_candidates(directory, fixtures[f]));
    for (const std::int32_t id : core::teams_to_look_up(directory, fixtures[f], candidates[f]))
      lookups.push_back({id, static_cast<DateADT>(fixtures[f].day)});
  }
  first[fixtures.size()] = lookups.size();
  const std::vector<std::optional<DateADT>> last = lookups.empty() ? std::vector<std::optional<DateADT>>{}
                                                                   : last_played_before(lookups);
  std::vector<core::FixtureResolution> out;
  out.reserve(fixtures.size());
  for (std::size_t f = 0; f < fixtures.size(); ++f) {
    std::map<std::int32_t, std::optional<int>> played;
    for (std::size_t i = first[f]; i < first[f + 1]; ++i) played[lookups[i].team_id] = last[i];
    out.push_back(core::resolve_fixture(directory, fixtures[f], candidates[f], [&](std::int32_t id) -> std::optional<int> {
      const auto it = played.find(id);
      return it == played.end() ? std::nullopt : it->second;
    }));
  }
  return out;
}

namespace {

std::string side_json(const core::TeamDirectory& directory, const core::FixtureSide& query,
                      const core::SideResolution& side) {
  core::JsonObjectWriter json;
  json.string("name", query.name);
  if (side.team) {
    const core::DirectoryTeam& team = directory.teams()[*side.team];
    json.integer("team_id", team.id).string("team", team.name).string("league", team.league_code)
        .number("confidence", side.confidence).string("evidence", side.evidence).null("reason");
  } else {
    json.null("team_id").null("team").null("league").null("confidence").null("evidence")
        .string("reason", unresolved_reason(directory, side));
  }
  std::string candidates = "[";
  for (const core::CandidateReport& c : side.candidates) {
    const core::DirectoryTeam& team = directory.teams()[c.team];
    core::JsonObjectWriter candidate;
    candidate.integer("team_id", team.id).string("team", team.name).string("league", team.league_code)
        .number("score", c.score);
    if (c.last_played) candidate.string("last_played", date_text(static_cast<DateADT>(*c.last_played)));
    else candidate.null("last_played");
    candidate.boolean("stale", c.stale).string("unexplained", c.unexplained);
    if (candidates.size() > 1) candidates += ',';
    candidates += candidate.finish();
  }
  json.raw("candidates", candidates + "]");
  return json.finish();
}

std::string label(const core::TeamDirectory& directory, const core::CandidateReport& c) {
  const core::DirectoryTeam& team = directory.teams()[c.team];
  std::string text = team.name + " (" + team.league_code + ", " + core::format_json_number(c.score);
  if (c.stale && c.last_played) text += ", last played " + date_text(static_cast<DateADT>(*c.last_played));
  if (!c.unexplained.empty()) text += ", leaves \"" + c.unexplained + "\" unexplained";
  return text + ")";
}

}  // namespace

std::string candidates_text(const core::TeamDirectory& directory, const core::SideResolution& side) {
  if (side.candidates.empty()) return "none";
  std::string text;
  for (const core::CandidateReport& c : side.candidates) text += (text.empty() ? "" : "; ") + label(directory, c);
  return text;
}

std::string unresolved_reason(const core::TeamDirectory&, const core::SideResolution& side) {
  switch (side.reason) {
    case core::Unresolved::no: return "";
    case core::Unresolved::no_match: return "no team in the data matches the name";
    case core::Unresolved::stale: return "every team it matches last played more than the window before the date";
    case core::Unresolved::ambiguous: return "several teams match it about equally well, and the opponent does not tell them apart";
    case core::Unresolved::weak: break;
  }
  return "its best match leaves words of the name unexplained, and the opponent gives no league evidence";
}

std::string resolution_json(const core::TeamDirectory& directory, const core::FixtureQuery& fixture,
                            const core::FixtureResolution& resolution) {
  core::JsonObjectWriter json;
  json.raw("home", side_json(directory, fixture.home, resolution.home))
      .raw("away", side_json(directory, fixture.away, resolution.away));
  if (const auto league = shared_league(directory, resolution))
    json.string("league", directory.teams()[*resolution.home.team].league_code);
  else
    json.null("league");
  return json.finish();
}

std::optional<std::int32_t> shared_league(const core::TeamDirectory& directory, const core::FixtureResolution& r) {
  if (!r.home.team || !r.away.team) return std::nullopt;
  const std::int32_t home = directory.teams()[*r.home.team].league_id, away = directory.teams()[*r.away.team].league_id;
  if (home != away) return std::nullopt;
  return home;
}

}  // namespace jackpot::pg
