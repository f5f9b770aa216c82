// The spec's numeric settings (spec: backend/settings.py) as one table. src/pg turns each entry
// into a jackpot.* configuration parameter with this default and range, and jackpot.settings()
// reports the current values for the audit record of every model. Keeping the table here means
// the defaults and ranges are unit-tested without a server, and exist in exactly one place.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/margin.hpp"

namespace jackpot::core {

// A choice setting's value is the index of its name in `choices`.
enum class SettingType { real, integer, choice };

struct SettingSpec {
  std::string_view name;         // parameter name without the "jackpot." prefix
  std::string_view spec_name;    // the Python setting it replaces
  SettingType type;
  double default_value;
  double min_value;              // inclusive
  double max_value;              // inclusive
  std::string_view description;  // one line, shown by SHOW ALL and pg_settings
  const std::string_view* choices = nullptr;  // a choice setting's names, max_value + 1 of them
};

inline constexpr std::array<SettingSpec, 14> kSettings{{
    {"dixon_coles_rho", "DIXON_COLES_RHO", SettingType::real, -0.13, -1.0, 1.0,
     "Dixon-Coles low-score dependence rho used when rho is not fitted."},
    {"time_decay_xi", "TIME_DECAY_XI", SettingType::real, 0.0065, 0.0, 1.0,
     "Time-decay rate xi per day: a match d days old has weight exp(-xi*d)."},
    {"home_advantage", "HOME_ADVANTAGE", SettingType::real, 0.35, -2.0, 2.0,
     "Prior home advantage on the log-rate scale, used as the optimiser's starting value."},
    {"max_goals", "MAX_GOALS", SettingType::integer, 8, 2, 30,
     "Largest goal count per side in the score probability matrix."},
    {"default_blend_alpha", "DEFAULT_BLEND_ALPHA", SettingType::real, 0.6, 0.0, 1.0,
     "Model weight alpha in the linear pool alpha*model + (1-alpha)*market."},
    {"max_market_weight", "MAX_MARKET_WEIGHT", SettingType::real, 0.7, 0.0, 1.0,
     "Hard cap on the market weight 1-alpha of any blend."},
    {"min_calibration_samples", "MIN_CALIBRATION_SAMPLES", SettingType::integer, 30, 1, 1000000000,
     "Fewest out-of-sample predictions a calibration may be fitted on."},
    {"calibration_bins", "CALIBRATION_BINS", SettingType::integer, 20, 2, 1000,
     "Number of equal-width bins of a reliability curve."},
    {"brier_score_threshold", "BRIER_SCORE_THRESHOLD", SettingType::real, 0.22, 0.0, 2.0,
     "Multi-class Brier score above which a validated model is flagged."},
    {"margin_method", "(issue #5)", SettingType::choice, 3, 0, 5,
     "Bookmaker margin removal: multiplicative, additive, power, shin, odds_ratio or balanced_book.",
     kMarginMethodNames.data()},
    {"conservative_shrinkage", "(issue #5)", SettingType::real, 0.2, 0.0, 0.95,
     "Set C: weight of the league's base rates in the conservative blend."},
    {"entropy_gamma", "(issue #5)", SettingType::real, 1.5, 1.001, 10.0,
     "Set E: power gamma > 1 of the sharpening p^gamma / sum p^gamma."},
    {"league_statistics_days", "(issue #5)", SettingType::integer, 365, 7, 3650,
     "Days of training matches before as_of over which a fit measures the league's base rates and draw rate."},
    {"top_correct_scores", "(issue #5)", SettingType::integer, 5, 0, 100,
     "How many most likely correct scores predict_fixture reports."},
}};

using SettingValues = std::array<double, kSettings.size()>;

// The spec's defaults, in kSettings order.
SettingValues default_setting_values();

// Index of a setting by its name without prefix; throws std::invalid_argument for an unknown name.
std::size_t setting_index(std::string_view name);

// Throws std::invalid_argument naming the setting and its range when value is outside it (or,
// for an integer or choice setting, not a whole number). Used to check per-call overrides of a setting.
void require_setting_in_range(const SettingSpec& spec, double value);

// {"dixon_coles_rho": -0.13, "time_decay_xi": 0.0065, ...}: every value, in kSettings order,
// integers as integers, reals in their shortest exact decimal form, choices by name.
std::string settings_to_json(const SettingValues& values);

// The margin method a SettingValues array selects.
MarginMethod margin_method_setting(const SettingValues& values);

}  // namespace jackpot::core
