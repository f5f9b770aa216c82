#include "core/team_resolution.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "core/team_names.hpp"

namespace jackpot::core {
namespace {

// Unexplained, these make a name another side of the club than its first team: never that club.
constexpr std::array<std::string_view, 33> kVariantMarkers = {
    "women", "womens", "woman", "ladies", "feminine", "femenino", "femenina", "femminile", "feminino",
    "frauen", "dames", "w", "u16", "u17", "u18", "u19", "u20", "u21", "u22", "u23", "youth",
    "junior", "juniors", "reserve", "reserves", "ii", "iii", "b", "jong", "castilla", "academy",
    "xi", "amateurs"};

// Unexplained, these say nothing about which club a name means ("Clermont Foot 63").
constexpr std::array<std::string_view, 5> kNoiseWords = {"foot", "football", "futbol", "futebol", "soccer"};

// football-data's abbreviations that are neither a prefix nor an edit of the word bookmakers
// write ("Sp Gijon" is Sporting Gijon, "Sheffield Utd" Sheffield United): {data word, full word}.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kAbbreviations = {{
    {"utd", "united"}, {"sp", "sporting"}, {"ath", "athletic"}, {"ath", "atletico"}, {"ein", "eintracht"},
    {"st", "saint"}, {"st", "sankt"}, {"st", "sint"}, {"weds", "wednesday"}}};
constexpr double kAbbreviationQuality = 0.9;  // as a prefix

// How well a word of the name explains a word of a club's name: equal, prefix, one edit, or one
// of the abbreviations above (either way round).
double resolver_word_quality(std::string_view name_word, std::string_view club_word) {
  const double quality = word_match_quality(name_word, club_word);
  if (quality > 0) return quality;
  for (const auto& [short_form, long_form] : kAbbreviations)
    if ((name_word == long_form && club_word == short_form) || (name_word == short_form && club_word == long_form))
      return kAbbreviationQuality;
  return 0;
}

constexpr double kExactName = 1.0;
constexpr double kExactAlias = 0.98;
constexpr double kAllExplained = 0.9;     // times the mean word quality
// Unexplained words after the club's own words are often its city ("Twente Enschede"); before
// them, often another club's name ("Espanyol Barcelona" is not Barcelona).
constexpr double kOneTrailing = 0.7;
constexpr double kMoreTrailing = 0.5;
constexpr double kOneLeading = 0.35;
constexpr double kMoreLeading = 0.25;
// A number of the name that the club's name does not have ("U Craiova 1948" is not quite
// "U Craiova"): weaker evidence than a word, but evidence.
constexpr double kUnexplainedNumber = 0.8;
constexpr double kStaleFactor = 0.5;
constexpr double kLeagueBonus = 1.0;
constexpr double kCountryBonus = 0.5;
constexpr double kPairMargin = 0.15;      // over every pair that changes the side
constexpr double kPairMinimum = 0.3;      // each name's score for pair evidence to count
constexpr double kAloneMinimum = 0.85;    // a name that resolves without its opponent
constexpr double kAloneMargin = 0.25;     // … over every other club it matches
constexpr double kTolerance = 1e-9;       // margins are compared up to rounding
constexpr std::size_t kOptionsPerSide = 8;
// A club plays in one league a season: its rows active for pairing are those that played within
// this many days of its latest match (a club promoted last summer is not still in its old league).
constexpr int kCurrentLeagueDays = 60;

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_number(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string without_letter(std::string_view word, std::size_t i) {
  std::string out(word.substr(0, i));
  out.append(word.substr(i + 1));
  return out;
}

// A candidate for one side of a fixture, with its activity.
struct Option {
  std::size_t identity;
  double score;                                  // the name score
  double effective;                              // halved when stale
  bool stale;
  std::vector<std::pair<std::size_t, int>> active;  // (team index, last day played) of its active rows
  std::optional<std::size_t> latest_team;        // the row that played last before the date
  std::optional<int> last_played;
  bool fixed = false;                            // given by id
  std::string unexplained;
};

enum Level { kNone = 0, kCountry = 1, kLeague = 2 };

}  // namespace

