// The best ticket within a line budget for an objective, and the best few tickets
// (docs/formulas/ticket-value.md#optimising). Objectives:
//   - p_jackpot: P(some line has every fixture right) = Π P_i, separable: exact by dynamic
//     programming over the numbers of doubles and trebles (core/jackpot_odds.hpp);
//   - expected_return, p_any_prize: not separable (tiers, pool shares). Exhaustive, hence exact,
//     when the candidate tickets number at most kExhaustiveTickets; otherwise a deterministic
//     local search (single-fixture and paired moves from the favourites' singles and from the
//     P(all)-optimal ticket) that stops at a ticket no such move improves, with a proven bound
//     on its gap (every line worth at most the favourites' line with pools kept whole).
// Candidates per fixture: the most likely 1, 2 or 3 outcomes, which is enough when every prize
// is fixed and the tiers run without a gap to all correct (the value rises with each P_i for a
// given number of lines); every one of the seven selections when a shared pool has other
// entries (a less popular outcome can be worth more) or the tiers have a gap.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ticket_value.hpp"

namespace jackpot::core {

enum class TicketObjective { expected_return, p_jackpot, p_any_prize };

// 'expected_return', 'p_jackpot', 'p_any_prize'; throws std::invalid_argument naming them.
TicketObjective parse_ticket_objective(std::string_view name);

inline constexpr std::int64_t kExhaustiveTickets = 200'000;

struct TicketChoice {
  std::vector<unsigned> selections;
  TicketValue value;
  double objective = 0;
  std::string method;               // how it was found
  std::optional<double> gap_bound;  // optimum − objective is at most this: 0 when exact
  std::int64_t evaluated = 0;       // tickets valued
};

// The ticket maximising the objective with at most max_lines lines (and at least the rules'
// min_lines). Throws std::invalid_argument when max_lines is below the rules' minimum (a budget
// below one line), and for what ticket_value refuses.
// exhaustive_limit: the most candidate tickets enumerated (the tests lower it to compare the
// local search with enumeration).
TicketChoice optimize_ticket(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries,
                             std::int64_t max_lines, TicketObjective objective,
                             std::int64_t exhaustive_limit = kExhaustiveTickets);

struct TicketSet {
  std::vector<TicketChoice> tickets;
  double objective = 0;   // p_jackpot: P(at least one ticket has every fixture right); else the sum
  std::string method;
};

// K tickets of at most max_lines_each lines each:
//   - p_jackpot: greedy on P(at least one ticket all right), a coverage function (monotone,
//     submodular), each step the ticket of largest gain given those chosen, the union's
//     probability exact by inclusion–exclusion over the chosen tickets' intersections (each a
//     product of per-fixture selections); (1 − 1/e) of the best K when each step's ticket is
//     the best one, which the step's search (as optimize_ticket) finds exactly when small;
//   - expected_return: additive over tickets, so the best single ticket K times.
// Throws std::invalid_argument for K outside 1 … 10, p_any_prize (not supported), or what
// optimize_ticket refuses.
TicketSet optimize_tickets(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries,
                           std::int64_t max_lines_each, TicketObjective objective, int tickets);

}  // namespace jackpot::core
