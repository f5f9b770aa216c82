#include "core/isotonic.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "core/json_writer.hpp"

namespace jackpot::core {

namespace {

// sklearn/_isotonic.pyx, _inplace_contiguous_isotonic_regression: pool adjacent violators in
// one pass with backtracking; y becomes the fit, w the pooled weights.
void pool_adjacent_violators(std::vector<double>& y, std::vector<double>& w) {
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(y.size());
  std::vector<std::ptrdiff_t> target(static_cast<std::size_t>(n));
  for (std::ptrdiff_t i = 0; i < n; ++i) target[i] = i;
  std::ptrdiff_t i = 0;
  while (i < n) {
    std::ptrdiff_t k = target[i] + 1;
    if (k == n) break;
    if (y[i] < y[k]) {
      i = k;
      continue;
    }
    double sum_wy = w[i] * y[i];
    double sum_w = w[i];
    while (true) {
      const double prev_y = y[k];
      sum_wy += w[k] * y[k];
      sum_w += w[k];
      k = target[k] + 1;
      if (k == n || prev_y < y[k]) {
        y[i] = sum_wy / sum_w;
        w[i] = sum_w;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1];
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const std::ptrdiff_t k = target[i] + 1;
    for (std::ptrdiff_t j = i + 1; j < k; ++j) y[j] = y[i];
    i = k;
  }
}

// Steps 2-5 of the fit on points sorted by (x, y): _make_unique, PAVA, clip, thresholds.
template <class Points>
IsotonicMap fit_sorted(const Points& points) {
  // _make_unique: x within numpy's float64 resolution (1e-15) of a group's first x joins the
  // group; the group's y is the weighted mean, accumulated in order.
  constexpr double kResolution = 1e-15;
  std::vector<double> xs, ys, ws;
  double current_x = points.x(0), current_y = 0, current_w = 0;
  const std::size_t size = points.size();
  for (std::size_t j = 0; j < size; ++j) {
    const double x = points.x(j), y = points.y(j);
    if (x - current_x >= kResolution) {
      xs.push_back(current_x);
      ws.push_back(current_w);
      ys.push_back(current_y / current_w);
      current_x = x;
      current_w = 1.0;
      current_y = y * 1.0;
    } else {
      current_w += 1.0;
      current_y += y * 1.0;
    }
  }
  xs.push_back(current_x);
  ws.push_back(current_w);
  ys.push_back(current_y / current_w);

  pool_adjacent_violators(ys, ws);
  for (double& y : ys) y = std::clamp(y, 0.0, 1.0);  // np.clip(y, y_min, y_max)

  // Keep the first and last point, and each point whose y differs from a neighbour's.
  IsotonicMap map;
  const std::size_t n = ys.size();
  for (std::size_t i = 0; i < n; ++i)
    if (i == 0 || i + 1 == n || ys[i] != ys[i - 1] || ys[i] != ys[i + 1]) {
      map.x.push_back(xs[i]);
      map.y.push_back(ys[i]);
    }
  return map;
}

struct PairPoints {
  const std::vector<std::pair<double, double>>& v;
  std::size_t size() const { return v.size(); }
  double x(std::size_t i) const { return v[i].first; }
  double y(std::size_t i) const { return v[i].second; }
};

struct KeyPoints {
  const std::vector<std::uint64_t>& v;
  std::size_t size() const { return v.size(); }
  double x(std::size_t i) const {
    const std::uint64_t bits = v[i] >> 1;
    double x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
  }
  double y(std::size_t i) const { return static_cast<double>(v[i] & 1u); }
};

// LSD radix sort of 64-bit keys, 16 bits a pass (4 passes).
void radix_sort(std::vector<std::uint64_t>& keys) {
  std::vector<std::uint64_t> buffer(keys.size());
  std::vector<std::size_t> counts(1u << 16);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const std::uint64_t k : keys) ++counts[(k >> shift) & 0xFFFFu];
    std::size_t total = 0;
    for (std::size_t& c : counts) {
      const std::size_t here = c;
      c = total;
      total += here;
    }
    for (const std::uint64_t k : keys) buffer[counts[(k >> shift) & 0xFFFFu]++] = k;
    keys.swap(buffer);
  }
}

}  // namespace

IsotonicMap isotonic_fit(std::vector<std::pair<double, double>> points) {
  if (points.empty()) throw std::invalid_argument("isotonic regression needs at least one point");
  for (const auto& [x, y] : points) {
    if (!std::isfinite(x)) throw std::invalid_argument("an isotonic x must be finite, not " + describe_number(x));
    if (!(y >= 0.0 && y <= 1.0)) throw std::invalid_argument("an isotonic y must be in [0, 1], not " + describe_number(y));
  }
  std::sort(points.begin(), points.end());  // np.lexsort((y, X)): by x, then y
  return fit_sorted(PairPoints{points});
}

std::uint64_t binary_point(double x, bool happened) {
  if (!(x >= 0.0 && x <= 1.0)) throw std::invalid_argument("a probability must be in [0, 1], not " + describe_number(x));
  x += 0.0;  // −0 becomes +0, so its bits order with the rest
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits << 1 | (happened ? 1u : 0u);
}

IsotonicMap isotonic_fit_binary(std::vector<std::uint64_t> keys) {
  if (keys.empty()) throw std::invalid_argument("isotonic regression needs at least one point");
  radix_sort(keys);
  return fit_sorted(KeyPoints{keys});
}

double isotonic_apply(const IsotonicMap& map, double x) {
  if (map.x.empty()) throw std::invalid_argument("an empty isotonic map");
  if (std::isnan(x)) throw std::invalid_argument("cannot calibrate NaN");
  x = std::clamp(x, map.x.front(), map.x.back());
  const std::size_t n = map.x.size();
  if (n == 1) return map.y.front();
  // scipy interp1d(kind='linear'): i = searchsorted(x_thresholds, x, 'left') clipped to [1, n − 1].
  std::size_t i = static_cast<std::size_t>(std::lower_bound(map.x.begin(), map.x.end(), x) - map.x.begin());
  i = std::clamp<std::size_t>(i, 1, n - 1);
  const double x_lo = map.x[i - 1], x_hi = map.x[i], y_lo = map.y[i - 1], y_hi = map.y[i];
  const double slope = (y_hi - y_lo) / (x_hi - x_lo);
  // scipy's arithmetic can land an ulp outside [y_lo, y_hi] (1.0000000000000002 at the last
  // threshold, found by test/fuzz): kept within the interval, so the map stays a probability and
  // non-decreasing.
  return std::clamp(slope * (x - x_lo) + y_lo, y_lo, y_hi);
}

std::string isotonic_json(const IsotonicMap& map) {
  std::string xs = "[", ys = "[";
  for (std::size_t i = 0; i < map.x.size(); ++i) {
    xs += (i ? "," : "") + format_json_number(map.x[i]);
    ys += (i ? "," : "") + format_json_number(map.y[i]);
  }
  JsonObjectWriter out;
  out.raw("x_thresholds", xs + "]").raw("y_thresholds", ys + "]");
  return out.finish();
}

std::array<double, 3> calibrate_outcomes(const IsotonicMap (&maps)[3], const std::array<double, 3>& p) {
  std::array<double, 3> q{};
  for (int k = 0; k < 3; ++k) q[k] = std::max(isotonic_apply(maps[k], p[k]), kCalibratedFloor);
  const double total = q[0] + q[1] + q[2];
  return {q[0] / total, q[1] / total, q[2] / total};
}

}  // namespace jackpot::core
