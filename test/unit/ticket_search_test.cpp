#include "core/ticket_search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>

namespace jackpot::core {
namespace {

std::vector<TicketFixture> coupon(int n, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> u(0.1, 1.0);
  std::vector<TicketFixture> t(static_cast<std::size_t>(n));
  for (TicketFixture& f : t) {
    double a = u(random) * 1.6, b = u(random) * 0.8, c = u(random);
    f.model = {a / (a + b + c), b / (a + b + c), c / (a + b + c)};
    // the public leans further to the favourite than the model does
    const double s = std::pow(f.model[0], 1.5) + std::pow(f.model[1], 1.5) + std::pow(f.model[2], 1.5);
    f.public_picks = {std::pow(f.model[0], 1.5) / s, std::pow(f.model[1], 1.5) / s, std::pow(f.model[2], 1.5) / s};
    f.selection = 1;
  }
  return t;
}

PrizeRules rules_for(int n, bool shared) {
  PrizeRules r;
  r.fixtures = n;
  r.stake_per_line = 1;
  r.tiers = {{n - 2, false, 4.0}, {n - 1, false, 40.0}, {n, shared, shared ? 20000.0 : 2000.0}};
  r.unit = PrizeUnit::line;
  r.max_lines = 1000000;
  return r;
}

// The best ticket by enumerating every selection (all seven) of every fixture.
double brute_force_best(const std::vector<TicketFixture>& fixtures, const PrizeRules& r, double entries, std::int64_t max_lines,
                        TicketObjective objective) {
  std::vector<TicketFixture> t = fixtures;
  double best = -INFINITY;
  std::function<void(std::size_t, std::int64_t)> walk = [&](std::size_t i, std::int64_t lines) {
    if (lines > max_lines) return;
    if (i == t.size()) {
      const TicketValue v = ticket_value(t, r, entries);
      const double x = objective == TicketObjective::p_jackpot ? v.best_line_pmf.back()
                       : objective == TicketObjective::p_any_prize ? v.p_any_prize : v.expected_return;
      best = std::max(best, x);
      return;
    }
    for (unsigned s = 1; s <= 7; ++s) {
      t[i].selection = s;
      walk(i + 1, lines * selection_size(s));
    }
  };
  walk(0, 1);
  return best;
}

// Exhaustive over all 7^n tickets for small n: the optimiser's ticket is as good, for every
// objective, with fixed prizes and with a shared pool (where a contrarian pick can be worth more).
TEST(TicketSearch, FindsTheBestTicketOfEveryEnumerableInstance) {
  for (int n = 3; n <= 5; ++n)
    for (unsigned seed = 1; seed <= 3; ++seed)
      for (const bool shared : {false, true})
        for (const TicketObjective objective :
             {TicketObjective::expected_return, TicketObjective::p_jackpot, TicketObjective::p_any_prize}) {
          const std::vector<TicketFixture> t = coupon(n, seed);
          const PrizeRules r = rules_for(n, shared);
          const double entries = shared ? 50000 : 0;
          const std::int64_t budget = 12;
          const TicketChoice c = optimize_ticket(t, r, entries, budget, objective);
          EXPECT_NEAR(c.objective, brute_force_best(t, r, entries, budget, objective), 1e-12 * std::max(1.0, std::abs(c.objective)))
              << "n " << n << " seed " << seed << " shared " << shared << " objective " << static_cast<int>(objective);
          EXPECT_LE(c.value.lines, budget);
          EXPECT_EQ(c.gap_bound, 0.0);
        }
}

// The local search alone (forced by an exhaustive limit of 0) against enumeration: fixed prizes
// for n = 8 … 10 (every ticket of the most likely outcomes, which contains the best one), and a
// shared pool with 200,000 other entries for n = 5, 6 (all 7^n tickets).
TEST(TicketSearch, LocalSearchMatchesExhaustiveSearchUpToTenFixtures) {
  int equal = 0, total = 0;
  const auto compare = [&](const std::vector<TicketFixture>& t, const PrizeRules& r, double entries, std::int64_t budget,
                           double exact, const std::string& what) {
    const TicketChoice c = optimize_ticket(t, r, entries, budget, TicketObjective::expected_return, 0);
    // the bound it proves holds: the optimum is at most the found value plus the gap bound
    ASSERT_TRUE(c.gap_bound.has_value());
    EXPECT_GE(c.objective + *c.gap_bound, exact - 1e-9 * std::max(1.0, std::abs(exact))) << what;
    ++total;
    equal += std::abs(c.objective - exact) <= 1e-9 * std::max(1.0, std::abs(exact));
    EXPECT_LE(c.objective, exact + 1e-9 * std::max(1.0, std::abs(exact))) << what;
  };
  for (int n = 8; n <= 10; ++n)
    for (unsigned seed = 1; seed <= 4; ++seed)
      for (const std::int64_t budget : {16, 96}) {
        const std::vector<TicketFixture> t = coupon(n, seed);
        const PrizeRules r = rules_for(n, false);
        compare(t, r, 0, budget, optimize_ticket(t, r, 0, budget, TicketObjective::expected_return).objective,
                "fixed, n " + std::to_string(n) + " seed " + std::to_string(seed));
      }
  for (int n = 5; n <= 6; ++n)
    for (unsigned seed = 1; seed <= 3; ++seed) {
      const std::vector<TicketFixture> t = coupon(n, seed);
      const PrizeRules r = rules_for(n, true);
      compare(t, r, 200000, 16, brute_force_best(t, r, 200000, 16, TicketObjective::expected_return),
              "shared, n " + std::to_string(n) + " seed " + std::to_string(seed));
    }
  RecordProperty("local_search_optimal", std::to_string(equal) + " of " + std::to_string(total));
  EXPECT_EQ(equal, total) << equal << " of " << total << " instances solved to the optimum";
}

// Tiers with a gap (a prize for n − 2 and n correct, none for n − 1): one more right can lose
// a prize, so the search considers every selection, and still finds the optimum.
TEST(TicketSearch, TiersWithAGapAreSearchedOverEverySelection) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    const int n = 5;
    const std::vector<TicketFixture> t = coupon(n, seed);
    PrizeRules r = rules_for(n, false);
    r.tiers = {{n - 2, false, 50.0}, {n, false, 60.0}};
    for (const TicketObjective objective : {TicketObjective::expected_return, TicketObjective::p_any_prize}) {
      const TicketChoice c = optimize_ticket(t, r, 0, 12, objective);
      EXPECT_NEAR(c.objective, brute_force_best(t, r, 0, 12, objective), 1e-12) << seed;
      const TicketChoice local = optimize_ticket(t, r, 0, 12, objective, 0);
      EXPECT_GE(local.objective + *local.gap_bound, c.objective - 1e-12) << seed;
    }
  }
}

