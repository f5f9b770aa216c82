// The football-data.co.uk league codes the engine knows by name: the per-season main leagues
// (E0, SP1, …) and the country codes of the multi-season "extra league" files (ARG, BRA, …).
// An unknown code is still accepted; the league is then named by its code.
#pragma once
#include "core/pure_cpp.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace jackpot::core {

struct LeagueInfo {
  std::string_view code;
  std::string_view name;
  std::string_view country;
  int tier;
  bool calendar_year;  // season "2023" (Mar–Nov) rather than "2023-24" (Aug–May)
};

std::optional<LeagueInfo> find_league(std::string_view code);

// The extra-league file code for a country as written in those files' Country column
// ("Argentina" → "ARG"), ignoring surrounding spaces and case; nullopt if unknown.
std::optional<std::string_view> extra_league_code_for_country(std::string_view country);

}  // namespace jackpot::core
