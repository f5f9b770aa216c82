// The odds of a jackpot coupon (docs/formulas/jackpot-odds.md): the exact distribution of the
// number of correct picks, and the ticket of singles, doubles and trebles that maximises
// P(all correct) within a number of lines.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstdint>
#include <vector>

#include "core/prediction_sets.hpp"

namespace jackpot::core {

// The most picks or fixtures the coupon arithmetic takes (a jackpot has 13–17; create_jackpot
// allows 50): it bounds the O(n²) recurrence below, so no input can keep a backend busy.
inline constexpr std::size_t kMaxCouponFixtures = 1000;

// Poisson-binomial distribution of the number of successes of independent events with
// probabilities p: element k is P(exactly k), k = 0 … n, by the O(n²) recurrence. Throws
// std::invalid_argument unless every p is in [0, 1] and n <= kMaxCouponFixtures.
std::vector<double> number_correct_distribution(const std::vector<double>& p);

struct TicketLeg {
  unsigned outcomes = 0;  // bit 0 home, bit 1 draw, bit 2 away
  int size = 0;           // 1 single, 2 double, 3 treble
  double probability = 0; // P(the result is one of the outcomes)
};

struct Ticket {
  std::vector<TicketLeg> legs;
  std::int64_t lines = 1;  // Π size
  double p_win = 0;        // Π probability
};

// The selections of the 1, 2 and 3 most likely outcomes (bits: 1 home, 2 draw, 4 away; ties
// broken home, draw, away): a leg of size k takes element k − 1.
std::array<unsigned, 3> most_likely_selections(const Probabilities& p);

// Maximises Π P(leg) subject to Π |leg| <= max_lines, exactly, by dynamic programming over the
// numbers of doubles and trebles. A leg of size k takes the k most likely outcomes (ties: home,
// draw, away). Equal P(win) prefers fewer lines, then the earlier fixtures' smaller legs.
// Throws std::invalid_argument when max_lines < 1, a probability is outside [0, 1], or there are
// more than kMaxCouponFixtures fixtures.
Ticket optimal_ticket(const std::vector<Probabilities>& fixtures, std::int64_t max_lines);

}  // namespace jackpot::core
