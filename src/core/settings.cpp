#include "core/settings.hpp"

#include <cmath>
#include <stdexcept>

#include "core/json_writer.hpp"

namespace jackpot::core {

Settings default_settings() {
  Settings settings{};
  for (const SettingSpec& spec : kSettings) set_setting_value(settings, spec, spec.default_value);
  return settings;
}

double setting_value(const Settings& settings, const SettingSpec& spec) {
  switch (spec.type) {
    case SettingType::integer: return settings.*spec.integer_field;
    case SettingType::choice: return static_cast<double>(settings.*spec.choice_field);
    case SettingType::real: break;
  }
  return settings.*spec.real_field;
}

void set_setting_value(Settings& settings, const SettingSpec& spec, double value) {
  switch (spec.type) {
    case SettingType::integer: settings.*spec.integer_field = static_cast<int>(value); return;
    case SettingType::choice: settings.*spec.choice_field = static_cast<MarginMethod>(static_cast<int>(value)); return;
    case SettingType::real: settings.*spec.real_field = value; return;
  }
}

const SettingSpec& setting_spec(std::string_view name) {
  for (const SettingSpec& spec : kSettings)
    if (spec.name == name) return spec;
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

std::string settings_to_json(const Settings& settings) {
  JsonObjectWriter json;
  for (const SettingSpec& spec : kSettings) {
    if (spec.type == SettingType::integer)
      json.integer(spec.name, settings.*spec.integer_field);
    else if (spec.type == SettingType::choice)
      json.string(spec.name, spec.choices[static_cast<std::size_t>(settings.*spec.choice_field)]);
    else
      json.number(spec.name, settings.*spec.real_field);
  }
  return json.finish();
}

}  // namespace jackpot::core
