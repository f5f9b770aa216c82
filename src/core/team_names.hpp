// Team names across sources. Bookmakers write "Brighton & Hove Albion", "1. FC Cologne" or
// "Hull City" where football-data writes "Brighton", "FC Koln" and "Hull". Two functions make
// them comparable (docs/formulas/team-names.md):
//
//   canonical_team_name: lower case, accents folded to ASCII, '&' → "and", apostrophes dropped
//     ("Nott'm" → "nottm"), other punctuation → space, and club-form affixes (FC, AFC, CF, SC,
//     SV, AC, …) removed, so "Liverpool FC" and "Liverpool" are equal.
//
//   team_name_match_score(name, candidate), both canonical: how well a name given by another
//     source designates a known team. ≥ 1 when every word of the candidate is found in the name
//     (equal, a prefix of at least 3 letters, or one edit apart in words of 5+ letters); the
//     excess over 1 weighs the name's words that were matched, earlier words counting more,
//     since bookmakers put the club's own name before the city ("Espanyol Barcelona"). Below 1,
//     the share of the candidate's words that were found: a closeness for error messages only.
//     Only the first 16 words of each side are read (matching is quadratic in words).
#pragma once
#include "core/pure_cpp.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace jackpot::core {

std::string canonical_team_name(std::string_view name);

double team_name_match_score(std::string_view canonical_name, std::string_view canonical_candidate);

// The words of a canonical name that carry identity (no stopword), at most the first 16.
std::vector<std::string_view> team_name_words(std::string_view canonical_name);

// How well a word of a name matches a word of a candidate: 1 equal, 0.9 a prefix (the shorter
// word of 3+ letters), 0.8 one edit apart (both of 5+ letters), else 0.
double word_match_quality(std::string_view name_word, std::string_view candidate_word);

}  // namespace jackpot::core
