// The jackpot.* configuration parameters, one per entry of core::kSettings.
#pragma once

#include "core/settings.hpp"

namespace jackpot::pg {

// Defines every parameter with its default and range; called once from _PG_init.
void define_setting_gucs();

// The values in force for this session.
core::Settings current_settings();

}  // namespace jackpot::pg
