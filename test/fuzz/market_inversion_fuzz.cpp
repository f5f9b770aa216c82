// libFuzzer target for the market inversion behind market-implied ratings and the market basis:
// any three numbers as a 1X2 (normalised when they are positive and finite, else as they are)
// and any ρ and matrix size. The inversion either refuses with std::invalid_argument, or returns
// finite positive rates whose score matrix reproduces the 1X2 within its stated residual ≤ 1e-9.
#include <cmath>
#include <stdexcept>

#include "core/market_inversion.hpp"
#include "core/score_matrix.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jackpot;
  fuzz::FuzzInput input(data, size);
  const bool raw = input.byte() % 8 == 0;
  const int max_goals = 2 + input.byte() % 15;
  const double rho = input.byte() % 4 == 0 ? input.any_double() : -0.3 + (input.byte() % 61) * 0.01;
  core::Probabilities p{input.any_double(), input.any_double(), input.any_double()};
  if (!raw) {
    // three positive shares from bytes, so that most inputs are distributions worth inverting
    const double a = 1 + input.byte(), b = 1 + input.byte(), c = 1 + input.byte();
    p = {a / (a + b + c), b / (a + b + c), c / (a + b + c)};
  }
  try {
    const core::MarketInversion r = core::expected_goals_of_outcomes(p, rho, max_goals);
    fuzz::assert_invariant(std::isfinite(r.goals.home) && std::isfinite(r.goals.away) && r.goals.home > 0 && r.goals.away > 0);
    fuzz::assert_invariant(r.residual <= 1e-9);
    const core::Probabilities back = core::outcome_probabilities(
        core::dixon_coles_score_matrix(r.goals.home, r.goals.away, rho, max_goals, core::NegativeTau::floor));
    for (int k = 0; k < 3; ++k) fuzz::assert_invariant(std::abs(back[k] - p[k]) <= 1e-9);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
