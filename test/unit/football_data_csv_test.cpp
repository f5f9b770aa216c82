#include "core/football_data_csv.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/input_format_error.hpp"

namespace jackpot::core {
namespace {

const std::string kMainHeader =
    "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,BbAH,B365H,B365D,B365A,PSH,PSD,PSA,"
    "AvgH,AvgD,AvgA,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA,B365CH,B365CD,B365CA,";  // trailing empty name

// One main-league row; odds given as 18 comma-separated values in header order.
std::string row(const std::string& date, const std::string& home, const std::string& away,
                const std::string& hg, const std::string& ag, const std::string& res,
                const std::string& odds = "2.1,3.4,3.5,2.2,3.3,3.4,2.15,3.35,3.45,2.05,3.5,3.6,2.0,3.4,3.7,2.1,3.3,3.5") {
  return "E0," + date + ",15:00," + home + "," + away + "," + hg + "," + ag + "," + res + ",8," + odds + ",";
}

FootballDataFile parse(const std::string& text, FootballDataOptions options = {}) {
  return parse_football_data(text, options);
}

TEST(FootballData, MainLeagueFileWithEveryRealAnomaly) {
  const std::string text =
      "\xEF\xBB\xBF" + kMainHeader + "\r\n" +
      row("10/08/2019", "Liverpool", "Norwich", "4", "1", "H") + "\r\n" +
      // Windows-1252 apostrophe, NBSP in BbAH, dd/mm/yyyy
      "E0,11/08/2019,15:00,King\x92s Lynn,Yeovil,1,1,D,8\xA0,2.1,3.4,3.5,2.2,3.3,3.4,2.15,3.35,3.45,2.05,3.5,3.6,2.0,3.4,3.7,2.1,3.3,3.5,\r\n" +
      // postponed: no full-time score
      row("12/08/2019", "Bastia", "Red Star", "", "", "") + "\r\n" +
      // Pinnacle closing blank: the market average closing is used
      row("26/07/2020", "Chelsea", "Wolves", "2", "0", "H",
          "2.1,3.4,3.5,2.2,3.3,3.4,2.15,3.35,3.45,,,,2.0,3.4,3.7,2.1,3.3,3.5") + "\r\n" +
      ",,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n,,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n";
  const FootballDataFile file = parse(text);
  EXPECT_EQ(file.layout, FootballDataLayout::main_league);
  ASSERT_EQ(file.matches.size(), 3u);
  ASSERT_EQ(file.skipped.size(), 1u);
  EXPECT_EQ(file.skipped[0].line, 4u);
  EXPECT_EQ(file.skipped[0].season, "2019-20");

  const FootballDataMatch& first = file.matches[0];
  EXPECT_EQ(first.line, 2u);
  EXPECT_EQ(first.league_code, "E0");
  EXPECT_EQ(first.season, "2019-20");
  EXPECT_EQ(first.date, (CalendarDate{2019, 8, 10}));
  EXPECT_EQ(first.home_team, "Liverpool");
  EXPECT_EQ(first.home_goals, 4);
  EXPECT_EQ(first.result, 'H');
  ASSERT_TRUE(first.closing_odds);
  EXPECT_EQ(first.closing_odds->source, "PSC");
  EXPECT_DOUBLE_EQ(first.closing_odds->odds[0], 2.05);

  EXPECT_EQ(file.matches[1].home_team, "King\xE2\x80\x99s Lynn");
  EXPECT_EQ(file.matches[1].result, 'D');
  // July 2020 belongs to the season that started in August 2019 (COVID)
  EXPECT_EQ(file.matches[2].season, "2019-20");
  EXPECT_EQ(file.matches[2].closing_odds->source, "AvgC");
  EXPECT_DOUBLE_EQ(file.matches[2].closing_odds->odds[2], 3.7);
}

TEST(FootballData, OddsFallBackInTheDocumentedOrder) {
  const std::string blank_closing = "2.1,3.4,3.5,2.2,3.3,3.4,2.15,3.35,3.45,,,,,,,,,";
  const std::string only_b365 = "2.1,3.4,3.5,,,,,,,,,,,,,,,";
  const std::string placeholder_zero = "0,3.4,3.5,,,,,,,,,,,,,,,";
  const std::string text = kMainHeader + "\n" +
                           row("10/08/19", "A", "B", "1", "0", "H", blank_closing) + "\n" +
                           row("11/08/19", "C", "D", "1", "0", "H", only_b365) + "\n" +
                           row("12/08/19", "E", "F", "1", "0", "H", placeholder_zero) + "\n";
  const FootballDataFile file = parse(text);
  EXPECT_EQ(file.matches[0].closing_odds->source, "PS");
  EXPECT_EQ(file.matches[1].closing_odds->source, "B365");
  EXPECT_FALSE(file.matches[2].closing_odds.has_value());  // 0 is a placeholder, not odds
}

TEST(FootballData, OldFilesWithoutClosingColumnsUseBetbrainAverages) {
  const std::string text =
      "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,BbAvH,BbAvD,BbAvA\nE0,18/08/12,Arsenal,Sunderland,0,0,D,1.3,5.2,10.5\n";
  const FootballDataFile file = parse(text);
  EXPECT_EQ(file.matches[0].season, "2012-13");
  EXPECT_EQ(file.matches[0].closing_odds->source, "BbAv");
}

TEST(FootballData, CallerOverridesLeagueAndSeason) {
  const std::string text = kMainHeader + "\n" + row("10/08/19", "A", "B", "1", "0", "H") + "\n";
  FootballDataOptions options;
  options.league_code = "X9";
  options.season = "2018/2019";
  const FootballDataFile file = parse(text, options);
  EXPECT_EQ(file.matches[0].league_code, "X9");
  EXPECT_EQ(file.matches[0].season, "2018-19");
}

const std::string kExtraHeader =
    "Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,MaxCH,MaxCD,MaxCA,AvgCH,AvgCD,AvgCA";

TEST(FootballData, ExtraLeagueFileSpansSeasonsAndDerivesItsCode) {
  const std::string text = "\xEF\xBB\xBF" + kExtraHeader + "\r\n" +
      "Argentina,Torneo De La Liga Profesional ,2012/2013,03/08/2012,23:10,Arsenal Sarandi,Union de Santa Fe,1,0,H,2.06,3.2,3.9,2.1,3.3,4.0,2.0,3.1,3.7\r\n" +
      "Argentina ,Copa De La Liga Profesional,2021,13/02/2021,21:30,Boca Juniors,Lanus,2,2,D,,,,2.1,3.3,4.0,1.9,3.2,4.1\r\n" +
      ",,,,,,,,,,,,,,,,,,\r\n";
  const FootballDataFile file = parse(text);
  EXPECT_EQ(file.layout, FootballDataLayout::extra_league);
  ASSERT_EQ(file.matches.size(), 2u);
  EXPECT_EQ(file.matches[0].league_code, "ARG");
  EXPECT_EQ(file.matches[0].season, "2012-13");
  EXPECT_EQ(file.matches[1].season, "2021");
  EXPECT_EQ(file.matches[1].closing_odds->source, "AvgC");

  FootballDataOptions only_2021;
  only_2021.season = "2021";
  EXPECT_EQ(parse(text, only_2021).matches.size(), 1u);
  only_2021.season = "2030";
  EXPECT_THROW(parse(text, only_2021), InputFormatError);
}

void expect_error_at(const std::string& text, std::size_t line, std::size_t column, const char* needle) {
  try {
    parse(text);
    FAIL() << "accepted: " << text;
  } catch (const InputFormatError& error) {
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_EQ(error.column(), column) << error.what();
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

TEST(FootballData, MalformedFilesNameLineAndColumn) {
  const std::string header = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\n";
  expect_error_at("", 1, 0, "empty");
  expect_error_at("Name,Score\nA,1\n", 1, 1, "unknown header layout");
  expect_error_at("Div,Date,HomeTeam,AwayTeam,FTHG\nE0,10/08/19,A,B,1\n", 1, 0, "FTAG");
  expect_error_at(header + "E0,10/08/19,A,B,1,0,H\nE0,11/08/19,C,D,x,0,H\n", 3, 5, "FTHG: score \"x\"");
  expect_error_at(header + "E0,31/02/19,A,B,1,0,H\n", 2, 2, "not a valid date");
  expect_error_at(header + "E0,10/08/19,A,B,1,0,H,extra\n", 2, 8, "8 fields but the header has 7");
  expect_error_at(header + "E0,10/08/19,A,B,1\n", 2, 6, "5 fields");
  expect_error_at(header + "E0,10/08/19,A,B,1,0,A\n", 2, 7, "contradicts the score 1-0");
  expect_error_at(header + "E0,10/08/19,A,A,1,0,H\n", 2, 4, "away team is the home team");
  expect_error_at(header + "E0,10/08/19,,B,1,0,H\n", 2, 3, "home team is empty");
  expect_error_at(header + "E0,10/08/19,A,B,1,0,H\nE0,10/08/19,A,B,2,0,H\n", 3, 0, "first at line 2");
  expect_error_at("Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA\nE0,10/08/19,A,B,1,0,2.1,abc,3\n", 2, 8, "PSCD");
  expect_error_at(header, 1, 0, "no match rows");
  expect_error_at(kExtraHeader + "\nAtlantis,L,2020,01/03/2020,15:00,A,B,1,0,H,,,,,,,,,\n", 2, 1, "pass league_code");
}

TEST(FootballData, ArgumentsAreCheckedBeforeTheFile) {
  FootballDataOptions options;
  options.season = "spring";
  EXPECT_THROW(parse("not a football-data file", options), std::invalid_argument);
  try {
    parse("not a football-data file", options);
  } catch (const InputFormatError&) {
    FAIL() << "the file was read before the season argument was checked";
  } catch (const std::invalid_argument&) {
  }
}

TEST(FootballData, DatesAndSeasons) {
  EXPECT_EQ(parse_football_data_date("13/08/16"), (CalendarDate{2016, 8, 13}));
  EXPECT_EQ(parse_football_data_date("13/08/2016"), (CalendarDate{2016, 8, 13}));
  EXPECT_EQ(parse_football_data_date("9/8/2019"), (CalendarDate{2019, 8, 9}));
  EXPECT_EQ(parse_football_data_date("2024-02-29"), (CalendarDate{2024, 2, 29}));
  EXPECT_FALSE(parse_football_data_date("29/02/2023"));
  EXPECT_FALSE(parse_football_data_date("13/13/2016"));
  EXPECT_FALSE(parse_football_data_date("13/08/201"));
  EXPECT_FALSE(parse_football_data_date("13-08-2016"));
  EXPECT_EQ(season_starting_with({2023, 8, 11}), "2023-24");
  EXPECT_EQ(season_starting_with({2024, 1, 5}), "2023-24");
  EXPECT_EQ(season_starting_with({1999, 8, 7}), "1999-00");
  EXPECT_EQ(normalise_season_label("2012/2013"), "2012-13");
  EXPECT_EQ(normalise_season_label("2023-24"), "2023-24");
  EXPECT_EQ(normalise_season_label(" 2014"), "2014");
  EXPECT_FALSE(normalise_season_label("2012/2014"));
  EXPECT_FALSE(normalise_season_label("spring"));
}

}  // namespace
}  // namespace jackpot::core
