#include "core/market_inversion.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/dixon_coles.hpp"
#include "core/json_writer.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

// P(home), P(away) of the renormalised matrix at (λ, μ), and their derivatives with respect to
// log λ and log μ: the sums of the unnormalised cells τ·p_x·q_y over home wins, away wins and
// all, with ∂p_x/∂log λ = p_x (x − λ), ∂q_y/∂log μ = q_y (y − μ) and τ's own derivatives.
struct OutcomeSums {
  double home, away;                          // P(home), P(away)
  std::array<double, 2> d_home, d_away;       // by (log λ, log μ)
};

OutcomeSums outcome_sums(double lambda, double mu, double rho, int max_goals) {
  double p[101], q[101];
  poisson_probabilities(lambda, max_goals, p);
  poisson_probabilities(mu, max_goals, q);
  double total = 0, home = 0, away = 0;
  double d_total[2] = {0, 0}, d_home[2] = {0, 0}, d_away[2] = {0, 0};
  for (int x = 0; x <= max_goals; ++x)
    for (int y = 0; y <= max_goals; ++y) {
      double tau = 1, d_tau_a = 0, d_tau_b = 0;
      if (x <= 1 && y <= 1) {
        tau = dixon_coles_tau(x, y, lambda, mu, rho);
        if (x == 0 && y == 0) d_tau_a = d_tau_b = -lambda * mu * rho;
        else if (x == 0 && y == 1) d_tau_a = lambda * rho;
        else if (x == 1 && y == 0) d_tau_b = mu * rho;
        if (tau < 0) tau = d_tau_a = d_tau_b = 0;  // floored, as the score matrix does
      }
      const double cell = tau * p[x] * q[y];
      const double d_a = d_tau_a * p[x] * q[y] + cell * (x - lambda);
      const double d_b = d_tau_b * p[x] * q[y] + cell * (y - mu);
      total += cell;
      d_total[0] += d_a;
      d_total[1] += d_b;
      if (x > y) {
        home += cell;
        d_home[0] += d_a;
        d_home[1] += d_b;
      } else if (x < y) {
        away += cell;
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

// The residual as the engine's own matrix and 1X2 compute it.
double residual_at(double lambda, double mu, double rho, int max_goals, const Probabilities& target) {
  const Probabilities p =
      outcome_probabilities(dixon_coles_score_matrix(lambda, mu, rho, max_goals, NegativeTau::floor));
  return std::max({std::abs(p[0] - target[0]), std::abs(p[1] - target[1]), std::abs(p[2] - target[2])});
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

  // Start from 1.3 goals a side, split by the ratio of home to away wins.
  double a = std::log(1.3) + 0.5 * std::log(target[0] / target[2]);
  double b = std::log(1.3) - 0.5 * std::log(target[0] / target[2]);
  const auto error_at = [&](double la, double lb) {
    const OutcomeSums s = outcome_sums(std::exp(la), std::exp(lb), rho, max_goals);
    return std::max(std::abs(s.home - target[0]), std::abs(s.away - target[2]));
  };
  double error = error_at(a, b);
  int iterations = 0;
  for (int stalled = 0; iterations < 200 && stalled < 3 && error > 0; ++iterations) {
    const OutcomeSums s = outcome_sums(std::exp(a), std::exp(b), rho, max_goals);
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
    double next = error_at(a + step_a, b + step_b);
    for (int halving = 0; halving < 40 && !(next < error); ++halving) {
      step_a /= 2;
      step_b /= 2;
      next = error_at(a + step_a, b + step_b);
    }
    if (!(next <= error)) {
      ++stalled;
      continue;
    }
    stalled = next < error ? 0 : stalled + 1;
    a += step_a;
    b += step_b;
    error = next;
    if (std::abs(a) > 6 || std::abs(b) > 6) break;  // rates beyond e^±6: no matrix reproduces it
  }
  const double lambda = std::exp(a), mu = std::exp(b);
  const double residual = std::isfinite(lambda) && std::isfinite(mu) && lambda < 2.0 * max_goals && mu < 2.0 * max_goals
                              ? residual_at(lambda, mu, rho, max_goals, target)
                              : INFINITY;
  if (!(residual <= 1e-9))
    throw std::invalid_argument("no score matrix up to " + std::to_string(max_goals) + " goals with rho " +
                                describe_number(rho) + " gives the outcome probabilities " + describe(target));
  return {{lambda, mu}, residual, iterations};
}

}  // namespace jackpot::core
