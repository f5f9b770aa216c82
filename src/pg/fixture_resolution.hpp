// Fixtures resolved against the session's team directory (pg/team_directory), with the activity
// of every candidate team read in one statement, and the record of each resolution as JSON.
#pragma once

#include <string>
#include <vector>

#include "core/team_resolution.hpp"

namespace jackpot::pg {

// Needs an SPI connection.
std::vector<core::FixtureResolution> resolve_fixtures(const core::TeamDirectory& directory,
                                                      const std::vector<core::FixtureQuery>& fixtures);

// {"home": {...}, "away": {...}, "league": code | null}: each side's name, team id, team, league,
// confidence, evidence, candidates [{team_id, team, league, score, last_played, stale,
// unexplained}] and the reason it stayed unresolved (null when resolved).
std::string resolution_json(const core::TeamDirectory& directory, const core::FixtureQuery& fixture,
                            const core::FixtureResolution& resolution);

// Why a side stayed unresolved, in words, with its best candidates: for messages.
std::string unresolved_reason(const core::TeamDirectory& directory, const core::SideResolution& side);
std::string candidates_text(const core::TeamDirectory& directory, const core::SideResolution& side);

// The league both resolved teams play in (their rows' league), if they are resolved and share one.
std::optional<std::int32_t> shared_league(const core::TeamDirectory& directory, const core::FixtureResolution& resolution);

}  // namespace jackpot::pg
