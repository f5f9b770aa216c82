#include "core/prize_rules.hpp"

#include <cmath>
#include <stdexcept>

#include "core/json_writer.hpp"

namespace jackpot::core {

void validate_prize_rules(const PrizeRules& r) {
  if (r.fixtures < 1 || r.fixtures > 30) throw std::invalid_argument("fixtures must lie in 1 .. 30, not " + std::to_string(r.fixtures));
  // The bounds keep every sum of the valuation (squares of prizes included) finite.
  if (!(std::isfinite(r.stake_per_line) && r.stake_per_line > 0 && r.stake_per_line <= kMaxStake))
    throw std::invalid_argument("the stake per line must be a positive amount up to 1e12, not " + describe_number(r.stake_per_line));
  if (r.tiers.empty()) throw std::invalid_argument("prize rules need at least one tier");
  for (std::size_t i = 0; i < r.tiers.size(); ++i) {
    const PrizeTier& t = r.tiers[i];
    if (t.correct < 1 || t.correct > r.fixtures)
      throw std::invalid_argument("tier " + std::to_string(i + 1) + ": correct must lie in 1 .. " + std::to_string(r.fixtures) +
                                  ", not " + std::to_string(t.correct));
    if (!(std::isfinite(t.amount) && t.amount > 0 && t.amount <= kMaxPrize))
      throw std::invalid_argument("tier " + std::to_string(t.correct) + " correct: the amount must be positive and at most 1e15, not " +
                                  describe_number(t.amount));
    if (i > 0) {
      const PrizeTier& before = r.tiers[i - 1];
      if (t.correct <= before.correct)
        throw std::invalid_argument("tiers must be listed by ascending number correct, each once: " + std::to_string(before.correct) +
                                    " then " + std::to_string(t.correct));
      if (t.amount < before.amount)
        throw std::invalid_argument("tiers are not monotone: " + std::to_string(t.correct) + " correct pays " +
                                    describe_number(t.amount) + ", less than " + describe_number(before.amount) + " for " +
                                    std::to_string(before.correct));
    }
  }
  if (r.refund_beyond_voids && *r.refund_beyond_voids < 0) throw std::invalid_argument("the refund threshold must be >= 0 voids");
  if (r.min_lines < 1 || r.max_lines < r.min_lines)
    throw std::invalid_argument("lines bounds must satisfy 1 <= min_lines <= max_lines, not " + std::to_string(r.min_lines) + " .. " +
                                std::to_string(r.max_lines));
}

unsigned parse_selection(std::string_view text) {
  unsigned bits = 0;
  int previous = -1;
  for (const char c : text) {
    const int outcome = c == '1' ? 0 : (c == 'X' || c == 'x') ? 1 : c == '2' ? 2 : -1;
    // outcomes in the order 1, X, 2, each once
    if (outcome < 0 || outcome <= previous)
      throw std::invalid_argument("a selection is one of 1 X 2 1X 12 X2 1X2, not \"" + std::string(text) + "\"");
    bits |= 1u << outcome;
    previous = outcome;
  }
  if (bits == 0) throw std::invalid_argument("a selection is one of 1 X 2 1X 12 X2 1X2, not an empty text");
  return bits;
}

std::string selection_name(unsigned bits) {
  std::string name;
  if (bits & 1u) name += '1';
  if (bits & 2u) name += 'X';
  if (bits & 4u) name += '2';
  return name;
}

int selection_size(unsigned bits) { return ((bits >> 0) & 1u) + ((bits >> 1) & 1u) + ((bits >> 2) & 1u); }

}  // namespace jackpot::core
