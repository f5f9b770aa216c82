#include "core/settings.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

namespace jackpot::core {
namespace {

TEST(Settings, DefaultsAreTheSpecValues) {
  const Settings v = default_settings();
  EXPECT_DOUBLE_EQ(v.dixon_coles_rho, -0.13);
  EXPECT_DOUBLE_EQ(v.time_decay_xi, 0.0065);
  EXPECT_DOUBLE_EQ(v.home_advantage, 0.35);
  EXPECT_EQ(v.max_goals, 8);
  EXPECT_DOUBLE_EQ(v.default_blend_alpha, 0.6);
  EXPECT_DOUBLE_EQ(v.max_market_weight, 0.7);
  EXPECT_EQ(v.min_calibration_samples, 30);
  EXPECT_EQ(v.calibration_bins, 20);
  EXPECT_DOUBLE_EQ(v.brier_score_threshold, 0.22);
  EXPECT_EQ(v.margin_method, MarginMethod::shin);
  EXPECT_DOUBLE_EQ(v.conservative_shrinkage, 0.2);
  EXPECT_DOUBLE_EQ(v.entropy_gamma, 1.5);
  EXPECT_EQ(v.league_statistics_days, 365);
  EXPECT_EQ(v.top_correct_scores, 5);
}

TEST(Settings, EveryDefaultLiesInItsRange) {
  for (const SettingSpec& spec : kSettings) {
    EXPECT_LE(spec.min_value, spec.default_value) << spec.name;
    EXPECT_GE(spec.max_value, spec.default_value) << spec.name;
    EXPECT_NO_THROW(require_setting_in_range(spec, spec.default_value)) << spec.name;
  }
}

// Each table entry names exactly the one field of its type, and no two entries share a field: a
// value set through the table is read back from that field alone.
TEST(Settings, EachEntryOwnsOneFieldOfItsType) {
  std::set<std::string_view> names;
  for (const SettingSpec& spec : kSettings) {
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    const int fields = (spec.real_field != nullptr) + (spec.integer_field != nullptr) + (spec.choice_field != nullptr);
    EXPECT_EQ(fields, 1) << spec.name;
    EXPECT_EQ(spec.real_field != nullptr, spec.type == SettingType::real) << spec.name;
    EXPECT_EQ(spec.integer_field != nullptr, spec.type == SettingType::integer) << spec.name;
    EXPECT_EQ(spec.choice_field != nullptr, spec.type == SettingType::choice) << spec.name;
  }
  for (const SettingSpec& spec : kSettings) {
    Settings settings = default_settings();
    set_setting_value(settings, spec, spec.max_value);
    for (const SettingSpec& other : kSettings)
      EXPECT_EQ(setting_value(settings, other), &other == &spec ? spec.max_value : other.default_value)
          << spec.name << " wrote " << other.name;
  }
}

TEST(Settings, MaxGoalsAllowsAtLeastTwoToThirty) {
  const SettingSpec& spec = setting_spec("max_goals");
  EXPECT_LE(spec.min_value, 2);
  EXPECT_GE(spec.max_value, 30);
}

TEST(Settings, OutOfRangeValueNamesTheRange) {
  const SettingSpec& spec = setting_spec("max_goals");
  try {
    require_setting_in_range(spec, 31);
    FAIL() << "31 goals accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()), "max_goals = 31 is outside its valid range [2, 30]");
  }
  EXPECT_THROW(require_setting_in_range(spec, 7.5), std::invalid_argument);
  EXPECT_THROW(require_setting_in_range(setting_spec("time_decay_xi"), -0.001), std::invalid_argument);
  EXPECT_THROW(require_setting_in_range(setting_spec("time_decay_xi"), std::nan("")), std::invalid_argument);
}

TEST(Settings, UnknownNameIsRefused) {
  EXPECT_THROW(setting_spec("rho"), std::invalid_argument);
}

TEST(Settings, JsonListsEveryValueInOrder) {
  EXPECT_EQ(settings_to_json(default_settings()),
            R"({"dixon_coles_rho":-0.13,"time_decay_xi":0.0065,"home_advantage":0.35,)"
            R"("max_goals":8,"default_blend_alpha":0.6,"max_market_weight":0.7,)"
            R"("min_calibration_samples":30,"calibration_bins":20,"brier_score_threshold":0.22,)"
            R"("margin_method":"shin","conservative_shrinkage":0.2,"entropy_gamma":1.5,)"
            R"("league_statistics_days":365,"top_correct_scores":5,)"
            R"("market_implied_xi":0.05,"market_implied_rho":-0.1,"market_implied_ridge":0.001,)"
            R"("public_pick_exponent":1.5})");
}

TEST(Settings, AChoiceIsReportedByNameAndSelectsItsMarginMethod) {
  Settings values = default_settings();
  EXPECT_EQ(values.margin_method, MarginMethod::shin);
  set_setting_value(values, setting_spec("margin_method"), 4);
  EXPECT_EQ(values.margin_method, MarginMethod::odds_ratio);
  EXPECT_NE(settings_to_json(values).find(R"("margin_method":"odds_ratio")"), std::string::npos);
}

}  // namespace
}  // namespace jackpot::core
