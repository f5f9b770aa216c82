#include "pg/settings_gucs.hpp"

#include <cstdio>
#include <string>

#include "pg/datum.hpp"

namespace jackpot::pg {

namespace {

// GUC storage must be plain statics: PostgreSQL writes through these addresses.
double real_values[core::kSettings.size()];
int integer_values[core::kSettings.size()];
int choice_values[core::kSettings.size()];
// One NULL-terminated option list per choice setting; GUC keeps the pointer.
config_enum_entry choice_options[core::kSettings.size()][16];
char choice_names[core::kSettings.size()][16][32];

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
    if (spec.type == core::SettingType::choice) {
      const int count = static_cast<int>(spec.max_value) + 1;
      for (int c = 0; c < count; ++c) {
        snprintf(choice_names[i][c], sizeof choice_names[i][c], "%.*s",
                 static_cast<int>(spec.choices[c].size()), spec.choices[c].data());
        choice_options[i][c] = {choice_names[i][c], c, false};
      }
      choice_options[i][count] = {nullptr, 0, false};
      DefineCustomEnumVariable(name, spec.description.data(), nullptr, &choice_values[i],
                               static_cast<int>(spec.default_value), choice_options[i], PGC_USERSET, 0,
                               nullptr, nullptr, nullptr);
    } else if (spec.type == core::SettingType::integer)
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

core::Settings current_settings() {
  core::Settings settings{};
  for (std::size_t i = 0; i < core::kSettings.size(); ++i) {
    const core::SettingSpec& spec = core::kSettings[i];
    switch (spec.type) {
      case core::SettingType::integer: settings.*spec.integer_field = integer_values[i]; break;
      case core::SettingType::choice:
        settings.*spec.choice_field = static_cast<core::MarginMethod>(choice_values[i]);
        break;
      case core::SettingType::real: settings.*spec.real_field = real_values[i]; break;
    }
  }
  return settings;
}

}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_settings) {
  (void)fcinfo;
  return jackpot::pg::jsonb_from_json(jackpot::core::settings_to_json(jackpot::pg::current_settings()));
}

// jackpot.setting(name): the text current_setting('jackpot.' || name) gives once the library is
// loaded. Being a C function, calling it loads the library: SQL that reads a setting through it
// works in a session that has not yet called anything else of the extension, where
// current_setting() would not know the parameter.
JACKPOT_SQL_FUNCTION(jackpot_setting) {
  using namespace jackpot;
  const core::SettingSpec& spec = core::setting_spec(pg::text_argument(fcinfo, 0));
  const std::string name = "jackpot." + std::string(spec.name);
  return pg::call_postgres([&] {
    return CStringGetTextDatum(GetConfigOptionByName(name.c_str(), nullptr, false));
  });
}
