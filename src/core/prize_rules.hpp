// An operator's prize rules as data (docs/formulas/ticket-value.md): fixtures per coupon, the
// stake per line, the tiers (k correct → a fixed amount per winner, or a pool shared among all
// winners), whether a prize is paid per line or once per ticket, what a void fixture does, and
// the lines a ticket may have. And a ticket's selections: one of 1 X 2 1X 12 X2 1X2 per fixture.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jackpot::core {

struct PrizeTier {
  int correct = 0;      // exactly this many correct
  bool shared = false;  // amount is a pool divided among every entry's winning lines
  double amount = 0;    // per winner (fixed), or the pool (shared)
};

enum class PrizeUnit { line, ticket };          // each winning line is paid, or the best line once
enum class VoidRule { counts_correct, tier_drops };  // equal in value: see ticket-value.md

struct PrizeRules {
  int fixtures = 0;
  double stake_per_line = 0;
  std::vector<PrizeTier> tiers;           // ascending by correct
  PrizeUnit unit = PrizeUnit::line;
  VoidRule void_rule = VoidRule::counts_correct;
  std::optional<int> refund_beyond_voids;  // more voids than this: every stake refunded, no prize
  std::int64_t min_lines = 1;
  std::int64_t max_lines = 0;
};

inline constexpr double kMaxStake = 1e12;  // per line, in the rules' currency
inline constexpr double kMaxPrize = 1e15;  // per tier

// Throws std::invalid_argument naming the problem: fixtures outside 1 .. 30, a stake that is not
// positive or above kMaxStake, no tier, a tier's correct outside 1 .. fixtures or repeated, tiers out of
// ascending order, an amount that is not positive or above kMaxPrize, amounts that fall as the number
// correct rises (not monotone), a negative refund threshold, or lines bounds out of order.
void validate_prize_rules(const PrizeRules& rules);

// Bits of a selection: 1 home, 2 draw, 4 away. "1", "X", "2", "1X", "12", "X2", "1X2" (upper
// case; "x" accepted); throws std::invalid_argument for anything else.
unsigned parse_selection(std::string_view text);
std::string selection_name(unsigned bits);
int selection_size(unsigned bits);

}  // namespace jackpot::core