TeamDirectory::TeamDirectory(std::vector<DirectoryTeam> teams, const std::vector<DirectoryAlias>& aliases)
    : teams_(std::move(teams)) {
  std::sort(teams_.begin(), teams_.end(), [](const DirectoryTeam& a, const DirectoryTeam& b) { return a.id < b.id; });
  std::map<std::pair<std::string, std::string>, std::size_t> identity_of_key;
  identity_of_team_.resize(teams_.size());
  for (std::size_t t = 0; t < teams_.size(); ++t) {
    team_by_id_[teams_[t].id] = t;
    const auto key = std::make_pair(teams_[t].canonical, teams_[t].country);
    auto [it, added] = identity_of_key.emplace(key, identities_.size());
    if (added) {
      identities_.push_back({teams_[t].canonical, teams_[t].country, {}});
      index_name(it->second, teams_[t].canonical, false);
    }
    identities_[it->second].teams.push_back(t);
    identity_of_team_[t] = it->second;
  }
  std::set<std::pair<std::size_t, std::string>> seen;
  for (const DirectoryAlias& alias : aliases) {
    const auto team = team_index(alias.team_id);
    if (!team || alias.canonical.empty()) continue;
    const std::size_t identity = identity_of_team_[*team];
    if (alias.canonical == identities_[identity].canonical || !seen.emplace(identity, alias.canonical).second) continue;
    index_name(identity, alias.canonical, true);
  }
  std::sort(words_sorted_.begin(), words_sorted_.end());
}

void TeamDirectory::index_name(std::size_t identity, const std::string& canonical, bool alias) {
  Name name{identity, {}, {}, canonical, alias};
  for (const std::string_view word : team_name_words(canonical))
    (is_number(word) ? name.numbers : name.words).emplace_back(word);
  const std::size_t index = names_.size();
  names_.push_back(std::move(name));
  names_by_text_[canonical].push_back(index);
  for (const std::string& word : names_.back().words) {
    names_by_word_[word].push_back(index);
    words_sorted_.emplace_back(word, index);
    if (word.size() >= 5)
      for (std::size_t i = 0; i < word.size(); ++i) names_by_deletion_[without_letter(word, i)].push_back(index);
  }
}

std::optional<std::size_t> TeamDirectory::team_index(std::int32_t team_id) const {
  const auto it = team_by_id_.find(team_id);
  if (it == team_by_id_.end()) return std::nullopt;
  return it->second;
}

