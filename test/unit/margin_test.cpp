#include "core/margin.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace jackpot::core {
namespace {

TEST(MarginMultiplicative, ReferenceValues) {
  // Issue reference: odds [2.7, 2.3, 4.4] → 0.35873804, 0.42112726, 0.22013470.
  const auto p = remove_margin_multiplicative({2.7, 2.3, 4.4});
  EXPECT_NEAR(p[0], 0.35873804, 5e-9);
  EXPECT_NEAR(p[1], 0.42112726, 5e-9);
  EXPECT_NEAR(p[2], 0.22013470, 5e-9);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15);
}

TEST(MarginMultiplicative, FairOddsAreUnchanged) {
  const auto p = remove_margin_multiplicative({2.0, 4.0, 4.0});
  EXPECT_DOUBLE_EQ(p[0], 0.5);
  EXPECT_DOUBLE_EQ(p[1], 0.25);
}

TEST(MarginMultiplicative, OddsAtOrBelowOneAreRefused) {
  EXPECT_THROW(remove_margin_multiplicative({1.0, 3.0, 4.0}), std::invalid_argument);
  EXPECT_THROW(remove_margin_multiplicative({0.0, 3.0, 4.0}), std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
