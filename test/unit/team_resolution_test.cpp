#include "core/team_resolution.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/team_names.hpp"

namespace jackpot::core {
namespace {

// A small world of leagues with namesakes across countries. Every team last played 7 days before
// day 1000 unless listed in `last` (then on that day, or never).
struct World {
  std::vector<DirectoryTeam> teams;
  std::vector<DirectoryAlias> aliases;
  std::map<std::int32_t, std::optional<int>> last;

  void add(std::int32_t id, std::int32_t league, const char* code, const char* country, const char* name) {
    teams.push_back({id, league, code, country, name, canonical_team_name(name)});
  }
  World() {
    add(1, 10, "E0", "England", "Arsenal");
    add(2, 10, "E0", "England", "Chelsea");
    add(3, 10, "E0", "England", "Man United");
    add(4, 10, "E0", "England", "Man City");
    add(5, 10, "E0", "England", "Newcastle");
    add(11, 11, "E1", "England", "Hull");
    add(12, 11, "E1", "England", "QPR");
    add(13, 11, "E1", "England", "Oxford");
    add(14, 11, "E1", "England", "Birmingham");
    add(20, 20, "N1", "Netherlands", "Twente");
    add(21, 20, "N1", "Netherlands", "Feyenoord");
    add(22, 20, "N1", "Netherlands", "Heracles");
    add(30, 30, "MEX", "Mexico", "Necaxa");
    add(31, 30, "MEX", "Mexico", "Club America");
    add(40, 40, "P1", "Portugal", "Guimaraes");
    add(41, 40, "P1", "Portugal", "Benfica");
    add(42, 40, "P1", "Portugal", "Nacional");
    add(50, 50, "BRA", "Brazil", "Vitoria");
    add(51, 50, "BRA", "Brazil", "Flamengo");
    add(52, 50, "BRA", "Brazil", "Nacional");
    add(60, 60, "SP2", "Spain", "Lugo");
    add(61, 60, "SP2", "Spain", "Burgos");
    add(70, 70, "F1", "France", "Lorient");
    add(71, 70, "F1", "France", "Lyon");
    add(80, 80, "I1", "Italy", "Inter");
    add(81, 80, "I1", "Italy", "Milan");
    add(82, 80, "I1", "Italy", "Cremonese");
    add(100, 100, "FIN", "Finland", "Inter Turku");
    add(101, 100, "FIN", "Finland", "HJK");
    add(110, 110, "EC", "England", "Boston Utd");
    add(111, 110, "EC", "England", "Barnet");
    add(112, 11, "E1", "England", "Bolton");
    add(90, 10, "E0", "England", "Oldtown");  // relegated out of the data long ago
    last[90] = 100;
    aliases.push_back({12, canonical_team_name("Queens Park Rangers")});
  }
  TeamDirectory directory() const { return TeamDirectory(teams, aliases); }
  FixtureResolution resolve(const std::string& home, const std::string& away,
                            std::optional<std::int32_t> league = std::nullopt) const {
    const TeamDirectory d = directory();
    FixtureQuery q{{home, std::nullopt}, {away, std::nullopt}, 1000, league};
    return resolve_fixture(d, q, [&](std::int32_t id) -> std::optional<int> {
      const auto it = last.find(id);
      return it == last.end() ? std::optional<int>(993) : it->second;
    });
  }
};

std::int32_t id_of(const World& w, const SideResolution& side) {
  return side.team ? w.directory().teams()[*side.team].id : -1;
}

TEST(TeamResolution, AnExactPairOfOneLeagueResolves) {
  const World w;
  const FixtureResolution r = w.resolve("Arsenal", "Chelsea");
  EXPECT_EQ(id_of(w, r.home), 1);
  EXPECT_EQ(id_of(w, r.away), 2);
  EXPECT_EQ(r.home.evidence, "league");
  EXPECT_DOUBLE_EQ(r.home.confidence, 1.0);
}

// "Hull City" leaves "city" unexplained (it may name another club): alone it is too weak; its
// opponent, active in the same league, settles it. The alias explains "Queens Park Rangers".
TEST(TeamResolution, ThePairSettlesWhatEitherNameAloneWouldNot) {
  const World w;
  const FixtureResolution r = w.resolve("Hull City", "Queens Park Rangers");
  EXPECT_EQ(id_of(w, r.home), 11);
  EXPECT_EQ(id_of(w, r.away), 12);
  EXPECT_EQ(r.home.evidence, "league");
  const FixtureResolution alone = w.resolve("Hull City", "Sydney FC");
  EXPECT_FALSE(alone.home.team);
  EXPECT_EQ(alone.home.reason, Unresolved::weak);
  EXPECT_EQ(alone.away.reason, Unresolved::no_match);
  ASSERT_FALSE(alone.home.candidates.empty());
  EXPECT_EQ(alone.home.candidates[0].unexplained, "city");
}

TEST(TeamResolution, AnUnexplainedDistinctiveWordIsNeverIgnored) {
  const World w;
  const FixtureResolution r = w.resolve("Newcastle Jets", "Central Coast Mariners");
  EXPECT_FALSE(r.home.team);
  EXPECT_FALSE(r.away.team);
}

// A Portuguese club and a Brazilian one share a word; the opponent's league decides, and
// without an opponent in the data both stay candidates.
TEST(TeamResolution, NamesakesAcrossCountriesAreToldApartByTheOpponent) {
  const World w;
  const FixtureResolution r = w.resolve("Vitoria Guimaraes", "Benfica");
  EXPECT_EQ(id_of(w, r.home), 40);
  EXPECT_EQ(id_of(w, r.away), 41);
  const FixtureResolution brazil = w.resolve("Nacional", "Flamengo");
  EXPECT_EQ(id_of(w, brazil.home), 52);
  const FixtureResolution portugal = w.resolve("Nacional", "Benfica");
  EXPECT_EQ(id_of(w, portugal.home), 42);
  const FixtureResolution unknown = w.resolve("Nacional", "Penarol");
  EXPECT_FALSE(unknown.home.team);
  EXPECT_EQ(unknown.home.reason, Unresolved::ambiguous);
  EXPECT_EQ(unknown.home.candidates.size(), 2u);
}

// A friendly between Inter Turku and an Italian club: the opponent's league would make "Inter" a
// pair of one league, but the name is another club's whole name, so the namesake never wins.
TEST(TeamResolution, AClubsWholeNameIsNeverDraggedToANamesakeByTheOpponent) {
  const World w;
  const FixtureResolution friendly = w.resolve("Inter Turku", "Cremonese");
  EXPECT_EQ(id_of(w, friendly.home), 100);
  EXPECT_EQ(id_of(w, friendly.away), 82);
  const FixtureResolution spelled = w.resolve("FC Inter Turku", "Cremonese");
  EXPECT_EQ(id_of(w, spelled.home), 100);
  const FixtureResolution league = w.resolve("Inter", "Cremonese");  // the Italian club, by its own name
  EXPECT_EQ(id_of(w, league.home), 80);
  EXPECT_EQ(id_of(w, w.resolve("Inter Turku", "HJK").home), 100);
}

// football-data abbreviates where bookmakers write the word out; one edit away is another club.
TEST(TeamResolution, TheDatasAbbreviationsAreExplainedByTheFullWord) {
  const World w;
  EXPECT_EQ(id_of(w, w.resolve("Boston United", "Barnet").home), 110);
  EXPECT_EQ(id_of(w, w.resolve("Boston United", "Hull").home), 110);  // not Bolton, Hull's league
  EXPECT_EQ(id_of(w, w.resolve("Bolton Wanderers", "Hull").home), 112);
}

TEST(TeamResolution, AnotherSideOfAClubIsNotTheClub) {
  const World w;
  for (const char* home : {"Arsenal Women", "Arsenal U21", "Arsenal II", "Arsenal B", "Jong Arsenal"}) {
    const FixtureResolution r = w.resolve(home, "Chelsea");
    EXPECT_FALSE(r.home.team) << home;
    EXPECT_EQ(id_of(w, r.away), 2) << home;  // Chelsea alone is exact and unique
  }
}

TEST(TeamResolution, AStaleClubIsNotResolved) {
  const World w;
  const FixtureResolution r = w.resolve("Oldtown", "Chelsea");
  EXPECT_FALSE(r.home.team);
  EXPECT_EQ(r.home.reason, Unresolved::stale);
  ASSERT_EQ(r.home.candidates.size(), 1u);
  EXPECT_TRUE(r.home.candidates[0].stale);
  EXPECT_EQ(r.home.candidates[0].last_played, 100);
}

// A cup tie between divisions: each club to its own league, by country evidence.
TEST(TeamResolution, ACupTieResolvesEachClubToItsOwnLeague) {
  const World w;
  const FixtureResolution r = w.resolve("Arsenal FC", "Birmingham City");
  EXPECT_EQ(id_of(w, r.home), 1);
  EXPECT_EQ(id_of(w, r.away), 14);
  EXPECT_EQ(r.away.evidence, "country");
  // a club of another country gives no evidence: Birmingham City stays unresolved
  const FixtureResolution abroad = w.resolve("Benfica", "Birmingham City");
  EXPECT_EQ(id_of(w, abroad.home), 41);
  EXPECT_EQ(abroad.home.evidence, "name");
  EXPECT_FALSE(abroad.away.team);
}

TEST(TeamResolution, BookmakerFormsOfANameResolve) {
  const World w;
  EXPECT_EQ(id_of(w, w.resolve("Manchester United", "Chelsea FC").home), 3);
  EXPECT_EQ(id_of(w, w.resolve("Manchester City", "Chelsea FC").home), 4);
  EXPECT_EQ(id_of(w, w.resolve("FC Twente Enschede", "Feyenoord Rotterdam").home), 20);
  EXPECT_EQ(id_of(w, w.resolve("FC Twente Enschede", "Feyenoord Rotterdam").away), 21);
  EXPECT_EQ(id_of(w, w.resolve("Heracles Almelo", "Twente").home), 22);
  EXPECT_EQ(id_of(w, w.resolve("Olympique Lyon", "FC Lorient").home), 71);
}

TEST(TeamResolution, TwoClubsThatTheNameEquallyExplainsStayUnresolved) {
  const World w;
  const FixtureResolution r = w.resolve("Inter Milan", "Lyon");  // Inter? Milan? (no alias here)
  EXPECT_FALSE(r.home.team);
}

TEST(TeamResolution, AGivenIdOrLeagueIsUsed) {
  const World w;
  const TeamDirectory d = w.directory();
  FixtureQuery q{{"whatever", 40}, {"Benfica", std::nullopt}, 1000, std::nullopt};
  const FixtureResolution r = resolve_fixture(d, q, [](std::int32_t) { return std::optional<int>(993); });
  EXPECT_EQ(d.teams()[*r.home.team].id, 40);
  EXPECT_EQ(r.home.evidence, "id");
  EXPECT_EQ(d.teams()[*r.away.team].id, 41);
  FixtureQuery unknown{{"x", 999}, {"Benfica", std::nullopt}, 1000, std::nullopt};
  EXPECT_THROW(resolve_fixture(d, unknown, [](std::int32_t) { return std::optional<int>(993); }), std::invalid_argument);
  // the fixture's league rules the Brazilian namesake out
  EXPECT_EQ(id_of(w, w.resolve("Nacional", "Penarol", 40).home), 42);
}

TEST(TeamResolution, CandidatesComeFromTheIndexNotAScan) {
  const World w;
  const TeamDirectory d = w.directory();
  EXPECT_TRUE(d.candidates(canonical_team_name("Real Madrid")).empty());
  const std::vector<NameCandidate> c = d.candidates(canonical_team_name("Manchester United FC"));
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(d.identities()[c[0].identity].canonical, "man united");
  EXPECT_EQ(c.size(), 1u);  // Man City needs "city"
}

}  // namespace
}  // namespace jackpot::core