std::vector<NameCandidate> TeamDirectory::candidates(std::string_view canonical_name) const {
  const std::vector<std::string_view> query = team_name_words(canonical_name);
  std::vector<std::string_view> query_numbers;
  for (const std::string_view word : query)
    if (is_number(word)) query_numbers.push_back(word);
  // Every name that has a word the query explains: by equality, prefix either way, or one edit.
  std::set<std::size_t> reached;
  const auto reach = [&](const auto& index, const std::string& key) {
    if (const auto it = index.find(key); it != index.end()) reached.insert(it->second.begin(), it->second.end());
  };
  if (const auto it = names_by_text_.find(std::string(canonical_name)); it != names_by_text_.end())
    reached.insert(it->second.begin(), it->second.end());
  for (const std::string_view word_view : query) {
    const std::string word(word_view);
    reach(names_by_word_, word);
    for (const auto& [short_form, long_form] : kAbbreviations) {
      if (word == long_form) reach(names_by_word_, std::string(short_form));
      if (word == short_form) reach(names_by_word_, std::string(long_form));
    }
    if (word.size() >= 3) {
      for (auto it = std::lower_bound(words_sorted_.begin(), words_sorted_.end(), std::make_pair(word, std::size_t{0}));
           it != words_sorted_.end() && it->first.compare(0, word.size(), word) == 0; ++it)
        reached.insert(it->second);
      for (std::size_t length = 3; length < word.size(); ++length) reach(names_by_word_, word.substr(0, length));
    }
    if (word.size() >= 5) {
      reach(names_by_deletion_, word);
      for (std::size_t i = 0; i < word.size(); ++i) {
        const std::string shorter = without_letter(word, i);
        reach(names_by_word_, shorter);
        reach(names_by_deletion_, shorter);
      }
    }
  }
  std::map<std::size_t, NameCandidate> best;  // by identity
  for (const std::size_t index : reached) {
    const Name& name = names_[index];
    double score = 0;
    std::string unexplained;
    if (name.text == canonical_name) {
      score = name.alias ? kExactAlias : kExactName;
    } else {
      if (name.words.empty()) continue;
      // the club's numbers, when the name gives numbers, must be among them
      if (!query_numbers.empty() &&
          std::any_of(name.numbers.begin(), name.numbers.end(), [&](const std::string& number) {
            return std::find(query_numbers.begin(), query_numbers.end(), number) == query_numbers.end();
          }))
        continue;
      std::vector<bool> used(query.size(), false);
      double quality_sum = 0;
      bool every_word = true;
      for (const std::string& word : name.words) {
        std::size_t chosen = query.size();
        double chosen_quality = 0;
        for (std::size_t i = 0; i < query.size(); ++i) {
          if (used[i]) continue;
          const double quality = resolver_word_quality(query[i], word);
          if (quality > chosen_quality) {
            chosen_quality = quality;
            chosen = i;
          }
        }
        if (chosen == query.size()) {
          every_word = false;
          break;
        }
        used[chosen] = true;
        quality_sum += chosen_quality;
      }
      if (!every_word) continue;
      int left = 0, numbers = 0;
      bool variant = false, leading = false;
      const std::size_t first_used = static_cast<std::size_t>(std::find(used.begin(), used.end(), true) - used.begin());
      for (std::size_t i = 0; i < query.size(); ++i) {
        if (used[i] || is_one_of(query[i], kNoiseWords)) continue;
        if (is_number(query[i])) {
          numbers += std::find(name.numbers.begin(), name.numbers.end(), query[i]) == name.numbers.end();
          continue;
        }
        variant |= is_one_of(query[i], kVariantMarkers);
        leading |= i < first_used;
        ++left;
        if (!unexplained.empty()) unexplained += ' ';
        unexplained.append(query[i]);
      }
      if (variant) continue;
      const double quality = quality_sum / static_cast<double>(name.words.size());
      score = quality * (left == 0  ? kAllExplained
                         : leading  ? (left == 1 ? kOneLeading : kMoreLeading)
                                    : (left == 1 ? kOneTrailing : kMoreTrailing)) *
              std::pow(kUnexplainedNumber, numbers);
    }
    auto [it, added] = best.emplace(name.identity, NameCandidate{name.identity, score, unexplained});
    if (!added && score > it->second.score) it->second = {name.identity, score, unexplained};
  }
  std::vector<NameCandidate> out;
  for (auto& [identity, candidate] : best) out.push_back(std::move(candidate));
  std::stable_sort(out.begin(), out.end(), [](const NameCandidate& a, const NameCandidate& b) { return a.score > b.score; });
  return out;
}

std::vector<NameCandidate> side_candidates(const TeamDirectory& directory, const FixtureSide& side) {
  if (side.team_id) {
    const auto team = directory.team_index(*side.team_id);
    if (!team) throw std::invalid_argument("no team has id " + std::to_string(*side.team_id));
    return {{directory.identity_of(*team), kExactName, {}}};
  }
  std::vector<NameCandidate> candidates = directory.candidates(canonical_team_name(side.name));
  // A name that some club explains word for word does not designate a club that leaves words of
  // it unexplained ("Inter Turku" is not Inter, "Santos Laguna" not Santos): otherwise the
  // opponent's league would drag it to a namesake abroad.
  if (std::any_of(candidates.begin(), candidates.end(), [](const NameCandidate& c) { return c.unexplained.empty(); }))
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [](const NameCandidate& c) { return !c.unexplained.empty(); }),
                     candidates.end());
  return candidates;
}

