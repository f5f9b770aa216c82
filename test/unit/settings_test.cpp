#include "core/settings.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace jackpot::core {
namespace {

TEST(Settings, DefaultsAreTheSpecValues) {
  const SettingValues v = default_setting_values();
  EXPECT_DOUBLE_EQ(v[setting_index("dixon_coles_rho")], -0.13);
  EXPECT_DOUBLE_EQ(v[setting_index("time_decay_xi")], 0.0065);
  EXPECT_DOUBLE_EQ(v[setting_index("home_advantage")], 0.35);
  EXPECT_EQ(v[setting_index("max_goals")], 8);
  EXPECT_DOUBLE_EQ(v[setting_index("default_blend_alpha")], 0.6);
  EXPECT_DOUBLE_EQ(v[setting_index("max_market_weight")], 0.7);
  EXPECT_EQ(v[setting_index("min_calibration_samples")], 30);
  EXPECT_EQ(v[setting_index("calibration_bins")], 20);
  EXPECT_DOUBLE_EQ(v[setting_index("brier_score_threshold")], 0.22);
}

TEST(Settings, EveryDefaultLiesInItsRange) {
  for (const SettingSpec& spec : kSettings) {
    EXPECT_LE(spec.min_value, spec.default_value) << spec.name;
    EXPECT_GE(spec.max_value, spec.default_value) << spec.name;
    EXPECT_NO_THROW(require_setting_in_range(spec, spec.default_value)) << spec.name;
  }
}

TEST(Settings, MaxGoalsAllowsAtLeastTwoToThirty) {
  const SettingSpec& spec = kSettings[setting_index("max_goals")];
  EXPECT_LE(spec.min_value, 2);
  EXPECT_GE(spec.max_value, 30);
}

TEST(Settings, OutOfRangeValueNamesTheRange) {
  const SettingSpec& spec = kSettings[setting_index("max_goals")];
  try {
    require_setting_in_range(spec, 31);
    FAIL() << "31 goals accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()), "max_goals = 31 is outside its valid range [2, 30]");
  }
  EXPECT_THROW(require_setting_in_range(spec, 7.5), std::invalid_argument);
  EXPECT_THROW(require_setting_in_range(kSettings[setting_index("time_decay_xi")], -0.001),
               std::invalid_argument);
  EXPECT_THROW(require_setting_in_range(kSettings[setting_index("time_decay_xi")], std::nan("")),
               std::invalid_argument);
}

TEST(Settings, UnknownNameIsRefused) {
  EXPECT_THROW(setting_index("rho"), std::invalid_argument);
}

TEST(Settings, JsonListsEveryValueInOrder) {
  EXPECT_EQ(settings_to_json(default_setting_values()),
            R"({"dixon_coles_rho":-0.13,"time_decay_xi":0.0065,"home_advantage":0.35,)"
            R"("max_goals":8,"default_blend_alpha":0.6,"max_market_weight":0.7,)"
            R"("min_calibration_samples":30,"calibration_bins":20,"brier_score_threshold":0.22,)"
            R"("margin_method":"shin","conservative_shrinkage":0.2,"entropy_gamma":1.5,)"
            R"("league_statistics_days":365,"top_correct_scores":5})");
}

TEST(Settings, AChoiceIsReportedByNameAndSelectsItsMarginMethod) {
  SettingValues values = default_setting_values();
  EXPECT_EQ(margin_method_setting(values), MarginMethod::shin);
  values[setting_index("margin_method")] = 4;
  EXPECT_EQ(margin_method_setting(values), MarginMethod::odds_ratio);
  EXPECT_NE(settings_to_json(values).find(R"("margin_method":"odds_ratio")"), std::string::npos);
}

}  // namespace
}  // namespace jackpot::core
