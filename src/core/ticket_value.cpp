#include "core/ticket_value.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/jackpot_odds.hpp"

namespace jackpot::core {
namespace {

// Per fixture: the probability the ticket's selection is right (P_i), the probability a public
// line is right there (q_i), and whether a right selection leaves a wrong pick on the ticket.
struct FixtureOdds {
  double hit = 0, public_hit = 0;
  int size = 0;
  int right_when_hit = 1;  // picks that are right when the fixture is a hit: all of them on a void
  bool can_miss_when_hit = false;
};

FixtureOdds odds_of(const TicketFixture& f) {
  FixtureOdds o;
  o.size = selection_size(f.selection);
  if (f.state == FixtureState::void_unsettled) {  // every pick counts as correct
    o.hit = 1;
    o.public_hit = 1;
    o.right_when_hit = o.size;
    return o;
  }
  if (f.state == FixtureState::played) {
    o.hit = (f.selection >> f.result) & 1u ? 1.0 : 0.0;
    o.public_hit = f.public_picks[static_cast<std::size_t>(f.result)];
  } else {
    for (int k = 0; k < 3; ++k) {
      if ((f.selection >> k) & 1u) o.hit += f.model[static_cast<std::size_t>(k)];
      o.public_hit += f.model[static_cast<std::size_t>(k)] * f.public_picks[static_cast<std::size_t>(k)];
    }
  }
  // three probabilities summing to 1 within rounding can add up to 1 + 2⁻⁵²
  o.hit = std::min(o.hit, 1.0);
  o.public_hit = std::min(o.public_hit, 1.0);
  o.can_miss_when_hit = o.size >= 2;
  return o;
}

// [z^k] Π_i (P_i r_i z + s_i − P_i r_i), r_i the picks right on a hit (1; s_i on a void).
std::vector<double> expected_line_counts(const std::vector<FixtureOdds>& odds) {
  std::vector<double> poly{1.0};
  for (const FixtureOdds& o : odds) {
    std::vector<double> next(poly.size() + 1, 0.0);
    const double right = o.hit * o.right_when_hit;
    for (std::size_t k = 0; k < poly.size(); ++k) {
      next[k] += poly[k] * (o.size - right);
      next[k + 1] += poly[k] * right;
    }
    poly.swap(next);
  }
  return poly;
}

// E[N_k N_l] = [z^k w^l] Π_i (P_i (r_i z + a_i)(r_i w + a_i) + (1 − P_i) s_i²), a_i = s_i − r_i.
std::vector<std::vector<double>> line_count_moments(const std::vector<FixtureOdds>& odds) {
  const std::size_t n = odds.size();
  std::vector<std::vector<double>> m(n + 1, std::vector<double>(n + 1, 0.0));
  m[0][0] = 1;
  std::size_t degree = 0;
  for (const FixtureOdds& o : odds) {
    const double r = o.right_when_hit, a = o.size - r, miss = (1 - o.hit) * o.size * o.size;
    for (std::size_t k = degree + 1; k-- > 0;)
      for (std::size_t l = degree + 1; l-- > 0;) {
        const double v = m[k][l];
        if (v == 0) continue;
        m[k][l] = v * (o.hit * a * a + miss);
        m[k + 1][l] += v * o.hit * r * a;
        m[k][l + 1] += v * o.hit * a * r;
        m[k + 1][l + 1] += v * o.hit * r * r;
      }
    ++degree;
  }
  return m;
}

// P(hits = m, hits that leave a wrong pick = d), over (m, d).
std::vector<std::vector<double>> hit_states(const std::vector<FixtureOdds>& odds) {
  const std::size_t n = odds.size();
  std::vector<std::vector<double>> p(n + 1, std::vector<double>(n + 1, 0.0));
  p[0][0] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const FixtureOdds& o = odds[i];
    for (std::size_t m = i + 1; m-- > 0;)
      for (std::size_t d = m + 1; d-- > 0;) {
        const double v = p[m][d];
        if (v == 0) continue;
        p[m][d] = v * (1 - o.hit);
        p[m + 1][d + (o.can_miss_when_hit ? 1 : 0)] += v * o.hit;
      }
  }
  return p;
}

// The all-correct tier's shared pool: Σ over the ticket's winning patterns of P(pattern) ×
// pool × E[m / (m + K)], walking the selections depth first with the running products kept per
// depth (a pattern costs one multiplication a level and one share).
double top_pool_value(const std::vector<TicketFixture>& fixtures, double pool, double entries, PrizeUnit unit) {
  struct Option {
    double model, public_pick;
  };
  const std::size_t n = fixtures.size();
  std::vector<std::vector<Option>> options(n);
  double ours = 1;  // our winning lines per pattern: a void multiplies them
  for (std::size_t i = 0; i < n; ++i) {
    const TicketFixture& f = fixtures[i];
    if (f.state == FixtureState::void_unsettled) {
      options[i].push_back({1.0, 1.0});
      if (unit == PrizeUnit::line) ours *= selection_size(f.selection);
      continue;
    }
    for (int k = 0; k < 3; ++k) {
      if (!((f.selection >> k) & 1u)) continue;
      const double pm = f.state == FixtureState::played ? (k == f.result ? 1.0 : 0.0) : f.model[static_cast<std::size_t>(k)];
      if (pm > 0) options[i].push_back({pm, f.public_picks[static_cast<std::size_t>(k)]});
    }
    if (options[i].empty()) return 0;  // no pattern of the ticket can be all correct
  }
  std::int64_t patterns = 1;
  for (const auto& o : options) {
    patterns *= static_cast<std::int64_t>(o.size());
    if (patterns > kMaxPoolPatterns)
      throw std::invalid_argument("a shared all-correct pool is valued over at most " + std::to_string(kMaxPoolPatterns) +
                                  " winning patterns; this ticket has more");
  }
  std::vector<std::size_t> at(n, 0);
  std::vector<double> model(n + 1, 1.0), public_pick(n + 1, 1.0);  // products of levels 0 … i − 1
  for (std::size_t i = 0; i < n; ++i) {
    model[i + 1] = model[i] * options[i][0].model;
    public_pick[i + 1] = public_pick[i] * options[i][0].public_pick;
  }
  double total = 0;
  for (;;) {
    total += model[n] * expected_pool_share(entries * public_pick[n], ours);
    // the next pattern: the deepest level with an option left moves on, the levels below restart
    std::size_t i = n;
    while (i > 0 && at[i - 1] + 1 == options[i - 1].size()) --i;
    if (i == 0) break;
    ++at[i - 1];
    for (std::size_t j = i - 1; j < n; ++j) {
      if (j >= i) at[j] = 0;
      const Option& o = options[j][at[j]];
      model[j + 1] = model[j] * o.model;
      public_pick[j + 1] = public_pick[j] * o.public_pick;
    }
  }
  return pool * total;
}

}  // namespace

