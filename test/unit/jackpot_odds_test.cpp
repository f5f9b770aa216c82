#include "core/jackpot_odds.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace jackpot::core {
namespace {

TEST(NumberCorrect, MatchesTheBinomialWhenEveryPickIsEquallyLikely) {
  const std::vector<double> dist = number_correct_distribution(std::vector<double>(5, 0.4));
  ASSERT_EQ(dist.size(), 6u);
  const double binomial[6] = {0.07776, 0.2592, 0.3456, 0.2304, 0.0768, 0.01024};
  for (int k = 0; k <= 5; ++k) EXPECT_NEAR(dist[k], binomial[k], 1e-15) << k;
}

TEST(NumberCorrect, MatchesEnumerationOfEveryOutcome) {
  const std::vector<double> p{0.55, 0.41, 0.62, 0.38, 0.47, 0.71, 0.33};
  std::vector<double> expected(p.size() + 1, 0.0);
  for (unsigned mask = 0; mask < (1u << p.size()); ++mask) {
    double prob = 1;
    int correct = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const bool right = mask & (1u << i);
      prob *= right ? p[i] : 1 - p[i];
      correct += right;
    }
    expected[correct] += prob;
  }
  const std::vector<double> dist = number_correct_distribution(p);
  for (std::size_t k = 0; k < dist.size(); ++k) EXPECT_NEAR(dist[k], expected[k], 1e-15) << k;
  EXPECT_THROW(number_correct_distribution({0.5, 1.5}), std::invalid_argument);
}

// Brute force: every assignment of single/double/treble to every fixture.
Ticket brute_force(const std::vector<Probabilities>& fixtures, std::int64_t max_lines) {
  Ticket best;
  best.p_win = -1;
  std::vector<int> sizes(fixtures.size(), 1);
  while (true) {
    std::int64_t lines = 1;
    double p = 1;
    for (std::size_t i = 0; i < fixtures.size(); ++i) {
      lines *= sizes[i];
      Probabilities sorted = fixtures[i];
      std::sort(sorted.begin(), sorted.end(), std::greater<>());
      p *= sizes[i] == 3 ? 1.0 : sizes[i] == 2 ? sorted[0] + sorted[1] : sorted[0];
    }
    if (lines <= max_lines && (p > best.p_win || (p == best.p_win && lines < best.lines))) {
      best.p_win = p;
      best.lines = lines;
    }
    std::size_t i = 0;
    while (i < sizes.size() && sizes[i] == 3) sizes[i++] = 1;
    if (i == sizes.size()) break;
    ++sizes[i];
  }
  return best;
}

TEST(OptimalTicket, AgreesWithBruteForceOnSmallJackpots) {
  std::mt19937_64 random(20240601);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + trial % 7;
    std::vector<Probabilities> fixtures;
    for (int i = 0; i < n; ++i) {
      const double a = u(random), b = u(random), c = u(random);
      fixtures.push_back({a / (a + b + c), b / (a + b + c), c / (a + b + c)});
    }
    const std::int64_t max_lines = 1 + static_cast<std::int64_t>(trial % 40);
    const Ticket dp = optimal_ticket(fixtures, max_lines);
    const Ticket brute = brute_force(fixtures, max_lines);
    EXPECT_NEAR(dp.p_win, brute.p_win, 1e-15) << "trial " << trial;
    EXPECT_LE(dp.lines, max_lines);
    std::int64_t lines = 1;
    double p = 1;
    for (const TicketLeg& leg : dp.legs) {
      lines *= leg.size;
      p *= leg.probability;
    }
    EXPECT_EQ(lines, dp.lines);
    EXPECT_EQ(p, dp.p_win);  // the reported P(win) is the product of the legs, as multiplied
  }
}

TEST(OptimalTicket, SpendsLinesWhereTheyGainMost) {
  // 4 lines: one double on the most open fixture gains most, but two doubles beat one treble.
  const std::vector<Probabilities> fixtures{{0.8, 0.15, 0.05}, {0.4, 0.35, 0.25}, {0.36, 0.33, 0.31}};
  const Ticket t = optimal_ticket(fixtures, 4);
  EXPECT_EQ(t.lines, 4);
  EXPECT_EQ(t.legs[0].outcomes, 1u);       // home single
  EXPECT_EQ(t.legs[1].outcomes, 0b011u);   // 1X
  EXPECT_EQ(t.legs[2].outcomes, 0b011u);   // 1X
  EXPECT_NEAR(t.p_win, 0.8 * 0.75 * 0.69, 1e-15);
  const Ticket all = optimal_ticket(fixtures, 27);
  EXPECT_EQ(all.p_win, 1.0);
  EXPECT_EQ(all.lines, 27);
  EXPECT_THROW(optimal_ticket(fixtures, 0), std::invalid_argument);
}

TEST(OptimalTicket, HandlesSeventeenFixturesAndThreeToTheSeventeenLines) {
  std::vector<Probabilities> fixtures(17, Probabilities{0.45, 0.3, 0.25});
  const Ticket full = optimal_ticket(fixtures, 129140163);  // 3^17
  EXPECT_EQ(full.lines, 129140163);
  EXPECT_EQ(full.p_win, 1.0);
  const Ticket budget = optimal_ticket(fixtures, 32);
  EXPECT_EQ(budget.lines, 32);  // five doubles
  EXPECT_NEAR(budget.p_win, std::pow(0.75, 5) * std::pow(0.45, 12), 1e-18);
}

TEST(CouponArithmetic, RefusesMoreThanItsLargestCoupon) {
  EXPECT_NO_THROW(number_correct_distribution(std::vector<double>(kMaxCouponFixtures, 0.5)));
  EXPECT_THROW(number_correct_distribution(std::vector<double>(kMaxCouponFixtures + 1, 0.5)), std::invalid_argument);
  EXPECT_THROW(optimal_ticket(std::vector<Probabilities>(kMaxCouponFixtures + 1, Probabilities{0.5, 0.3, 0.2}), 4),
               std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