namespace jackpot::core {
namespace {

TEST(TeamResolution, NumbersTellClubsApartWhenTheNameGivesOne) {
  World w;
  w.add(101, 90, "T1", "Nowhere", "Team 1");
  w.add(102, 90, "T1", "Nowhere", "Team 2");
  w.add(103, 90, "T1", "Nowhere", "Team 3");
  w.add(104, 91, "D1", "Germany", "Schalke 04");
  w.add(105, 91, "D1", "Germany", "Dortmund");
  EXPECT_EQ(id_of(w, w.resolve("Team 1", "Team 2").home), 101);
  EXPECT_EQ(id_of(w, w.resolve("Team 1", "Team 2").away), 102);
  EXPECT_EQ(id_of(w, w.resolve("FC Schalke", "Borussia Dortmund").home), 104);
  EXPECT_EQ(id_of(w, w.resolve("Schalke 04", "Dortmund").home), 104);
}

}  // namespace
}  // namespace jackpot::core

namespace jackpot::core {
namespace {

TEST(TeamResolution, AGivenIdResolvesEvenWhenTheTeamNeverPlayed) {
  World w;
  w.last[1] = std::nullopt;
  w.last[2] = std::nullopt;
  const TeamDirectory d = w.directory();
  FixtureQuery q{{"Arsenal", 1}, {"Chelsea", 2}, 1000, std::nullopt};
  const FixtureResolution r = resolve_fixture(d, q, [&](std::int32_t) { return std::optional<int>(); });
  ASSERT_TRUE(r.home.team && r.away.team);
  EXPECT_EQ(r.home.evidence, "id");
  const FixtureResolution by_name = w.resolve("Arsenal", "Chelsea");
  EXPECT_FALSE(by_name.home.team);  // never played: stale
}

}  // namespace
}  // namespace jackpot::core

namespace jackpot::core {
namespace {

// A club promoted last summer plays in its new league: a cup tie against a club of its old league
// resolves each to its own league (country evidence), not both to the old one.
TEST(TeamResolution, AClubIsInItsCurrentLeagueNotTheOneItLeft) {
  World w;
  w.add(6, 11, "E1", "England", "Arsenal");  // Arsenal's old E1 row, last played 300 days ago
  w.last[6] = 700;
  const FixtureResolution r = w.resolve("Arsenal", "Birmingham City");
  EXPECT_EQ(id_of(w, r.home), 1);
  EXPECT_EQ(id_of(w, r.away), 14);
  EXPECT_EQ(r.away.evidence, "country");
}

}  // namespace
}  // namespace jackpot::core
