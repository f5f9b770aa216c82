// Which teams of the data a bookmaker's fixture names, decided for its two names together
// (docs/formulas/team-resolution.md). Precision first: a name that the evidence does not settle
// stays unresolved, with its candidates and the reason, because a missed name costs a fallback
// prediction and a wrong one corrupts a locked jackpot.
//
//   1. Each name is matched against every club's canonical name and aliases (an index of their
//      words, so no name is compared with every club): a club is a candidate when the name
//      explains every word of one of its names (equal, a prefix of 3+ letters, or one edit apart
//      in words of 5+ letters). Its name score is 1 for an exact name, 0.98 for an exact alias,
//      else the mean word quality times 0.9 when every word of the name is explained too, and
//      less for the name's own words left unexplained ("Jets" in "Newcastle Jets"), which may
//      name another club: 0.7 for one after the club's words (often a city: "Twente Enschede"),
//      0.5 for more; 0.35 for one before them ("Espanyol Barcelona" is not Barcelona), 0.25 for
//      more; and 0.8 for each number of the name the club's name lacks ("U Craiova 1948"). A name word that marks another side of a club (women, U21, II, B, reserves, …) rules
//      the candidate out, and so does a number of the club's name when the name gives another
//      number ("Team 2" is not "Team 1"; "Schalke" may be "Schalke 04").
//   2. A club is a canonical name in one country; its team rows are its seasons in each league.
//      A row is active when it played within window_days before the fixture's date and within
//      60 days of the club's latest match (its current league, not the one it left); a club with
//      no active row is stale, and its score counts half.
//   3. Pairs: a home candidate and an away candidate that are both active in one league are
//      strong evidence (+1), in one country weaker (+0.5). The best pair is taken when it beats
//      every pair that changes either side by at least 0.15 and both names score at least 0.3.
//      Otherwise a name resolves alone only with a score of at least 0.85 that beats every other
//      candidate by 0.25; its opponent may then resolve by evidence relative to it.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jackpot::core {

// One row of jackpot.teams: a club in one league.
struct DirectoryTeam {
  std::int32_t id;
  std::int32_t league_id;
  std::string league_code;
  std::string country;
  std::string name;       // as the data spells it
  std::string canonical;  // canonical_team_name(name)
};

// Another canonical name of a team row: a learned alias, or a shipped one.
struct DirectoryAlias {
  std::int32_t team_id;
  std::string canonical;
};

// A club: one canonical name in one country, and its team rows.
struct Identity {
  std::string canonical;
  std::string country;
  std::vector<std::size_t> teams;  // indexes into TeamDirectory::teams()
};

struct NameCandidate {
  std::size_t identity;
  double score;              // how well the name designates the club, in (0, 1]
  std::string unexplained;   // the name's words that none of the club's names explains
};

class TeamDirectory {
 public:
  TeamDirectory(std::vector<DirectoryTeam> teams, const std::vector<DirectoryAlias>& aliases);

  // The clubs a canonical name may designate, best score first (ties by identity index).
  std::vector<NameCandidate> candidates(std::string_view canonical_name) const;

  const std::vector<DirectoryTeam>& teams() const { return teams_; }
  const std::vector<Identity>& identities() const { return identities_; }
  std::optional<std::size_t> team_index(std::int32_t team_id) const;
  std::size_t identity_of(std::size_t team) const { return identity_of_team_[team]; }

 private:
  struct Name {
    std::size_t identity;
    std::vector<std::string> words;  // the words that must be explained (no stopword, no number)
    std::vector<std::string> numbers;  // its number words ("04", "1860")
    std::string text;                // the whole canonical name
    bool alias;
  };
  void index_name(std::size_t identity, const std::string& canonical, bool alias);

  std::vector<DirectoryTeam> teams_;
  std::vector<Identity> identities_;
  std::vector<std::size_t> identity_of_team_;
  std::unordered_map<std::int32_t, std::size_t> team_by_id_;
  std::vector<Name> names_;
  std::unordered_map<std::string, std::vector<std::size_t>> names_by_text_;
  std::unordered_map<std::string, std::vector<std::size_t>> names_by_word_;
  std::unordered_map<std::string, std::vector<std::size_t>> names_by_deletion_;  // a word minus one letter
  std::vector<std::pair<std::string, std::size_t>> words_sorted_;                // for prefixes
};

struct ResolutionOptions {
  int window_days = 400;  // a team row is active when it played within this many days before
};

// One name of a fixture, as given.
struct FixtureSide {
  std::string name;                        // the bookmaker's name
  std::optional<std::int32_t> team_id;     // given by the caller instead of resolving the name
};

struct FixtureQuery {
  FixtureSide home, away;
  int day = 0;                             // the fixture's date, as days from any fixed epoch
  std::optional<std::int32_t> league_id;   // the fixture's league, when the coupon names it
};

struct CandidateReport {
  std::size_t team;          // the club's row reported (its active row, else its latest)
  double score;              // its name score (halved when stale)
  std::optional<int> last_played;
  bool stale;
  std::string unexplained;   // the name's words it leaves unexplained
};

// Why a name stayed unresolved.
enum class Unresolved {
  no,           // it is resolved
  no_match,     // no club's name is explained by it
  stale,        // every club it matches last played before the window
  ambiguous,    // two clubs match it about equally well, and the opponent does not tell them apart
  weak,         // its best club leaves words of it unexplained, and the opponent gives no evidence
};

struct SideResolution {
  std::optional<std::size_t> team;      // index into TeamDirectory::teams(); none: unresolved
  double confidence = 0;                // the resolved club's name score
  std::string evidence;                 // id, name, league, country (resolved), empty otherwise
  std::vector<CandidateReport> candidates;  // the best three clubs, best first
  Unresolved reason = Unresolved::no;
};

struct FixtureResolution {
  SideResolution home, away;
};

// The clubs each name of a fixture may designate, best first (a team given by id: its club
// alone). Throws std::invalid_argument for a given team id that is not in the directory.
struct FixtureCandidates {
  std::vector<NameCandidate> home, away;
};
FixtureCandidates fixture_candidates(const TeamDirectory& directory, const FixtureQuery& fixture);

// The team rows whose activity the resolution of this fixture reads (to fetch them at once
// before resolve_fixture).
std::vector<std::int32_t> teams_to_look_up(const TeamDirectory& directory, const FixtureQuery& fixture,
                                           const FixtureCandidates& candidates);

// last_played(team_id): the last day the team row played before the fixture's day, if any.
FixtureResolution resolve_fixture(const TeamDirectory& directory, const FixtureQuery& fixture,
                                  const FixtureCandidates& candidates,
                                  const std::function<std::optional<int>(std::int32_t)>& last_played,
                                  const ResolutionOptions& options = {});

// The same, finding the candidates itself. Throws std::invalid_argument for a given team id that
// is not in the directory.
FixtureResolution resolve_fixture(const TeamDirectory& directory, const FixtureQuery& fixture,
                                  const std::function<std::optional<int>(std::int32_t)>& last_played,
                                  const ResolutionOptions& options = {});

}  // namespace jackpot::core
