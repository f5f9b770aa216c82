#include "core/ticket_value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>

namespace jackpot::core {
namespace {

std::vector<TicketFixture> random_ticket(int n, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  std::uniform_int_distribution<int> pick(1, 7);
  std::vector<TicketFixture> t(static_cast<std::size_t>(n));
  for (TicketFixture& f : t) {
    double a = u(random), b = u(random), c = u(random);
    f.model = {a / (a + b + c), b / (a + b + c), c / (a + b + c)};
    a = u(random), b = u(random), c = u(random);
    f.public_picks = {a / (a + b + c), b / (a + b + c), c / (a + b + c)};
    f.selection = static_cast<unsigned>(pick(random));
  }
  return t;
}

PrizeRules rules_for(int n, PrizeUnit unit) {
  PrizeRules r;
  r.fixtures = n;
  r.stake_per_line = 2;
  r.tiers = {{n - 2, false, 10}, {n - 1, false, 100}, {n, false, 5000}};
  r.unit = unit;
  r.max_lines = 100000;
  return r;
}

// Every outcome of the coupon and every line of the ticket, by brute force: the exact
// distribution of the prize, the best line's number correct, lines per number correct, tiers.
struct BruteForce {
  double mean = 0, second = 0, any = 0;
  std::vector<double> best_pmf, lines, tier;
};

BruteForce brute_force(const std::vector<TicketFixture>& t, const PrizeRules& r) {
  const int n = static_cast<int>(t.size());
  BruteForce b;
  b.best_pmf.assign(n + 1, 0);
  b.lines.assign(n + 1, 0);
  b.tier.assign(r.tiers.size(), 0);
  int outcomes = 1;
  for (int i = 0; i < n; ++i) outcomes *= 3;
  for (int code = 0; code < outcomes; ++code) {
    std::vector<int> o(n);
    double p = 1;
    for (int i = 0, c = code; i < n; ++i, c /= 3) {
      o[i] = c % 3;
      if (t[i].state == FixtureState::played) p *= o[i] == t[i].result ? 1 : 0;
      else if (t[i].state == FixtureState::void_unsettled) p *= o[i] == 0 ? 1 : 0;  // one representative
      else p *= t[i].model[o[i]];
    }
    if (p == 0) continue;
    // every line of the ticket
    std::vector<int> counts(n + 1, 0);
    std::function<void(int, int)> line = [&](int i, int correct) {
      if (i == n) {
        ++counts[correct];
        return;
      }
      for (int k = 0; k < 3; ++k)
        if ((t[i].selection >> k) & 1u)
          line(i + 1, correct + (t[i].state == FixtureState::void_unsettled || k == o[i] ? 1 : 0));
    };
    line(0, 0);
    int best = 0;
    for (int k = 0; k <= n; ++k)
      if (counts[k] > 0) best = k;
    b.best_pmf[best] += p;
    double prize = 0;
    bool any = false;
    for (std::size_t j = 0; j < r.tiers.size(); ++j) {
      const int k = r.tiers[j].correct;
      if (r.unit == PrizeUnit::line) {
        prize += counts[k] * r.tiers[j].amount;
        if (counts[k] > 0) b.tier[j] += p, any = true;
      } else if (best == k) {
        prize += r.tiers[j].amount;
        b.tier[j] += p;
        any = true;
      }
    }
    for (int k = 0; k <= n; ++k) b.lines[k] += p * counts[k];
    b.mean += p * prize;
    b.second += p * prize * prize;
    if (any) b.any += p;
  }
  return b;
}

void expect_matches_brute_force(const std::vector<TicketFixture>& t, const PrizeRules& r) {
  const TicketValue v = ticket_value(t, r, 0);
  const BruteForce b = brute_force(t, r);
  const double scale = std::max(1.0, b.mean);
  EXPECT_NEAR(v.expected_prize, b.mean, 1e-9 * scale);
  EXPECT_NEAR(v.prize_sd, std::sqrt(std::max(b.second - b.mean * b.mean, 0.0)), 1e-6 * scale);
  EXPECT_NEAR(v.p_any_prize, b.any, 1e-12);
  for (std::size_t k = 0; k < b.best_pmf.size(); ++k) {
    EXPECT_NEAR(v.best_line_pmf[k], b.best_pmf[k], 1e-12) << k;
    EXPECT_NEAR(v.expected_lines[k], b.lines[k], 1e-9) << k;
  }
  for (std::size_t j = 0; j < b.tier.size(); ++j) EXPECT_NEAR(v.tier_probability[j], b.tier[j], 1e-12) << j;
}

// All 3^n outcomes for n ≤ 8, random probabilities and selections, both units.
TEST(TicketValue, MatchesEnumerationOfEveryOutcome) {
  for (int n = 3; n <= 8; ++n)
    for (unsigned seed = 1; seed <= 4; ++seed)
      for (const PrizeUnit unit : {PrizeUnit::line, PrizeUnit::ticket}) {
        SCOPED_TRACE("n " + std::to_string(n) + " seed " + std::to_string(seed));
        expect_matches_brute_force(random_ticket(n, seed), rules_for(n, unit));
      }
}

// Played fixtures and voids (counted correct) condition the value exactly.
TEST(TicketValue, PlayedAndVoidFixturesAreSettled) {
  for (const PrizeUnit unit : {PrizeUnit::line, PrizeUnit::ticket}) {
    std::vector<TicketFixture> t = random_ticket(7, 9);
    t[1].state = FixtureState::played;
    t[1].result = 2;
    t[3].state = FixtureState::void_unsettled;
    t[3].selection = 3;  // a double on a void: both lines count it correct
    expect_matches_brute_force(t, rules_for(7, unit));
  }
}

TEST(TicketValue, RefundsStakesBeyondTheVoidsAllowed) {
  std::vector<TicketFixture> t = random_ticket(6, 3);
  t[0].state = t[1].state = FixtureState::void_unsettled;
  PrizeRules r = rules_for(6, PrizeUnit::line);
  r.refund_beyond_voids = 1;
  const TicketValue v = ticket_value(t, r, 0);
  EXPECT_TRUE(v.refunded);
  EXPECT_EQ(v.expected_prize, 0);
  EXPECT_EQ(v.expected_return, 0);
  r.refund_beyond_voids = 2;
  EXPECT_FALSE(ticket_value(t, r, 0).refunded);
}

// The expected share of a pool among Poisson(λ) others: the closed form against the series and
// against simulation.
TEST(TicketValue, PoolShareAgreesWithSimulation) {
  EXPECT_DOUBLE_EQ(expected_pool_share(0, 1), 1);
  EXPECT_NEAR(expected_pool_share(2.0, 1), (1 - std::exp(-2.0)) / 2.0, 1e-15);
  // the series for m = 1 against the closed form, and the large-λ expansion against the series
  EXPECT_NEAR(expected_pool_share(40.0, 1.0), (1 - std::exp(-40.0)) / 40.0, 1e-15);
  const double below = expected_pool_share(99999.0, 3.0), above = expected_pool_share(100001.0, 3.0);
  EXPECT_NEAR(below / above, 100001.0 / 99999.0, 1e-9);
  EXPECT_NEAR(expected_pool_share(2e9, 2.0), 1e-9, 1e-15);
  std::mt19937 random(5);
  for (const double lambda : {0.05, 0.7, 3.0, 25.0})
    for (const double m : {1.0, 2.0, 3.0}) {
      std::poisson_distribution<int> others(lambda);
      double sum = 0;
      const int draws = 400000;
      for (int i = 0; i < draws; ++i) sum += m / (m + others(random));
      EXPECT_NEAR(expected_pool_share(lambda, m), sum / draws, 0.003) << lambda << " " << m;
    }
}

// A shared all-correct pool: the ticket's value against simulating the outcome and the other
// entries' lines (each drawn from the public pick distribution).
TEST(TicketValue, SharedJackpotAgreesWithSimulatingOtherEntries) {
  const int n = 4;
  std::vector<TicketFixture> t = random_ticket(n, 21);
  PrizeRules r;
  r.fixtures = n;
  r.stake_per_line = 1;
  r.tiers = {{n, true, 1000}};
  r.unit = PrizeUnit::line;
  r.max_lines = 1000;
  const double entries = 30;
  const TicketValue v = ticket_value(t, r, entries);
  std::mt19937 random(8);
  std::uniform_real_distribution<double> u(0, 1);
  std::poisson_distribution<int> entrants(entries);  // the Poisson count the formula assumes
  const auto draw = [&](const Probabilities& p) { const double x = u(random); return x < p[0] ? 0 : x < p[0] + p[1] ? 1 : 2; };
  double sum = 0;
  const int draws = 300000;
  for (int s = 0; s < draws; ++s) {
    std::vector<int> o(n);
    bool ours = true;
    for (int i = 0; i < n; ++i) {
      o[i] = draw(t[i].model);
      ours = ours && ((t[i].selection >> o[i]) & 1u);
    }
    if (!ours) continue;
    int winners = 0;
    for (int e = entrants(random); e > 0; --e) {
      bool all = true;
      for (int i = 0; i < n && all; ++i) all = draw(t[i].public_picks) == o[i];
      winners += all;
    }
    sum += 1000.0 / (1 + winners);
  }
  EXPECT_NEAR(v.expected_prize, sum / draws, 0.02 * v.expected_prize + 0.5);
  // and no other entry: the whole pool on every winning pattern
  EXPECT_NEAR(ticket_value(t, r, 0).expected_prize, 1000 * ticket_value(t, rules_for(n, PrizeUnit::line), 0).best_line_pmf[n], 1e-9);
}

TEST(TicketValue, RefusesWhatDoesNotFitTheRules) {
  const std::vector<TicketFixture> t = random_ticket(5, 1);
  PrizeRules r = rules_for(6, PrizeUnit::line);
  EXPECT_THROW(ticket_value(t, r, 0), std::invalid_argument);  // 5 selections, rules for 6
  r = rules_for(5, PrizeUnit::line);
  EXPECT_THROW(ticket_value(t, r, -1), std::invalid_argument);
  r.max_lines = 1;
  EXPECT_THROW(ticket_value(t, r, 0), std::invalid_argument);  // more lines than allowed
  r = rules_for(5, PrizeUnit::line);
  r.tiers = {{3, false, 100}, {4, false, 50}};
  EXPECT_THROW(ticket_value(t, r, 0), std::invalid_argument);  // not monotone
  r.tiers = {{4, false, 100}, {3, false, 500}};
  EXPECT_THROW(ticket_value(t, r, 0), std::invalid_argument);  // out of order
  EXPECT_THROW(parse_selection("21"), std::invalid_argument);
  EXPECT_THROW(parse_selection("1XX"), std::invalid_argument);
  EXPECT_THROW(parse_selection(""), std::invalid_argument);
  EXPECT_EQ(parse_selection("1X2"), 7u);
  EXPECT_EQ(selection_name(parse_selection("x2")), "X2");
}

}  // namespace
}  // namespace jackpot::core
