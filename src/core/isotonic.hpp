// Isotonic regression as scikit-learn's IsotonicRegression(increasing=True, y_min=0, y_max=1,
// out_of_bounds='clip') fits and predicts it, step for step, so thresholds and predictions agree
// to the last bits (docs/formulas/isotonic.md).
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace jackpot::core {

struct IsotonicMap {
  std::vector<double> x, y;  // thresholds: x increasing, y non-decreasing in [0, 1]
};

// Fits on (x, y) points (weights 1). Throws std::invalid_argument when there are no points or
// an x or y is not finite (y must be in [0, 1]).
IsotonicMap isotonic_fit(std::vector<std::pair<double, double>> points);

// The same fit for binary outcomes at probabilities x in [0, 1], from keys made by binary_point:
// sorted by a radix sort of the keys (x's bits, then y) instead of a comparison sort, for the
// million-point fits of a backtest. Throws as isotonic_fit.
IsotonicMap isotonic_fit_binary(std::vector<std::uint64_t> keys);
// The key of (x, happened): x's IEEE bits (x >= 0, so they order as x does) shifted left, y in
// the lowest bit. Throws std::invalid_argument unless x is in [0, 1].
std::uint64_t binary_point(double x, bool happened);

// The calibrated value of x: x clipped to [x_front, x_back], then linear interpolation between
// thresholds as scipy's interp1d does it (kept within the interval's y, which scipy's rounding can
// leave by an ulp). Throws std::invalid_argument for an empty map or NaN x.
double isotonic_apply(const IsotonicMap& map, double x);

// {"x_thresholds": [...], "y_thresholds": [...]}
std::string isotonic_json(const IsotonicMap& map);

// Calibrated 1X2 probabilities are kept at least this far from 0 (and so from 1): a map fitted
// on a few thousand matches can send a rare outcome's low probabilities to exactly 0, which no
// football result deserves and which the log loss would punish without bound.
inline constexpr double kCalibratedFloor = 1e-3;

// The three one-vs-rest maps of a 1X2 forecast applied, each value raised to at least
// kCalibratedFloor, and renormalised to sum 1 (calibrated set A).
std::array<double, 3> calibrate_outcomes(const IsotonicMap (&maps)[3], const std::array<double, 3>& p);

}  // namespace jackpot::core
