// Bookmaker margin removal: from decimal odds o_1 … o_n (n ≥ 2) to probabilities that sum to 1.
// Six methods, each documented with its formula in docs/formulas/margin.md. The three that need a
// one-dimensional solve (power, shin, odds_ratio) use Boost.Math's TOMS 748 bracketing solver to
// the last bit, so the probabilities sum to 1 within rounding, not within a solver tolerance.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace jackpot::core {

enum class MarginMethod { multiplicative, additive, power, shin, odds_ratio, balanced_book };

inline constexpr std::array<std::string_view, 6> kMarginMethodNames{
    "multiplicative", "additive", "power", "shin", "odds_ratio", "balanced_book"};

// Throws std::invalid_argument listing the valid names when name is not one of them.
MarginMethod margin_method_from_name(std::string_view name);
std::string_view margin_method_name(MarginMethod method);

// Writes n probabilities to probs. Throws std::invalid_argument when n < 2, when an odd is not
// finite and > 1, or when the method yields a probability outside [0, 1] (additive and
// balanced_book on a long shot; the message names the method and suggests another).
void remove_margin(const double* odds, double* probs, std::size_t n, MarginMethod method);

// The three-way form used for match odds (home, draw, away).
std::array<double, 3> remove_margin(const std::array<double, 3>& odds, MarginMethod method);

}  // namespace jackpot::core
