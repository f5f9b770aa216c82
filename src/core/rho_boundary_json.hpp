// How a Dixon–Coles fit reports an optimum on the edge of ρ's feasible region
// (docs/formulas/dixon-coles.md): the active low-score cells as a JSON array.
#pragma once
#include "core/pure_cpp.hpp"

#include <string>
#include <vector>

#include "core/dixon_coles.hpp"

namespace jackpot::core {

// [{<home_key>: team, <away_key>: team, "score": "0-1", "multiplier": ν}, ...], each team written
// as team_values[index] (a JSON value: an id, or a quoted name); the cell '1-1' (ρ = 1 itself)
// has no teams. "null" for an interior optimum.
std::string rho_boundary_json(const DixonColesFit& fit, const std::vector<std::string>& team_values,
                              const char* home_key, const char* away_key);

}  // namespace jackpot::core
