#include "core/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <cstdint>
#include <vector>

#include "core/isotonic.hpp"
#include "core/reliability.hpp"

namespace jackpot::core {
namespace {

TEST(Scoring, BrierLogLossAndRpsByHand) {
  const double p[3] = {0.5, 0.3, 0.2};
  EXPECT_DOUBLE_EQ(brier_score(p, 3, 0), 0.25 + 0.09 + 0.04);
  EXPECT_DOUBLE_EQ(brier_score(p, 3, 2), 0.25 + 0.09 + 0.64);
  EXPECT_NEAR(log_loss(p, 3, 1), -std::log(0.3), 1e-15);
  EXPECT_NEAR(ranked_probability_score(p, 3, 0), (0.25 + 0.04) / 2, 1e-15);
  EXPECT_NEAR(ranked_probability_score(p, 3, 2), (0.25 + 0.64) / 2, 1e-15);
  EXPECT_DOUBLE_EQ(brier_score(0.7, true), (1 - 0.7) * (1 - 0.7));
  EXPECT_NEAR(log_loss(0.7, false), -std::log(0.3), 1e-15);
}

TEST(Scoring, LogLossClipsCertainForecastsThatWereWrong) {
  const double certain[3] = {1.0, 0.0, 0.0};
  EXPECT_NEAR(log_loss(certain, 3, 2), -std::log(kLogLossEpsilon / (1 - kLogLossEpsilon + 2 * kLogLossEpsilon)), 1e-12);
  EXPECT_TRUE(std::isfinite(log_loss(0.0, true)));
  EXPECT_NEAR(log_loss(1.0, true), -std::log((1 - kLogLossEpsilon) / (kLogLossEpsilon + 1 - kLogLossEpsilon)), 1e-15);
}

TEST(Scoring, BadProbabilitiesAreRefused) {
  const double bad[3] = {0.5, 0.6, -0.1};
  EXPECT_THROW(brier_score(bad, 3, 0), std::invalid_argument);
  EXPECT_THROW(brier_score(std::nan(""), true), std::invalid_argument);
  const double p[3] = {0.5, 0.3, 0.2};
  EXPECT_THROW(ranked_probability_score(p, 3, 3), std::invalid_argument);
}

TEST(CompensatedSum, KeepsWhatNaiveSummationLoses) {
  CompensatedSum s;
  s.add(1.0);
  for (int i = 0; i < 1000; ++i) s.add(1e-17);
  EXPECT_DOUBLE_EQ(s.value(), 1.0 + 1e-14);
  CompensatedSum a, b;
  a.add(1e16);
  b.add(1.0);
  b.add(-1e16);
  a.merge(b);
  EXPECT_DOUBLE_EQ(a.value(), 1.0);
}

TEST(Reliability, BinsAsNumpysSearchsortedLeft) {
  EXPECT_EQ(reliability_bin(0.0, 10), 0);
  EXPECT_EQ(reliability_bin(0.1, 10), 0);   // on an edge: the lower bin
  EXPECT_EQ(reliability_bin(0.1000001, 10), 1);
  EXPECT_EQ(reliability_bin(1.0, 10), 9);
  ReliabilityCurve c(4);
  c.add(0.1, false);
  c.add(0.3, true);
  c.add(0.35, false);
  c.add(0.8, true);
  EXPECT_NEAR(c.expected_calibration_error(), 0.25 * 0.1 + 0.5 * std::abs(0.325 - 0.5) + 0.25 * 0.2, 1e-15);
  EXPECT_THROW(ReliabilityCurve(0), std::invalid_argument);
  EXPECT_THROW(c.add(1.5, true), std::invalid_argument);
}

TEST(Isotonic, PoolsViolatorsAndKeepsOnlyTheTurningPoints) {
  const IsotonicMap m = isotonic_fit({{0.1, 0}, {0.3, 1}, {0.35, 0}, {0.8, 1}, {0.9, 1}, {0.95, 1}});
  EXPECT_EQ(m.x, (std::vector<double>{0.1, 0.3, 0.35, 0.8, 0.95}));
  EXPECT_EQ(m.y, (std::vector<double>{0, 0.5, 0.5, 1, 1}));
  EXPECT_DOUBLE_EQ(isotonic_apply(m, 0.05), 0.0);    // clipped below
  EXPECT_DOUBLE_EQ(isotonic_apply(m, 0.2), 0.25);    // interpolated
  EXPECT_DOUBLE_EQ(isotonic_apply(m, 0.99), 1.0);    // clipped above
  // ties: the mean of the tied points
  const IsotonicMap t = isotonic_fit({{0.5, 1}, {0.5, 0}, {0.5, 1}, {0.6, 1}});
  EXPECT_EQ(t.x, (std::vector<double>{0.5, 0.6}));
  EXPECT_DOUBLE_EQ(t.y[0], 2.0 / 3.0);
  EXPECT_THROW(isotonic_fit({}), std::invalid_argument);
  EXPECT_THROW(isotonic_fit({{0.5, 2.0}}), std::invalid_argument);
}

TEST(Isotonic, TheBinaryRadixPathFitsAsTheGeneralOne) {
  std::vector<std::pair<double, double>> points;
  std::vector<std::uint64_t> keys;
  unsigned state = 12345;
  for (int i = 0; i < 5000; ++i) {
    state = state * 1103515245u + 12345u;
    const double x = (state >> 8) % 1000 / 999.0;  // many ties, both ends included
    state = state * 1103515245u + 12345u;
    const bool y = (state >> 8) % 1000 < x * 1000;
    points.emplace_back(x, y ? 1.0 : 0.0);
    keys.push_back(binary_point(x, y));
  }
  const IsotonicMap a = isotonic_fit(points), b = isotonic_fit_binary(keys);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  EXPECT_THROW(binary_point(-0.1, true), std::invalid_argument);
  EXPECT_EQ(binary_point(-0.0, false), binary_point(0.0, false));
}

// Found by test/fuzz/isotonic_fuzz.cpp: scipy's interpolation gives 1.0000000000000002 at the
// last threshold of this map; the value stays a probability.
TEST(Isotonic, InterpolationNeverLeavesItsInterval) {
  const IsotonicMap map{{0.59241012498126921, 0.8491187842951744}, {1.0 / 3, 1.0}};
  EXPECT_EQ(isotonic_apply(map, 0.8491187842951744), 1.0);
  EXPECT_EQ(isotonic_apply(map, 2.0), 1.0);
  EXPECT_EQ(isotonic_apply(map, 0.0), 1.0 / 3);
}

TEST(Isotonic, CalibratedOutcomesAreRenormalised) {
  const IsotonicMap identity{{0.0, 1.0}, {0.0, 1.0}};
  const IsotonicMap half{{0.0, 1.0}, {0.0, 0.5}};
  const IsotonicMap maps[3] = {identity, half, identity};
  const auto q = calibrate_outcomes(maps, {0.5, 0.3, 0.2});
  EXPECT_NEAR(q[0], 0.5 / 0.85, 1e-15);
  EXPECT_NEAR(q[1], 0.15 / 0.85, 1e-15);
  EXPECT_NEAR(q[0] + q[1] + q[2], 1.0, 1e-15);
  // a map that sends an outcome to 0 leaves it at the floor
  const IsotonicMap zero{{0.0, 1.0}, {0.0, 0.0}};
  const IsotonicMap floored[3] = {identity, zero, identity};
  const auto r = calibrate_outcomes(floored, {0.5, 0.3, 0.2});
  EXPECT_NEAR(r[1], kCalibratedFloor / (0.7 + kCalibratedFloor), 1e-15);
}

}  // namespace
}  // namespace jackpot::core
