#include "core/team_names.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jackpot::core {
namespace {

TEST(CanonicalTeamName, CaseAccentsPunctuationAndAffixes) {
  EXPECT_EQ(canonical_team_name("Liverpool FC"), "liverpool");
  EXPECT_EQ(canonical_team_name("AFC Bournemouth"), "bournemouth");
  EXPECT_EQ(canonical_team_name("Brighton & Hove Albion"), "brighton and hove albion");
  EXPECT_EQ(canonical_team_name("Nott'm Forest"), "nottm forest");
  EXPECT_EQ(canonical_team_name("M'gladbach"), "mgladbach");
  EXPECT_EQ(canonical_team_name("1. FC K\xC3\xB6ln"), "1 koln");
  EXPECT_EQ(canonical_team_name("FC Koln"), "koln");
  EXPECT_EQ(canonical_team_name("Preu\xC3\x9F" "en M\xC3\xBCnster"), "preussen munster");
  EXPECT_EQ(canonical_team_name("King\xE2\x80\x99s Lynn"), "kings lynn");
  EXPECT_EQ(canonical_team_name("  Atl\xC3\xA9tico   Madrid "), "atletico madrid");
  EXPECT_EQ(canonical_team_name("Paris Saint-Germain"), "paris saint germain");
  EXPECT_EQ(canonical_team_name("AS Roma"), "roma");
}

TEST(CanonicalTeamName, NameOfAffixesOnlyKeepsThem) {
  EXPECT_EQ(canonical_team_name("AC"), "ac");
}

TEST(CanonicalTeamName, UnfoldableLettersAreKept) {
  EXPECT_EQ(canonical_team_name("\xD0\xA6\xD0\xA1\xD0\x9A\xD0\x90"), "\xD0\xA6\xD0\xA1\xD0\x9A\xD0\x90");
}

double score(const char* name, const char* candidate) {
  return team_name_match_score(canonical_team_name(name), canonical_team_name(candidate));
}

// Found by the fuzzer: bytes that are not UTF-8 (a stray continuation byte, a lead byte without
// its continuation, an overlong sequence) once came out as themselves, and could join across a
// dropped apostrophe into a sequence the next pass read otherwise ("\xC3'\xA9" → "é" → "e").
// They come out as U+FFFD, so a canonical name is valid UTF-8 and canonical again.
TEST(CanonicalTeamName, MalformedBytesBecomeReplacementCharactersAndStayCanonical) {
  EXPECT_EQ(canonical_team_name("Ab\xC3'\xA9"), "ab\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(canonical_team_name("x\xE0\x80\x80y"), "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");   // overlong NUL
  EXPECT_EQ(canonical_team_name("\xF0 ab"), "\xEF\xBF\xBD ab");                                  // truncated
  EXPECT_EQ(canonical_team_name("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");        // a surrogate
  for (const char* bytes : {"Ab\xC3'\xA9", "\xE2\xE2\x80\x99\x82\xAC", "\xE0'\x80\x80 FC", "M\x92nchen", "\xFF\xFE"}) {
    const std::string once = canonical_team_name(bytes);
    EXPECT_EQ(canonical_team_name(once), once) << bytes;
  }
  EXPECT_EQ(canonical_team_name("Ümraniyespor"), "umraniyespor");  // well-formed text is unchanged
}

TEST(TeamNameMatch, EveryCandidateWordFoundScoresAtLeastOne) {
  EXPECT_GE(score("Hull City", "Hull"), 1.0);
  EXPECT_GE(score("Borussia Dortmund", "Dortmund"), 1.0);
  EXPECT_GE(score("Athletic Bilbao", "Ath Bilbao"), 1.0);        // prefix
  EXPECT_GE(score("Fortuna Sittard", "For Sittard"), 1.0);       // prefix
  EXPECT_GE(score("Manchester City", "Man City"), 1.0);
  EXPECT_DOUBLE_EQ(score("Liverpool FC", "Liverpool"), 2.0);
}

TEST(TeamNameMatch, MissingCandidateWordScoresBelowOne) {
  EXPECT_LT(score("Manchester City", "Man United"), 1.0);
  EXPECT_LT(score("Queens Park Rangers", "QPR"), 1.0);
  EXPECT_LT(score("Nottingham Forest", "Nott'm Forest"), 1.0);
}

TEST(TeamNameMatch, TheClubsOwnNameOutweighsItsCity) {
  EXPECT_GT(score("Espanyol Barcelona", "Espanol"), score("Espanyol Barcelona", "Barcelona"));
  EXPECT_GT(score("Boavista Porto", "Boavista"), score("Boavista Porto", "Porto"));
  EXPECT_GT(score("Cercle Brugge", "Cercle Brugge"), score("Cercle Brugge", "Club Brugge"));
  EXPECT_GT(score("Real Betis Seville", "Betis"), score("Real Betis Seville", "Sevilla"));
}

TEST(TeamNameMatch, OnlyTheFirstSixteenWordsAreRead) {
  std::string long_name;
  for (char c = 'a'; c <= 'z'; ++c) long_name += std::string(3, c) + " ";
  EXPECT_GE(team_name_match_score(long_name, "ppp"), 1.0);  // 16th word
  EXPECT_LT(team_name_match_score(long_name, "qqq"), 1.0);  // 17th word: not read
}

TEST(TeamNameMatch, ShortWordsNeedExactMatches) {
  EXPECT_LT(score("AB", "ABC"), 1.0);
  EXPECT_LT(score("Lens", "Lecce"), 1.0);
}

}  // namespace
}  // namespace jackpot::core
