#include "core/jackpot_odds.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace jackpot::core {

namespace {
void check_coupon_size(std::size_t n) {
  if (n > kMaxCouponFixtures)
    throw std::invalid_argument("a coupon of " + std::to_string(n) + " fixtures: at most " +
                                std::to_string(kMaxCouponFixtures) + " are taken");
}
}  // namespace

std::vector<double> number_correct_distribution(const std::vector<double>& p) {
  check_coupon_size(p.size());
  std::vector<double> dist(p.size() + 1, 0.0);
  dist[0] = 1.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] >= 0.0 && p[i] <= 1.0))
      throw std::invalid_argument("pick " + std::to_string(i + 1) + " has a probability outside [0, 1]");
    for (std::size_t k = i + 1; k > 0; --k) dist[k] = dist[k] * (1.0 - p[i]) + dist[k - 1] * p[i];
    dist[0] *= 1.0 - p[i];
  }
  return dist;
}

namespace {

// The outcomes from the most likely (ties: home, draw, away).
std::array<int, 3> ranked_outcomes(const Probabilities& p) {
  std::array<int, 3> order{0, 1, 2};
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b]; });
  return order;
}

// The k most likely outcomes of a fixture, for k = 1, 2, 3.
std::array<TicketLeg, 3> legs_of(const Probabilities& p) {
  const std::array<int, 3> order = ranked_outcomes(p);
  std::array<TicketLeg, 3> legs{};
  unsigned outcomes = 0;
  double probability = 0;
  for (int k = 0; k < 3; ++k) {
    outcomes |= 1u << order[k];
    probability += p[order[k]];
    legs[k] = {outcomes, k + 1, k == 2 ? 1.0 : probability};
  }
  return legs;
}

}  // namespace

std::array<unsigned, 3> most_likely_selections(const Probabilities& p) {
  const std::array<TicketLeg, 3> legs = legs_of(p);
  return {legs[0].outcomes, legs[1].outcomes, legs[2].outcomes};
}

Ticket optimal_ticket(const std::vector<Probabilities>& fixtures, std::int64_t max_lines) {
  if (max_lines < 1) throw std::invalid_argument("max_lines must be at least 1");
  check_coupon_size(fixtures.size());
  for (std::size_t i = 0; i < fixtures.size(); ++i)
    for (const double v : fixtures[i])
      if (!(v >= 0.0 && v <= 1.0))
        throw std::invalid_argument("fixture " + std::to_string(i + 1) + " has a probability outside [0, 1]");
  // The feasible (doubles, trebles) counts: 2^d 3^t <= max_lines, capped by the fixtures.
  const int n = static_cast<int>(fixtures.size());
  int max_d = 0, max_t = 0;
  while (max_d < n && (std::int64_t{2} << max_d) <= max_lines) ++max_d;
  for (std::int64_t l = 3; max_t < n && l <= max_lines; l *= 3) ++max_t;
  const auto lines_of = [](int d, int t) {
    std::int64_t l = std::int64_t{1} << d;
    for (int i = 0; i < t; ++i) l *= 3;
    return l;
  };
  const int width = max_t + 1;
  std::vector<std::vector<double>> best(static_cast<std::size_t>(n) + 1,
                                        std::vector<double>(static_cast<std::size_t>((max_d + 1) * width), -1.0));
  std::vector<std::vector<signed char>> choice(best.size(), std::vector<signed char>(best[0].size(), -1));
  best[0][0] = 1.0;
  std::vector<std::array<TicketLeg, 3>> legs;
  legs.reserve(fixtures.size());
  for (const Probabilities& f : fixtures) legs.push_back(legs_of(f));
  for (int i = 0; i < n; ++i)
    for (int d = 0; d <= max_d; ++d)
      for (int t = 0; t <= max_t; ++t) {
        const double here = best[i][static_cast<std::size_t>(d * width + t)];
        if (here < 0) continue;
        for (int k = 0; k < 3; ++k) {
          const int nd = d + (k == 1), nt = t + (k == 2);
          if (nd > max_d || nt > max_t || lines_of(nd, nt) > max_lines) continue;
          const double value = here * legs[i][k].probability;
          const auto cell = static_cast<std::size_t>(nd * width + nt);
          if (value > best[i + 1][cell]) {  // strict: the first (smaller) leg wins a tie
            best[i + 1][cell] = value;
            choice[i + 1][cell] = static_cast<signed char>(k);
          }
        }
      }
  int best_d = 0, best_t = 0;
  for (int d = 0; d <= max_d; ++d)
    for (int t = 0; t <= max_t; ++t) {
      const double v = best[n][static_cast<std::size_t>(d * width + t)];
      const double incumbent = best[n][static_cast<std::size_t>(best_d * width + best_t)];
      if (v > incumbent || (v == incumbent && v >= 0 && lines_of(d, t) < lines_of(best_d, best_t))) {
        best_d = d;
        best_t = t;
      }
    }
  Ticket ticket;
  ticket.legs.resize(fixtures.size());
  int d = best_d, t = best_t;
  for (int i = n; i > 0; --i) {
    const int k = choice[i][static_cast<std::size_t>(d * width + t)];
    ticket.legs[static_cast<std::size_t>(i - 1)] = legs[static_cast<std::size_t>(i - 1)][k];
    d -= (k == 1);
    t -= (k == 2);
  }
  ticket.lines = lines_of(best_d, best_t);
  ticket.p_win = best[n][static_cast<std::size_t>(best_d * width + best_t)];
  return ticket;
}

}  // namespace jackpot::core
