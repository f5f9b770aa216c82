// Reading a stored isotonic map (the jsonb isotonic_fit returns) into the core's form.
#pragma once

#include "core/isotonic.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

// Throws std::invalid_argument unless calibration is {"x_thresholds": [...], "y_thresholds": [...]}
// with equally long non-empty arrays, x increasing and y in [0, 1].
core::IsotonicMap isotonic_map_of(Jsonb* calibration);

}  // namespace jackpot::pg