double expected_pool_share(double lambda, double m) {
  if (!(lambda >= 0) || !std::isfinite(lambda)) throw std::invalid_argument("a pool's expected number of other winners must be finite and >= 0");
  if (lambda == 0) return 1.0;
  if (m == 1) return lambda < 1e-8 ? 1 - lambda / 2 : -std::expm1(-lambda) / lambda;
  if (lambda > 1e5) {
    // f(k) = m / (m + k) about k = λ: E f(K) = f(λ) + f''(λ) λ / 2 + O(λ² f⁗) = m/(m+λ) + mλ/(m+λ)³,
    // the rest a relative 1e-15 at this λ (and the window sum below would take √λ terms).
    const double s = m + lambda;
    return m / s + m * lambda / (s * s * s);
  }
  // Σ_k e^−λ λ^k / k! · m / (m + k) over k within λ ± 12√λ + 40: the Poisson mass outside is
  // below 1e-30. Each term from its logarithm, so a large λ neither underflows e^−λ nor overflows.
  const double spread = 12 * std::sqrt(lambda) + 40;
  const long first = static_cast<long>(std::max(0.0, std::floor(lambda - spread)));
  const long last = static_cast<long>(std::ceil(lambda + spread));
  double sum = 0;
  for (long k = first; k <= last; ++k) {
    const double log_pmf = -lambda + static_cast<double>(k) * std::log(lambda) - std::lgamma(static_cast<double>(k) + 1);
    sum += std::exp(log_pmf) * m / (m + static_cast<double>(k));
  }
  return sum;
}

