// The exact value of a jackpot ticket under an operator's prize rules
// (docs/formulas/ticket-value.md). A ticket is one selection per fixture (1 X 2 1X 12 X2 1X2):
// its lines are every combination of the selected outcomes. Fixtures are independent, so with
// P_i the mass of fixture i's selected outcomes and s_i their count:
//   - the expected number of lines with k correct is [z^k] Π_i (P_i z + s_i − P_i);
//   - E[N_k N_l] is [z^k w^l] Π_i (P_i (z + s_i − 1)(w + s_i − 1) + (1 − P_i) s_i²);
//   - the best line's number correct is Poisson-binomial over P_i;
//   - a pool shared with N other entries whose lines follow the public pick distribution π is,
//     for the all-correct tier, worth pool × E[m / (m + K)] on each winning pattern, K ~
//     Poisson(N · Π π(pattern)) other winners and m our own winning lines there
//     ((1 − e^−λ)/λ for m = 1); lower shared tiers take K at its mean over outcomes.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstdint>
#include <vector>

#include "core/prediction_sets.hpp"
#include "core/prize_rules.hpp"

namespace jackpot::core {

enum class FixtureState { open, played, void_unsettled };

struct TicketFixture {
  Probabilities model{};         // the outcome probabilities the ticket is valued with
  Probabilities public_picks{};  // π: the share of other entries' lines on each outcome
  unsigned selection = 0;        // bits: 1 home, 2 draw, 4 away
  FixtureState state = FixtureState::open;
  int result = -1;               // played, or a void settled as a result: 0 home, 1 draw, 2 away
};

struct TicketValue {
  std::int64_t lines = 0;
  double cost = 0;
  int voids = 0;
  bool refunded = false;                  // more voids than the rules allow: stakes back, no prize
  std::vector<double> best_line_pmf;      // P(the best line has k correct), k = 0 … n
  std::vector<double> expected_lines;     // E[number of lines with k correct], k = 0 … n
  std::vector<double> tier_probability;   // per rules tier: P(the ticket wins it)
  double p_any_prize = 0;
  double expected_prize = 0;              // in the rules' currency
  double prize_sd = 0;
  double expected_return = 0;             // expected_prize (or the refund) − cost
};

// The most lines whose patterns are enumerated to value a shared all-correct pool exactly.
inline constexpr std::int64_t kMaxPoolPatterns = 5'000'000;

// Throws std::invalid_argument for: a number of fixtures other than the rules', a selection that
// is empty or not a subset of 1X2, probabilities that are not distributions, a result outside
// 0 … 2 where one is required, entries negative or not finite, lines outside the rules' bounds,
// or (with a shared all-correct pool and entries > 0) more than kMaxPoolPatterns patterns.
// What a valuation computes beyond the expected prize, the best line's distribution and the
// expected lines: the searches value many tickets and ask only for what their objective needs.
struct TicketValueParts {
  bool spread = true;  // prize_sd (the O(n³) second moments)
  bool tiers = true;   // tier_probability and p_any_prize (an O(n³) pass)
};

TicketValue ticket_value(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries,
                         TicketValueParts parts = {});

// E[m / (m + K)], K ~ Poisson(λ): the expected share of a pool of our m winning lines among
// Poisson(λ) others'. (1 − e^−λ)/λ for m = 1; 1 for λ = 0.
double expected_pool_share(double lambda, double m);

}  // namespace jackpot::core
