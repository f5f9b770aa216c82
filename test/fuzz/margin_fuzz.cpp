// libFuzzer target for remove_margin: any odds (NaN, ±infinity, ≤ 1, huge) with any method either
// give probabilities in [0, 1] summing to 1, or are refused with std::invalid_argument.
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/margin.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jackpot;
  fuzz::FuzzInput input(data, size);
  const auto method = static_cast<core::MarginMethod>(input.byte() % core::kMarginMethodNames.size());
  std::vector<double> odds;
  while (input.remaining() >= 8 && odds.size() < 64) {
    const double raw = input.any_double();
    // half of the values as plausible odds (1 … 1001), so the solvers get real work
    odds.push_back(std::isfinite(raw) && (odds.size() % 2 == 0) ? 1 + std::fmod(std::fabs(raw), 1000.0) : raw);
  }
  std::vector<double> probs(odds.size());
  try {
    core::remove_margin(odds.data(), probs.data(), odds.size(), method);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  double sum = 0;
  for (const double p : probs) {
    fuzz::assert_invariant(std::isfinite(p) && p >= 0 && p <= 1);
    sum += p;
  }
  fuzz::assert_invariant(std::fabs(sum - 1) <= 1e-9);
  return 0;
}
