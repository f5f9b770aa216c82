// libFuzzer target for isotonic regression: any points (x any double, y any double) and any
// binary outcomes at any probabilities either fit a map whose thresholds increase in x and never
// decrease in y within [0, 1], whose values at any x lie in [0, 1] and never decrease in x, or are
// refused with std::invalid_argument.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/isotonic.hpp"
#include "fuzz_input.hpp"

namespace {

void check_map(const jackpot::core::IsotonicMap& map, jackpot::fuzz::FuzzInput& input) {
  using jackpot::fuzz::assert_invariant;
  assert_invariant(!map.x.empty() && map.x.size() == map.y.size());
  for (std::size_t i = 0; i < map.x.size(); ++i) {
    assert_invariant(std::isfinite(map.x[i]) && map.y[i] >= 0 && map.y[i] <= 1);
    if (i > 0) assert_invariant(map.x[i] > map.x[i - 1] && map.y[i] >= map.y[i - 1]);
  }
  std::vector<double> at = {-INFINITY, INFINITY, map.x.front(), map.x.back(), input.any_double(), input.any_double()};
  at.erase(std::remove_if(at.begin(), at.end(), [](double x) { return std::isnan(x); }), at.end());
  std::sort(at.begin(), at.end());
  double previous = -1;
  for (const double x : at) {
    const double y = jackpot::core::isotonic_apply(map, x);
    assert_invariant(y >= 0 && y <= 1 && y >= previous);
    previous = y;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jackpot;
  fuzz::FuzzInput input(data, size);
  const bool binary = input.byte() & 1;
  try {
    if (binary) {
      std::vector<std::uint64_t> keys;
      while (input.remaining() >= 9 && keys.size() < 2000) {
        const double raw = input.any_double();
        const bool happened = input.byte() & 1;
        // mostly probabilities in [0, 1]; the raw bits otherwise (refused unless in range)
        keys.push_back(core::binary_point(keys.size() % 4 ? std::fmod(std::fabs(raw), 1.0000001) : raw, happened));
      }
      check_map(core::isotonic_fit_binary(std::move(keys)), input);
    } else {
      std::vector<std::pair<double, double>> points;
      while (input.remaining() >= 16 && points.size() < 2000) {
        const double x = input.any_double();
        const double y = input.any_double();
        points.emplace_back(x, points.size() % 2 ? std::fmod(std::fabs(y), 1.0) : y);
      }
      check_map(core::isotonic_fit(std::move(points)), input);
    }
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
