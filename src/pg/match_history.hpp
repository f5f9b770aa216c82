// A league's past matches as the fit and the backtest read them from jackpot.matches.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/backtest.hpp"
#include "core/dixon_coles.hpp"
#include "core/league_statistics.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

// The training rows of a fit, in the canonical order that training_data_sha256 hashes (date,
// home team id, away team id), weighted exp(−ξ · days before as_of).
struct TrainingData {
  std::vector<core::DixonColesMatch> matches;
  std::vector<core::LeagueWindowMatch> window;  // per match, for the league statistics
  std::vector<std::optional<core::Probabilities>> market;  // per match, the stored margin-free 1X2
  std::vector<std::int32_t> team_ids;           // index → team id, ascending
  std::set<std::string> seasons;
  std::set<std::string> seasons_with_market;  // those with a stored margin-free 1X2
  DateADT first = 0, last = 0;
  std::string canonical;  // "yyyy-mm-dd,home_id,away_id,home_goals,away_goals\n" per row
};

// The league's matches strictly before as_of (finite), of the given seasons (a text[] Datum) or
// of every season (nullptr).
TrainingData read_training_data(std::int32_t league_id, DateADT as_of, const Datum* seasons, double xi);

// The league's matches up to to_date, in date order, with their closing odds and stored
// margin-free 1X2.
std::vector<core::BacktestMatch> read_backtest_matches(std::int32_t league_id, DateADT to_date);

}  // namespace jackpot::pg
