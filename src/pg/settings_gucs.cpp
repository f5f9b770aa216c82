#include "pg/settings_gucs.hpp"

#include <cstdio>

#include "pg/datum.hpp"

namespace jackpot::pg {

namespace {

// GUC storage must be plain statics: PostgreSQL writes through these addresses.
double real_values[core::kSettings.size()];
int integer_values[core::kSettings.size()];

}  // namespace

// Runs in _PG_init, outside any guard: it holds no C++ object, so an ERROR from PostgreSQL (a
// bad value in postgresql.conf is only a WARNING here) could not skip a destructor.
void define_setting_gucs() {
  for (std::size_t i = 0; i < core::kSettings.size(); ++i) {
    const core::SettingSpec& spec = core::kSettings[i];
    char name[64];
    snprintf(name, sizeof name, "jackpot.%.*s", static_cast<int>(spec.name.size()),
                  spec.name.data());
    // The descriptions are string literals (static, NUL-terminated); GUC keeps the pointers.
    if (spec.type == core::SettingType::integer)
      DefineCustomIntVariable(name, spec.description.data(), nullptr, &integer_values[i],
                              static_cast<int>(spec.default_value),
                              static_cast<int>(spec.min_value), static_cast<int>(spec.max_value),
                              PGC_USERSET, 0, nullptr, nullptr, nullptr);
    else
      DefineCustomRealVariable(name, spec.description.data(), nullptr, &real_values[i],
                               spec.default_value, spec.min_value, spec.max_value, PGC_USERSET, 0,
                               nullptr, nullptr, nullptr);
  }
  MarkGUCPrefixReserved("jackpot");
}

core::SettingValues current_setting_values() {
  core::SettingValues values{};
  for (std::size_t i = 0; i < core::kSettings.size(); ++i)
    values[i] = core::kSettings[i].type == core::SettingType::integer ? integer_values[i]
                                                                      : real_values[i];
  return values;
}

}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_settings) {
  (void)fcinfo;
  return jackpot::pg::jsonb_from_json(
      jackpot::core::settings_to_json(jackpot::pg::current_setting_values()));
}
