// The engine's settings: the spec's (backend/settings.py) and the engine's own, as one typed
// struct and one table that describes each field. src/pg turns each table entry into a jackpot.*
// configuration parameter with this default and range and fills one Settings from them per call;
// code reads the fields by name, so a misspelt setting is a compile error, not a runtime one.
// jackpot.settings() reports every value for the audit record of each model and jackpot.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/margin.hpp"

namespace jackpot::core {

// Every setting in force, typed. A choice is its enum; an integer setting is an int.
struct Settings {
  double dixon_coles_rho;
  double time_decay_xi;
  double home_advantage;
  int max_goals;
  double default_blend_alpha;
  double max_market_weight;
  int min_calibration_samples;
  int calibration_bins;
  double brier_score_threshold;
  MarginMethod margin_method;
  double conservative_shrinkage;
  double entropy_gamma;
  int league_statistics_days;
  int top_correct_scores;
  double market_implied_xi;
  double market_implied_rho;
  double market_implied_ridge;
  double public_pick_exponent;
};

enum class SettingType { real, integer, choice };

// One setting's description: its parameter name, where it comes from, its type, default and
// range, and the Settings field that holds it (exactly one of the three members, by type).
struct SettingSpec {
  std::string_view name;         // parameter name without the "jackpot." prefix
  std::string_view spec_name;    // the spec's (backend/settings.py) name; empty for the engine's own
  SettingType type;
  double default_value;          // a choice's default is the index of its name in `choices`
  double min_value;              // inclusive
  double max_value;              // inclusive
  std::string_view description;  // one line, shown by SHOW ALL and pg_settings
  double Settings::*real_field = nullptr;
  int Settings::*integer_field = nullptr;
  MarginMethod Settings::*choice_field = nullptr;
  const std::string_view* choices = nullptr;  // a choice setting's names, max_value + 1 of them
};

inline constexpr std::array<SettingSpec, 18> kSettings{{
    {"dixon_coles_rho", "DIXON_COLES_RHO", SettingType::real, -0.13, -1.0, 1.0,
     "Dixon-Coles low-score dependence rho used when rho is not fitted.", &Settings::dixon_coles_rho},
    {"time_decay_xi", "TIME_DECAY_XI", SettingType::real, 0.0065, 0.0, 1.0,
     "Time-decay rate xi per day: a match d days old has weight exp(-xi*d).", &Settings::time_decay_xi},
    {"home_advantage", "HOME_ADVANTAGE", SettingType::real, 0.35, -2.0, 2.0,
     "Prior home advantage on the log-rate scale, used as the optimiser's starting value.",
     &Settings::home_advantage},
    {"max_goals", "MAX_GOALS", SettingType::integer, 8, 2, 30,
     "Largest goal count per side in the score probability matrix.", nullptr, &Settings::max_goals},
    {"default_blend_alpha", "DEFAULT_BLEND_ALPHA", SettingType::real, 0.6, 0.0, 1.0,
     "Model weight alpha in the linear pool alpha*model + (1-alpha)*market.", &Settings::default_blend_alpha},
    {"max_market_weight", "MAX_MARKET_WEIGHT", SettingType::real, 0.7, 0.0, 1.0,
     "Hard cap on the market weight 1-alpha of any blend.", &Settings::max_market_weight},
    {"min_calibration_samples", "MIN_CALIBRATION_SAMPLES", SettingType::integer, 30, 1, 1000000000,
     "Fewest out-of-sample predictions a calibration may be fitted on.", nullptr,
     &Settings::min_calibration_samples},
    {"calibration_bins", "CALIBRATION_BINS", SettingType::integer, 20, 2, 1000,
     "Number of equal-width bins of a reliability curve.", nullptr, &Settings::calibration_bins},
    {"brier_score_threshold", "BRIER_SCORE_THRESHOLD", SettingType::real, 0.22, 0.0, 2.0,
     "Multi-class Brier score above which a validated model is flagged.", &Settings::brier_score_threshold},
    {"margin_method", "", SettingType::choice, static_cast<double>(MarginMethod::shin), 0,
     kMarginMethodNames.size() - 1,
     "Bookmaker margin removal: multiplicative, additive, power, shin, odds_ratio or balanced_book.",
     nullptr, nullptr, &Settings::margin_method, kMarginMethodNames.data()},
    {"conservative_shrinkage", "", SettingType::real, 0.2, 0.0, 0.95,
     "Set C: weight of the league's base rates in the conservative blend.", &Settings::conservative_shrinkage},
    {"entropy_gamma", "", SettingType::real, 1.5, 1.001, 10.0,
     "Set E: power gamma > 1 of the sharpening p^gamma / sum p^gamma.", &Settings::entropy_gamma},
    {"league_statistics_days", "", SettingType::integer, 365, 7, 3650,
     "Days of training matches before as_of over which a fit measures the league's base rates and draw rate.",
     nullptr, &Settings::league_statistics_days},
    {"top_correct_scores", "", SettingType::integer, 5, 0, 100,
     "How many most likely correct scores predict_fixture reports.", nullptr, &Settings::top_correct_scores},
    {"market_implied_xi", "", SettingType::real, 0.05, 0.0, 1.0,
     "Market-implied ratings: time-decay rate xi per day of the closing prices they are fitted on.",
     &Settings::market_implied_xi},
    {"market_implied_rho", "", SettingType::real, -0.1, -0.5, 0.5,
     "Market-implied ratings: the score matrix's rho, in the inversion of closing odds and in predictions.",
     &Settings::market_implied_rho},
    {"market_implied_ridge", "", SettingType::real, 0.001, 0.0, 1000.0,
     "Market-implied ratings: ridge added to each team strength in the least-squares fit.",
     &Settings::market_implied_ridge},
    {"public_pick_exponent", "", SettingType::real, 1.5, 0.1, 10.0,
     "Tickets: the other entries' picks follow the market sharpened by this power (p^g / sum p^g).",
     &Settings::public_pick_exponent},
}};

// The defaults of kSettings.
Settings default_settings();

// A setting's value as a number (a choice as its index), and the field set from one.
double setting_value(const Settings& settings, const SettingSpec& spec);
void set_setting_value(Settings& settings, const SettingSpec& spec, double value);

// The table entry of a setting by its name without prefix (for SQL callers that name one);
// throws std::invalid_argument for an unknown name.
const SettingSpec& setting_spec(std::string_view name);

// Throws std::invalid_argument naming the setting and its range when value is outside it (or,
// for an integer or choice setting, not a whole number). Used to check per-call overrides of a setting.
void require_setting_in_range(const SettingSpec& spec, double value);

// {"dixon_coles_rho": -0.13, "time_decay_xi": 0.0065, ...}: every value, in kSettings order,
// integers as integers, reals in their shortest exact decimal form, choices by name.
std::string settings_to_json(const Settings& settings);

}  // namespace jackpot::core
