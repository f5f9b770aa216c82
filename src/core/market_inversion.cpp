#include "core/market_inversion.hpp"

#include "core/boost_math.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/dixon_coles.hpp"
#include "core/json_writer.hpp"

namespace jackpot::core {
namespace {

// P(home), P(away) of the renormalised matrix at (λ, μ), and their derivatives with respect to
// log λ and log μ, in O(max_goals) rather than over every cell: without τ, the home wins sum to
// Σ_x p_x C_{x−1} (C the cumulative q), the away wins to Σ_y q_y D_{y−1} (D the cumulative p) and
// all cells to (Σp)(Σq); the four low-score cells then add (τ − 1)·p_x·q_y. Derivatives use
// ∂p_x/∂log λ = p_x (x − λ), ∂q_y/∂log μ = q_y (y − μ) and τ's own derivatives.
struct OutcomeSums {
  double home, away;                          // P(home), P(away)
  std::array<double, 2> d_home, d_away;       // by (log λ, log μ)
};

// 1/k for the Poisson recurrence: a multiplication instead of a division per term, the
// inversion's most frequent operation.
struct Reciprocals {
  double of[101];
  Reciprocals() {
    of[0] = 0;
    for (int k = 1; k <= 100; ++k) of[k] = 1.0 / k;
  }
};

OutcomeSums outcome_sums(double lambda, double mu, double rho, int max_goals) {
  static const Reciprocals reciprocal;
  double p[101], q[101];
  p[0] = std::exp(-lambda);
  q[0] = std::exp(-mu);
  for (int k = 1; k <= max_goals; ++k) {
    p[k] = p[k - 1] * lambda * reciprocal.of[k];
    q[k] = q[k - 1] * mu * reciprocal.of[k];
  }
  double home = 0, away = 0, d_home[2] = {0, 0}, d_away[2] = {0, 0};
  double sum_p = 0, sum_q = 0, sum_dp = 0, sum_dq = 0;  // running D, C and their derivatives
  for (int k = 0; k <= max_goals; ++k) {
    const double dp = p[k] * (k - lambda), dq = q[k] * (k - mu);
    // home wins with x = k: q summed over y < k; away wins with y = k: p summed over x < k
    home += p[k] * sum_q;
    d_home[0] += dp * sum_q;
    d_home[1] += p[k] * sum_dq;
    away += q[k] * sum_p;
    d_away[0] += q[k] * sum_dp;
    d_away[1] += dq * sum_p;
    sum_p += p[k];
    sum_q += q[k];
    sum_dp += dp;
    sum_dq += dq;
  }
  double total = sum_p * sum_q, d_total[2] = {sum_dp * sum_q, sum_p * sum_dq};
  // The low-score cells: (τ − 1)·p_x·q_y added where x, y ≤ 1.
  for (int x = 0; x <= 1; ++x)
    for (int y = 0; y <= 1; ++y) {
      double tau = dixon_coles_tau(x, y, lambda, mu, rho), d_tau_a = 0, d_tau_b = 0;
      if (x == 0 && y == 0) d_tau_a = d_tau_b = -lambda * mu * rho;
      else if (x == 0 && y == 1) d_tau_a = lambda * rho;
      else if (x == 1 && y == 0) d_tau_b = mu * rho;
      if (tau < 0) tau = d_tau_a = d_tau_b = 0;  // floored, as the score matrix does
      const double pq = p[x] * q[y];
      const double extra = (tau - 1) * pq;
      const double d_a = d_tau_a * pq + (tau - 1) * (x - lambda) * pq;
      const double d_b = d_tau_b * pq + (tau - 1) * (y - mu) * pq;
      total += extra;
      d_total[0] += d_a;
      d_total[1] += d_b;
      if (x > y) {
        home += extra;
        d_home[0] += d_a;
        d_home[1] += d_b;
      } else if (x < y) {
        away += extra;
        d_away[0] += d_a;
        d_away[1] += d_b;
      }
    }
  OutcomeSums s{home / total, away / total, {}, {}};
  for (int k = 0; k < 2; ++k) {
    s.d_home[k] = (d_home[k] * total - home * d_total[k]) / (total * total);
    s.d_away[k] = (d_away[k] * total - away * d_total[k]) / (total * total);
  }
  return s;
}

std::string describe(const Probabilities& p) {
  return describe_number(p[0]) + ", " + describe_number(p[1]) + ", " + describe_number(p[2]);
}

}  // namespace

MarketInversion expected_goals_of_outcomes(const Probabilities& target, double rho, int max_goals) {
  for (const double v : target)
    if (!(v > 0 && v < 1)) throw std::invalid_argument("outcome probabilities must lie in (0, 1), not " + describe(target));
  if (std::abs(target[0] + target[1] + target[2] - 1) > 1e-9)
    throw std::invalid_argument("outcome probabilities must sum to 1, not " + describe(target));
  if (!std::isfinite(rho)) throw std::invalid_argument("rho must be finite");
  if (max_goals < 2 || max_goals > 100) throw std::invalid_argument("max_goals must lie in [2, 100]");

  // Start from the normal approximation of the goal difference X − Y (mean λ − μ, variance
  // λ + μ) with a continuity correction: P(home) = Φ((m − ½)/√v), P(away) = Φ((−m − ½)/√v) give
  // √v = −1/(z_h + z_a) and m = ½ + z_h √v. Where that is no pair of positive rates, 1.3 goals a
  // side split by the ratio of home to away wins. Only the number of Newton steps depends on it.
  double a = std::log(1.3) + 0.5 * std::log(target[0] / target[2]);
  double b = std::log(1.3) - 0.5 * std::log(target[0] / target[2]);
  {
    const double z_home = -std::sqrt(2.0) * boost::math::erfc_inv(2 * target[0]);
    const double z_away = -std::sqrt(2.0) * boost::math::erfc_inv(2 * target[2]);
    const double root_v = -1 / (z_home + z_away), v = root_v * root_v, m = 0.5 + z_home * root_v;
    const double lambda0 = (v + m) / 2, mu0 = (v - m) / 2;
    if (lambda0 > 0.05 && mu0 > 0.05 && lambda0 < max_goals && mu0 < max_goals) {
      a = std::log(lambda0);
      b = std::log(mu0);
    }
  }
  // Each trial point's sums give both its error and, once accepted, the next step's Jacobian.
  const auto sums_at = [&](double la, double lb) { return outcome_sums(std::exp(la), std::exp(lb), rho, max_goals); };
  const auto error_of = [&](const OutcomeSums& s) { return std::max(std::abs(s.home - target[0]), std::abs(s.away - target[2])); };
  OutcomeSums s = sums_at(a, b);
  double error = error_of(s);
  int iterations = 0;
  // Stops at an error of a few units in the last place of the probabilities (at most 1): no step
  // can do better than rounding.
  constexpr double kRounding = 4 * std::numeric_limits<double>::epsilon();
  for (int stalled = 0; iterations < 200 && stalled < 3 && error > kRounding; ++iterations) {
    const double r0 = s.home - target[0], r1 = s.away - target[2];
    const double det = s.d_home[0] * s.d_away[1] - s.d_home[1] * s.d_away[0];
    if (!(std::abs(det) > 0) || !std::isfinite(det)) break;
    double step_a = -(r0 * s.d_away[1] - r1 * s.d_home[1]) / det;
    double step_b = -(s.d_home[0] * r1 - s.d_away[0] * r0) / det;
    // Damped: at most one unit of log-rate a step, halved until the error does not grow.
    const double longest = std::max(std::abs(step_a), std::abs(step_b));
    if (longest > 1) {
      step_a /= longest;
      step_b /= longest;
    }
    OutcomeSums trial = sums_at(a + step_a, b + step_b);
    double next = error_of(trial);
    // Newton converges quadratically: a full step that no longer lowers an error already at the
    // level of rounding means the last bits are reached, and halving it would only search noise.
    if (!(next < error) && error < 1e-13) break;
    for (int halving = 0; halving < 40 && !(next < error); ++halving) {
      step_a /= 2;
      step_b /= 2;
      trial = sums_at(a + step_a, b + step_b);
      next = error_of(trial);
    }
    if (!(next <= error)) {
      ++stalled;
      continue;
    }
    stalled = next < error ? 0 : stalled + 1;
    a += step_a;
    b += step_b;
    error = next;
    s = trial;
    if (std::abs(a) > 6 || std::abs(b) > 6) break;  // rates beyond e^±6: no matrix reproduces it
  }
  // The residual over all three outcomes at the accepted point (its sums are the score matrix's
  // own, cell for cell: the unit tests compare them with dixon_coles_score_matrix).
  const double lambda = std::exp(a), mu = std::exp(b);
  const double residual = std::isfinite(lambda) && std::isfinite(mu) && lambda < 2.0 * max_goals && mu < 2.0 * max_goals
                              ? std::max(error, std::abs(1 - s.home - s.away - target[1]))
                              : INFINITY;
  if (!(residual <= 1e-9))
    throw std::invalid_argument("no score matrix up to " + std::to_string(max_goals) + " goals with rho " +
                                describe_number(rho) + " gives the outcome probabilities " + describe(target));
  return {{lambda, mu}, {a, b}, residual, iterations};
}

}  // namespace jackpot::core
