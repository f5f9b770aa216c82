#include "core/league_catalog.hpp"

#include <array>
#include <cctype>

namespace jackpot::core {

namespace {

constexpr std::array<LeagueInfo, 38> kLeagues{{
    {"E0", "Premier League", "England", 1, false},
    {"E1", "Championship", "England", 2, false},
    {"E2", "League One", "England", 3, false},
    {"E3", "League Two", "England", 4, false},
    {"EC", "National League", "England", 5, false},
    {"SC0", "Premiership", "Scotland", 1, false},
    {"SC1", "Championship", "Scotland", 2, false},
    {"SC2", "League One", "Scotland", 3, false},
    {"SC3", "League Two", "Scotland", 4, false},
    {"D1", "Bundesliga", "Germany", 1, false},
    {"D2", "2. Bundesliga", "Germany", 2, false},
    {"I1", "Serie A", "Italy", 1, false},
    {"I2", "Serie B", "Italy", 2, false},
    {"SP1", "La Liga", "Spain", 1, false},
    {"SP2", "Segunda Division", "Spain", 2, false},
    {"F1", "Ligue 1", "France", 1, false},
    {"F2", "Ligue 2", "France", 2, false},
    {"N1", "Eredivisie", "Netherlands", 1, false},
    {"B1", "Jupiler Pro League", "Belgium", 1, false},
    {"P1", "Primeira Liga", "Portugal", 1, false},
    {"T1", "Super Lig", "Turkey", 1, false},
    {"G1", "Super League", "Greece", 1, false},
    {"ARG", "Liga Profesional", "Argentina", 1, true},
    {"AUT", "Bundesliga", "Austria", 1, false},
    {"BRA", "Serie A", "Brazil", 1, true},
    {"CHN", "Super League", "China", 1, true},
    {"DNK", "Superliga", "Denmark", 1, false},
    {"FIN", "Veikkausliiga", "Finland", 1, true},
    {"IRL", "Premier Division", "Ireland", 1, true},
    {"JPN", "J1 League", "Japan", 1, true},
    {"MEX", "Liga MX", "Mexico", 1, false},
    {"NOR", "Eliteserien", "Norway", 1, true},
    {"POL", "Ekstraklasa", "Poland", 1, false},
    {"ROU", "Liga 1", "Romania", 1, false},
    {"RUS", "Premier League", "Russia", 1, false},
    {"SWE", "Allsvenskan", "Sweden", 1, true},
    {"SWZ", "Super League", "Switzerland", 1, false},
    {"USA", "MLS", "USA", 1, true},
}};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<LeagueInfo> find_league(std::string_view code) {
  for (const LeagueInfo& league : kLeagues)
    if (league.code == code) return league;
  return std::nullopt;
}

std::optional<std::string_view> extra_league_code_for_country(std::string_view country) {
  country = trim_spaces(country);
  for (const LeagueInfo& league : kLeagues)
    if (league.code.size() == 3 && equal_ignoring_case(league.country, country)) return league.code;
  return std::nullopt;
}

}  // namespace jackpot::core