FixtureCandidates fixture_candidates(const TeamDirectory& directory, const FixtureQuery& fixture) {
  return {side_candidates(directory, fixture.home), side_candidates(directory, fixture.away)};
}

namespace {

// The side's options: its candidates (those of the fixture's league only, when it names one), with
// their activity.
std::vector<Option> side_options(const TeamDirectory& directory, const FixtureSide& side,
                                 const std::vector<NameCandidate>& candidates, const std::optional<std::int32_t>& league_id,
                                 int day, const std::function<std::optional<int>(std::int32_t)>& last_played,
                                 const ResolutionOptions& options) {
  std::vector<Option> out;
  for (const NameCandidate& candidate : candidates) {
    const Identity& identity = directory.identities()[candidate.identity];
    Option option{candidate.identity, candidate.score, candidate.score, true, {}, std::nullopt, std::nullopt,
                  side.team_id.has_value(), candidate.unexplained};
    bool in_league = !league_id;
    for (const std::size_t team : identity.teams) {
      const DirectoryTeam& row = directory.teams()[team];
      if (side.team_id && row.id != *side.team_id) continue;  // a given id is that row
      if (league_id && row.league_id != *league_id) continue;
      in_league = true;
      const std::optional<int> last = last_played(row.id);
      if (!last) continue;
      if (!option.last_played || *last > *option.last_played) {
        option.last_played = last;
        option.latest_team = team;
      }
      if (day - *last <= options.window_days) option.active.emplace_back(team, *last);
    }
    if (option.last_played)
      option.active.erase(std::remove_if(option.active.begin(), option.active.end(),
                                         [&](const auto& row) { return *option.last_played - row.second > kCurrentLeagueDays; }),
                          option.active.end());
    if (!in_league) continue;
    if (!option.latest_team)  // never played before the date: report the club's first row
      for (const std::size_t team : identity.teams)
        if ((!side.team_id || directory.teams()[team].id == *side.team_id) &&
            (!league_id || directory.teams()[team].league_id == *league_id)) {
          option.latest_team = team;
          break;
        }
    option.stale = option.active.empty();
    if (option.stale && !option.fixed) option.effective = option.score * kStaleFactor;
    out.push_back(std::move(option));
  }
  std::stable_sort(out.begin(), out.end(), [](const Option& a, const Option& b) { return a.effective > b.effective; });
  if (out.size() > kOptionsPerSide) out.resize(kOptionsPerSide);
  return out;
}

// The strongest evidence two clubs give each other, and the league they share at that level.
std::pair<Level, std::optional<std::int32_t>> pair_level(const TeamDirectory& directory, const Option& home, const Option& away,
                                                         const std::optional<std::int32_t>& league_id) {
  if (home.identity == away.identity) return {kNone, std::nullopt};
  if (home.stale || away.stale) return {kNone, std::nullopt};
  std::optional<std::int32_t> shared;
  int shared_recency = std::numeric_limits<int>::min();
  for (const auto& [h, h_last] : home.active)
    for (const auto& [a, a_last] : away.active)
      if (directory.teams()[h].league_id == directory.teams()[a].league_id && std::min(h_last, a_last) > shared_recency) {
        shared = directory.teams()[h].league_id;
        shared_recency = std::min(h_last, a_last);
      }
  if (shared) return {kLeague, shared};
  if (league_id) return {kNone, std::nullopt};
  if (directory.identities()[home.identity].country == directory.identities()[away.identity].country)
    return {kCountry, std::nullopt};
  return {kNone, std::nullopt};
}

double bonus(Level level) { return level == kLeague ? kLeagueBonus : level == kCountry ? kCountryBonus : 0.0; }

// The row a resolved club is reported as: its row in the league it shares with its opponent, else
// its row that played last.
std::size_t resolved_team(const TeamDirectory& directory, const Option& option, const std::optional<std::int32_t>& league) {
  if (league)
    for (const auto& [team, last] : option.active)
      if (directory.teams()[team].league_id == *league) return team;
  return *option.latest_team;
}

void report_candidates(const std::vector<Option>& options, SideResolution& side) {
  for (std::size_t i = 0; i < options.size() && i < 3; ++i)
    side.candidates.push_back(
        {*options[i].latest_team, options[i].effective, options[i].last_played, options[i].stale, options[i].unexplained});
}

bool resolves_alone(const std::vector<Option>& options) {
  if (!options.empty() && options[0].fixed) return true;  // given by id: whatever its activity
  if (options.empty() || options[0].stale) return false;
  const double second = options.size() > 1 ? options[1].effective : 0.0;
  return options[0].effective >= kAloneMinimum && options[0].effective - second >= kAloneMargin - kTolerance;
}

Unresolved why_unresolved(const std::vector<Option>& options) {
  if (options.empty()) return Unresolved::no_match;
  if (std::all_of(options.begin(), options.end(), [](const Option& o) { return o.stale; })) return Unresolved::stale;
  if (options.size() > 1 && options[0].effective - options[1].effective < kAloneMargin - kTolerance) return Unresolved::ambiguous;
  return Unresolved::weak;
}

// With one side settled, the other by the evidence the settled club gives it.
std::optional<std::pair<std::size_t, Level>> resolve_against(const TeamDirectory& directory, const Option& settled,
                                                             const std::vector<Option>& options, bool settled_is_home,
                                                             const std::optional<std::int32_t>& league_id) {
  std::optional<std::size_t> best;
  double best_joint = -1, second_joint = -1;
  Level best_level = kNone;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const auto [level, league] = settled_is_home ? pair_level(directory, settled, options[i], league_id)
                                                 : pair_level(directory, options[i], settled, league_id);
    if (options[i].identity == settled.identity) continue;
    const double joint = options[i].effective + bonus(level);
    if (joint > best_joint) {
      second_joint = best_joint;
      best_joint = joint;
      best = i;
      best_level = level;
    } else if (joint > second_joint) {
      second_joint = joint;
    }
  }
  if (!best || best_level == kNone || options[*best].effective < kPairMinimum || options[*best].stale) return std::nullopt;
  if (second_joint >= 0 && best_joint - second_joint < kPairMargin - kTolerance) return std::nullopt;
  return std::make_pair(*best, best_level);
}

