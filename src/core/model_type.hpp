// The kinds of model the engine fits (docs/model-types.md). Both rate teams on the same scale
// (log λ = c + h + a_home − d_away, log μ = c + a_away − d_home, a Dixon–Coles score matrix with
// ρ), so everything downstream of a fit reads either kind the same way; they differ in what
// the ratings are learned from: past goals, or past matches' closing prices.
#pragma once
#include "core/pure_cpp.hpp"

#include <string_view>

namespace jackpot::core {

enum class ModelType { dixon_coles, market_implied };

// 'dixon-coles', 'market-implied': the names stored in models.model_type and backtests.model_type.
std::string_view model_type_name(ModelType type);

// Throws std::invalid_argument naming the accepted names for anything else.
ModelType parse_model_type(std::string_view name);

}  // namespace jackpot::core