// Several tickets: P(at least one all correct) by inclusion–exclusion against enumerating every
// outcome; the greedy gain of each ticket sums to it; a second ticket covers new outcomes.
TEST(TicketSearch, SeveralTicketsCoverMoreOutcomesExactly) {
  const int n = 6;
  const std::vector<TicketFixture> t = coupon(n, 4);
  const PrizeRules r = rules_for(n, false);
  const TicketSet set = optimize_tickets(t, r, 0, 8, TicketObjective::p_jackpot, 3);
  ASSERT_EQ(set.tickets.size(), 3u);
  double covered = 0;
  int outcomes = 1;
  for (int i = 0; i < n; ++i) outcomes *= 3;
  for (int code = 0; code < outcomes; ++code) {
    double p = 1;
    bool any = false;
    std::vector<int> o(n);
    for (int i = 0, c = code; i < n; ++i, c /= 3) o[i] = c % 3, p *= t[i].model[o[i]];
    for (const TicketChoice& ticket : set.tickets) {
      bool all = true;
      for (int i = 0; i < n && all; ++i) all = (ticket.selections[i] >> o[i]) & 1u;
      any = any || all;
    }
    if (any) covered += p;
  }
  EXPECT_NEAR(set.objective, covered, 1e-14);
  EXPECT_GT(set.tickets[1].objective, 0);  // the second ticket adds outcomes the first missed
  EXPECT_NE(set.tickets[0].selections, set.tickets[1].selections);
  EXPECT_GE(set.objective, set.tickets[0].value.best_line_pmf.back());
}

TEST(TicketSearch, RefusesABudgetBelowOneLineAndUnknownObjectives) {
  const std::vector<TicketFixture> t = coupon(5, 1);
  EXPECT_THROW(optimize_ticket(t, rules_for(5, false), 0, 0, TicketObjective::expected_return), std::invalid_argument);
  EXPECT_THROW(parse_ticket_objective("profit"), std::invalid_argument);
  EXPECT_THROW(optimize_tickets(t, rules_for(5, false), 0, 4, TicketObjective::p_jackpot, 11), std::invalid_argument);
  EXPECT_THROW(optimize_tickets(t, rules_for(5, false), 0, 4, TicketObjective::p_any_prize, 2), std::invalid_argument);
  EXPECT_EQ(parse_ticket_objective("p_any_prize"), TicketObjective::p_any_prize);
}

}  // namespace
}  // namespace jackpot::core
