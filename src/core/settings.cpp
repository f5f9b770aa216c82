#include "core/settings.hpp"

#include <cmath>
#include <stdexcept>

#include "core/json_writer.hpp"

namespace jackpot::core {

SettingValues default_setting_values() {
  SettingValues values{};
  for (std::size_t i = 0; i < kSettings.size(); ++i) values[i] = kSettings[i].default_value;
  return values;
}

std::size_t setting_index(std::string_view name) {
  for (std::size_t i = 0; i < kSettings.size(); ++i)
    if (kSettings[i].name == name) return i;
  throw std::invalid_argument("unknown jackpot setting \"" + std::string(name) + "\"");
}

void require_setting_in_range(const SettingSpec& spec, double value) {
  const bool whole = spec.type == SettingType::real || std::floor(value) == value;
  if (std::isfinite(value) && whole && value >= spec.min_value && value <= spec.max_value) return;
  throw std::invalid_argument(std::string(spec.name) + " = " + format_json_number(value) +
                              " is outside its valid range [" +
                              format_json_number(spec.min_value) + ", " +
                              format_json_number(spec.max_value) + "]" +
                              (whole ? "" : " or not a whole number"));
}

std::string settings_to_json(const SettingValues& values) {
  JsonObjectWriter json;
  for (std::size_t i = 0; i < kSettings.size(); ++i) {
    if (kSettings[i].type == SettingType::integer)
      json.integer(kSettings[i].name, static_cast<long long>(values[i]));
    else if (kSettings[i].type == SettingType::choice)
      json.string(kSettings[i].name, kSettings[i].choices[static_cast<std::size_t>(values[i])]);
    else
      json.number(kSettings[i].name, values[i]);
  }
  return json.finish();
}

MarginMethod margin_method_setting(const SettingValues& values) {
  return static_cast<MarginMethod>(static_cast<int>(values[setting_index("margin_method")]));
}

}  // namespace jackpot::core
