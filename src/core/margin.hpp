// Bookmaker margin removal: from decimal odds o_i to probabilities that sum to 1.
// Multiplicative (basic) normalisation, p_i = (1/o_i) / Σ_j (1/o_j): docs/formulas/margin.md.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>

namespace jackpot::core {

// Throws std::invalid_argument unless every odd is finite and > 1.
std::array<double, 3> remove_margin_multiplicative(const std::array<double, 3>& odds);

}  // namespace jackpot::core
