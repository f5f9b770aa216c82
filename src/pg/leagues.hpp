// The leagues table as the fits and backtests look a league up: by its code.
#pragma once

#include <cstdint>
#include <string_view>

namespace jackpot::pg {

// The id of the league with this code; 22023 naming it, with how to add it, when there is none.
std::int32_t league_id_of(std::string_view league_code);

}  // namespace jackpot::pg