TicketValue ticket_value(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries,
                         TicketValueParts parts) {
  validate_prize_rules(rules);
  const std::size_t n = fixtures.size();
  if (static_cast<int>(n) != rules.fixtures)
    throw std::invalid_argument("the ticket has " + std::to_string(n) + " selections; the rules are for coupons of " +
                                std::to_string(rules.fixtures) + " fixtures");
  if (!(std::isfinite(entries) && entries >= 0)) throw std::invalid_argument("entries must be a number >= 0");
  TicketValue v;
  std::vector<FixtureOdds> odds;
  odds.reserve(n);
  v.lines = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const TicketFixture& f = fixtures[i];
    if (f.selection == 0 || f.selection > 7) throw std::invalid_argument("fixture " + std::to_string(i + 1) + " has no valid selection");
    const std::string fixture = "fixture " + std::to_string(i + 1) + ":";
    require_distribution(f.model.data(), 3, (fixture + " the outcome").c_str());
    require_distribution(f.public_picks.data(), 3, (fixture + " the public pick").c_str());
    if (f.state == FixtureState::played && (f.result < 0 || f.result > 2))
      throw std::invalid_argument("fixture " + std::to_string(i + 1) + " is played but has no result");
    if (f.state == FixtureState::void_unsettled) ++v.voids;
    v.lines *= selection_size(f.selection);
    odds.push_back(odds_of(f));
  }
  if (v.lines < rules.min_lines || v.lines > rules.max_lines)
    throw std::invalid_argument("the ticket has " + std::to_string(v.lines) + " lines; the rules allow " + std::to_string(rules.min_lines) +
                                " .. " + std::to_string(rules.max_lines));
  v.cost = static_cast<double>(v.lines) * rules.stake_per_line;

  std::vector<double> hits, public_hits;
  for (const FixtureOdds& o : odds) {
    hits.push_back(o.hit);
    public_hits.push_back(o.public_hit);
  }
  v.best_line_pmf = number_correct_distribution(hits);
  v.expected_lines = expected_line_counts(odds);
  v.tier_probability.assign(rules.tiers.size(), 0.0);
  if (rules.refund_beyond_voids && v.voids > *rules.refund_beyond_voids) {
    v.refunded = true;
    v.expected_return = 0;  // the stakes come back; nothing is won
    return v;
  }

  // The value of one winner of each tier; the shared all-correct tier's pool is valued exactly
  // over its patterns, the lower shared tiers with K at its mean, λ_k = N · P(a public line has k).
  const std::vector<double> public_pmf = number_correct_distribution(public_hits);
  std::vector<double> per_winner(n + 1, 0.0);
  std::vector<char> is_tier(n + 1, 0);
  double top_pool = 0;
  bool top_shared = false;
  for (const PrizeTier& t : rules.tiers) {
    is_tier[static_cast<std::size_t>(t.correct)] = 1;
    if (t.shared && t.correct == static_cast<int>(n)) {
      top_shared = true;
      top_pool = top_pool_value(fixtures, t.amount, entries, rules.unit);
    } else {
      per_winner[static_cast<std::size_t>(t.correct)] =
          t.shared ? t.amount * expected_pool_share(entries * public_pmf[static_cast<std::size_t>(t.correct)], 1.0) : t.amount;
    }
  }

  const auto hit_state = parts.tiers ? hit_states(odds) : std::vector<std::vector<double>>();
  for (std::size_t r = 0; r < rules.tiers.size() && parts.tiers; ++r) {
    const int k = rules.tiers[r].correct;
    if (rules.unit == PrizeUnit::ticket) {
      v.tier_probability[r] = v.best_line_pmf[static_cast<std::size_t>(k)];
    } else {  // some line has exactly k correct: k of the m hits right, the other m − k picked wrong
      for (std::size_t m = 0; m <= n; ++m)
        for (std::size_t d = 0; d <= m; ++d)
          if (static_cast<int>(m) >= k && static_cast<int>(m - d) <= k) v.tier_probability[r] += hit_state[m][d];
    }
  }
  for (std::size_t m = 0; m <= n && parts.tiers; ++m)
    for (std::size_t d = 0; d <= m; ++d) {
      bool any = false;
      for (std::size_t c = m - d; c <= m && !any; ++c) any = is_tier[c];
      if (rules.unit == PrizeUnit::ticket) any = is_tier[m];  // only the best line counts
      if (any) v.p_any_prize += hit_state[m][d];
    }

  // The all-correct shared tier enters the mean exactly (its value per winner times the chance of
  // a winner is top_pool) and the standard deviation at that value per winner.
  double mean = 0, second = 0;
  if (rules.unit == PrizeUnit::ticket) {
    if (top_shared && v.best_line_pmf[n] > 0) per_winner[n] = top_pool / v.best_line_pmf[n];
    for (std::size_t k = 0; k <= n; ++k) {
      mean += v.best_line_pmf[k] * per_winner[k];
      second += v.best_line_pmf[k] * per_winner[k] * per_winner[k];
    }
  } else {
    if (top_shared && v.expected_lines[n] > 0) per_winner[n] = top_pool / v.expected_lines[n];
    for (std::size_t k = 0; k <= n; ++k) mean += v.expected_lines[k] * per_winner[k];
    if (parts.spread) {
      const auto moments = line_count_moments(odds);
      for (std::size_t k = 0; k <= n; ++k)
        for (std::size_t l = 0; l <= n; ++l) second += per_winner[k] * per_winner[l] * moments[k][l];
    }
  }
  v.expected_prize = mean;
  if (parts.spread) v.prize_sd = std::sqrt(std::max(second - mean * mean, 0.0));
  v.expected_return = v.expected_prize - v.cost;
  return v;
}

}  // namespace jackpot::core