const char* evidence_of(Level level) { return level == kLeague ? "league" : "country"; }

}  // namespace

std::vector<std::int32_t> teams_to_look_up(const TeamDirectory& directory, const FixtureQuery& fixture,
                                           const FixtureCandidates& candidates) {
  std::vector<std::int32_t> ids;
  for (const auto& [side, side_candidates] :
       {std::pair{&fixture.home, &candidates.home}, std::pair{&fixture.away, &candidates.away}}) {
    if (side->team_id) {
      ids.push_back(*side->team_id);
      continue;
    }
    for (const NameCandidate& candidate : *side_candidates)
      for (const std::size_t team : directory.identities()[candidate.identity].teams) ids.push_back(directory.teams()[team].id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

FixtureResolution resolve_fixture(const TeamDirectory& directory, const FixtureQuery& fixture,
                                  const std::function<std::optional<int>(std::int32_t)>& last_played,
                                  const ResolutionOptions& options) {
  return resolve_fixture(directory, fixture, fixture_candidates(directory, fixture), last_played, options);
}

FixtureResolution resolve_fixture(const TeamDirectory& directory, const FixtureQuery& fixture,
                                  const FixtureCandidates& candidates,
                                  const std::function<std::optional<int>(std::int32_t)>& last_played,
                                  const ResolutionOptions& options) {
  const std::vector<Option> home =
      side_options(directory, fixture.home, candidates.home, fixture.league_id, fixture.day, last_played, options);
  const std::vector<Option> away =
      side_options(directory, fixture.away, candidates.away, fixture.league_id, fixture.day, last_played, options);
  FixtureResolution out;
  report_candidates(home, out.home);
  report_candidates(away, out.away);
  const auto settle = [&](SideResolution& side, const Option& option, const char* evidence,
                          const std::optional<std::int32_t>& league) {
    side.team = resolved_team(directory, option, league);
    side.confidence = option.score;
    side.evidence = option.fixed ? "id" : evidence;
    side.reason = Unresolved::no;
  };

  // 1. The best pair, when it beats every pair that changes either side. Joint scores of every
  // pair of two different clubs, measured once (NaN: the same club on both sides).
  std::vector<double> joints(home.size() * away.size(), std::numeric_limits<double>::quiet_NaN());
  double best_joint = -1;
  std::optional<std::size_t> best_home, best_away;
  for (std::size_t h = 0; h < home.size(); ++h)
    for (std::size_t a = 0; a < away.size(); ++a) {
      if (home[h].identity == away[a].identity) continue;
      const double joint = home[h].effective + away[a].effective + bonus(pair_level(directory, home[h], away[a], fixture.league_id).first);
      joints[h * away.size() + a] = joint;
      if (joint > best_joint) {
        best_joint = joint;
        best_home = h;
        best_away = a;
      }
    }
  if (best_home) {
    const auto [level, league] = pair_level(directory, home[*best_home], away[*best_away], fixture.league_id);
    double other_home = -1, other_away = -1;  // the best joint with another club on that side
    for (std::size_t h = 0; h < home.size(); ++h)
      for (std::size_t a = 0; a < away.size(); ++a) {
        const double joint = joints[h * away.size() + a];
        if (std::isnan(joint)) continue;
        if (h != *best_home) other_home = std::max(other_home, joint);
        if (a != *best_away) other_away = std::max(other_away, joint);
      }
    for (std::size_t h = 0; h < home.size(); ++h) other_home = std::max(other_home, h == *best_home ? -1.0 : home[h].effective);
    for (std::size_t a = 0; a < away.size(); ++a) other_away = std::max(other_away, a == *best_away ? -1.0 : away[a].effective);
    if (level != kNone && home[*best_home].effective >= kPairMinimum && away[*best_away].effective >= kPairMinimum &&
        best_joint - other_home >= kPairMargin - kTolerance && best_joint - other_away >= kPairMargin - kTolerance) {
      settle(out.home, home[*best_home], evidence_of(level), league);
      settle(out.away, away[*best_away], evidence_of(level), league);
      return out;
    }
  }

  // 2. Each name alone, and then its opponent against it.
  const bool home_alone = resolves_alone(home), away_alone = resolves_alone(away);
  if (home_alone) settle(out.home, home[0], "name", std::nullopt);
  if (away_alone) settle(out.away, away[0], "name", std::nullopt);
  if (home_alone && !away_alone)
    if (const auto found = resolve_against(directory, home[0], away, true, fixture.league_id)) {
      const auto league = pair_level(directory, home[0], away[found->first], fixture.league_id).second;
      settle(out.away, away[found->first], evidence_of(found->second), league);
      out.home.team = resolved_team(directory, home[0], league);
    }
  if (away_alone && !home_alone)
    if (const auto found = resolve_against(directory, away[0], home, false, fixture.league_id)) {
      const auto league = pair_level(directory, home[found->first], away[0], fixture.league_id).second;
      settle(out.home, home[found->first], evidence_of(found->second), league);
      out.away.team = resolved_team(directory, away[0], league);
    }
  if (!out.home.team) out.home.reason = why_unresolved(home);
  if (!out.away.team) out.away.reason = why_unresolved(away);
  return out;
}

}  // namespace jackpot::core
