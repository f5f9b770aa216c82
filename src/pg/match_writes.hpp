// The league, its teams and their matches as an ingestion writes them (jackpot.leagues, teams,
// matches), each in one set-based statement per (league, season).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/football_data_csv.hpp"
#include "core/margin.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

// The league's id, created (with its catalogue name, country and tier) when it is new.
std::int32_t ensure_league(const std::string& code);

// Creates the teams of a batch that the league does not have yet; returns each name as written
// in the file → team id (every distinct name is canonicalised once).
std::map<std::string, std::int32_t> ensure_teams(std::int32_t league_id,
                                               const std::vector<const core::FootballDataMatch*>& batch);

// Inserts new matches, updates changed ones and leaves identical ones alone, with their
// margin-free market probabilities; returns (inserted, updated).
std::pair<std::int64_t, std::int64_t> upsert_matches(std::int32_t league_id, const std::string& season,
                                                     const std::vector<const core::FootballDataMatch*>& batch,
                                                     const std::map<std::string, std::int32_t>& team_ids,
                                                     core::MarginMethod margin_method, const std::string& source,
                                                     DateADT snapshot_date);

}  // namespace jackpot::pg
