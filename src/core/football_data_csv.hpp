// Parser of football-data.co.uk result files, in both of their layouts:
//   main leagues, one file per season:  Div,Date,[Time,]HomeTeam,AwayTeam,FTHG,FTAG,FTR,… odds
//   "extra leagues", one file per country over many seasons:
//                                        Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,…
// It handles every anomaly of the real files (../shared/football-data/SOURCES.md): a UTF-8 BOM,
// CRLF or LF, Windows-1252 bytes, a non-breaking space in a number, rows of bare commas, empty
// header names, dd/mm/yy and dd/mm/yyyy dates, rows without a full-time score, blank odds.
// Anything else malformed stops the whole file with an InputFormatError naming line and column.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jackpot::core {

struct CalendarDate {
  int year;
  int month;
  int day;
  friend bool operator<(const CalendarDate& a, const CalendarDate& b) {
    return a.year != b.year ? a.year < b.year : a.month != b.month ? a.month < b.month : a.day < b.day;
  }
  friend bool operator==(const CalendarDate& a, const CalendarDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

enum class FootballDataLayout { main_league, extra_league };

// 1X2 decimal odds and the columns they came from ("PSC" = Pinnacle closing PSCH/PSCD/PSCA,
// "AvgC" market average closing, "B365C" Bet365 closing, then pre-closing "PS", "Avg", "BbAv",
// "B365"): the first source, in that order, whose three odds are all present and > 1.
struct MatchOdds {
  std::array<double, 3> odds;  // home, draw, away
  std::string_view source;
};

struct FootballDataMatch {
  std::size_t line;
  std::string league_code;
  std::string season;
  CalendarDate date;
  std::string home_team;
  std::string away_team;
  int home_goals;
  int away_goals;
  char result;  // 'H', 'D' or 'A'
  std::optional<MatchOdds> closing_odds;
};

// A data row that is not a played match (postponed or abandoned: no full-time score).
struct FootballDataSkippedRow {
  std::size_t line;
  std::string league_code;
  std::string season;
};

struct FootballDataFile {
  FootballDataLayout layout;
  std::vector<FootballDataMatch> matches;
  std::vector<FootballDataSkippedRow> skipped;
};

struct FootballDataOptions {
  // Overrides Div (main) or the code derived from Country (extra leagues).
  std::optional<std::string> league_code;
  // Main leagues: the season of every row (otherwise inferred from the earliest date).
  // Extra leagues: only rows of this season are read (otherwise every season in the file).
  std::optional<std::string> season;
};

FootballDataFile parse_football_data(std::string_view bytes, const FootballDataOptions& options);

// "2023-24" for a season whose first match is in July or later of 2023, else "2022-23".
std::string season_starting_with(const CalendarDate& first_match);

// An extra-league Season label as the engine writes seasons: "2012/2013" → "2012-13",
// "2014" → "2014"; nullopt if it is neither form.
std::optional<std::string> normalise_season_label(std::string_view label);

// dd/mm/yy, dd/mm/yyyy (one-digit day or month accepted) or yyyy-mm-dd; two-digit years are
// 1970–2069. nullopt for anything else or an impossible date.
std::optional<CalendarDate> parse_football_data_date(std::string_view text);

}  // namespace jackpot::core
