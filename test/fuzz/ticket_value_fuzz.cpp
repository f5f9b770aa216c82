// libFuzzer target for a ticket's value under prize rules: 1–8 fixtures of arbitrary
// probabilities, public picks, selections and results, arbitrary tiers, stake, voids and other
// entries. Either refused with std::invalid_argument, or every figure is finite, the best line's
// distribution sums to 1, the expected lines per number correct sum to the ticket's lines, and
// every probability lies in [0, 1].
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/ticket_value.hpp"
#include "fuzz_input.hpp"

namespace {

jackpot::core::Probabilities shares(jackpot::fuzz::FuzzInput& input) {
  if (input.byte() % 16 == 0) return {input.any_double(), input.any_double(), input.any_double()};
  const double a = input.byte(), b = input.byte(), c = 1 + input.byte();
  return {a / (a + b + c), b / (a + b + c), c / (a + b + c)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jackpot;
  fuzz::FuzzInput input(data, size);
  const int n = 1 + input.byte() % 8;
  std::vector<core::TicketFixture> fixtures(static_cast<std::size_t>(n));
  for (core::TicketFixture& f : fixtures) {
    f.model = shares(input);
    f.public_picks = shares(input);
    f.selection = input.byte() % 9;  // 0 and 8 are not selections
    const int state = input.byte() % 6;
    f.state = state == 0 ? core::FixtureState::played : state == 1 ? core::FixtureState::void_unsettled : core::FixtureState::open;
    f.result = static_cast<int>(input.byte() % 4) - (state == 0 ? 0 : 1);
  }
  core::PrizeRules rules;
  rules.fixtures = input.byte() % 10 == 0 ? 1 + input.byte() % 9 : n;
  rules.stake_per_line = input.byte() % 10 == 0 ? input.any_double() : 1 + input.byte();
  const int tiers = input.byte() % 4;
  for (int t = 0; t < tiers; ++t)
    rules.tiers.push_back({static_cast<int>(input.byte() % 10), input.byte() % 2 == 1,
                           input.byte() % 10 == 0 ? input.any_double() : 10.0 * (1 + t) * (1 + input.byte())});
  rules.unit = input.byte() % 2 ? core::PrizeUnit::line : core::PrizeUnit::ticket;
  if (input.byte() % 2) rules.refund_beyond_voids = input.byte() % 3;
  rules.max_lines = 1 + input.byte() * 40;
  const double entries = input.byte() % 8 == 0 ? input.any_double() : input.byte() * 1000.0;
  try {
    const core::TicketValue v = core::ticket_value(fixtures, rules, entries);
    double pmf = 0, lines = 0;
    for (const double x : v.best_line_pmf) {
      fuzz::assert_invariant(x >= 0 && x <= 1 + 1e-12);
      pmf += x;
    }
    for (const double x : v.expected_lines) lines += x;
    fuzz::assert_invariant(std::abs(pmf - 1) <= 1e-9);
    fuzz::assert_invariant(std::abs(lines - static_cast<double>(v.lines)) <= 1e-9 * static_cast<double>(v.lines));
    for (const double x : v.tier_probability) fuzz::assert_invariant(x >= -1e-12 && x <= 1 + 1e-12);
    fuzz::assert_invariant(v.p_any_prize >= -1e-12 && v.p_any_prize <= 1 + 1e-12);
    fuzz::assert_invariant(std::isfinite(v.expected_prize) && v.expected_prize >= 0);
    fuzz::assert_invariant(std::isfinite(v.prize_sd) && v.prize_sd >= 0 && std::isfinite(v.expected_return));
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
