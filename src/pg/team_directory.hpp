// The team directory of core/team_resolution for this session: built from jackpot.teams,
// team_aliases and team_alias_seeds on first use, and rebuilt when
// jackpot.team_directory_version changes (read once per call, in the caller's snapshot, so a
// session sees a new team and the version that announces it together).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/team_resolution.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

// The directory in force. Needs an SPI connection.
const core::TeamDirectory& team_directory();

// For each (team, date), the last date the team played before that date, if it ever did.
// Needs an SPI connection.
struct TeamOnDate {
  std::int32_t team_id;
  DateADT date;
};
std::vector<std::optional<DateADT>> last_played_before(const std::vector<TeamOnDate>& lookups);

}  // namespace jackpot::pg
