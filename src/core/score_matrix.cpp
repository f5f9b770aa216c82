#include "core/score_matrix.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/dixon_coles.hpp"

namespace jackpot::core {

namespace {
// Poisson probabilities 0 … n by the recurrence p_k = p_{k−1} λ / k (exact to rounding).
Eigen::VectorXd poisson_column(double rate, int n) {
  Eigen::VectorXd p(n + 1);
  p(0) = std::exp(-rate);
  for (int k = 1; k <= n; ++k) p(k) = p(k - 1) * rate / k;
  return p;
}
}  // namespace

Eigen::MatrixXd dixon_coles_score_matrix(double lambda, double mu, double rho, int max_goals) {
  if (!(std::isfinite(lambda) && lambda > 0 && std::isfinite(mu) && mu > 0))
    throw std::invalid_argument("expected goals lambda and mu must be finite and positive");
  if (!std::isfinite(rho)) throw std::invalid_argument("rho must be finite");
  if (max_goals < 1 || max_goals > 100)
    throw std::invalid_argument("max_goals " + std::to_string(max_goals) + " is outside [1, 100]");
  const Eigen::VectorXd home = poisson_column(lambda, max_goals);
  const Eigen::VectorXd away = poisson_column(mu, max_goals);
  Eigen::MatrixXd matrix = home * away.transpose();
  for (int x = 0; x <= 1; ++x)
    for (int y = 0; y <= 1; ++y) {
      double tau = dixon_coles_tau(x, y, lambda, mu, rho);
      // A model fitted on the edge of ρ's feasible region has τ = 0 in one cell of one pair; λ
      // recomputed in another order can land a few units in the last place below.
      if (tau < 0 && tau > -1e-12) tau = 0;
      if (!(tau >= 0))
        throw std::invalid_argument("rho " + std::to_string(rho) +
                                    " gives a negative low-score probability for these expected goals");
      matrix(x, y) *= tau;
    }
  return matrix / matrix.sum();
}

std::array<double, 3> outcome_probabilities(const Eigen::MatrixXd& m) {
  double home = 0, draw = 0, away = 0;
  for (Eigen::Index x = 0; x < m.rows(); ++x)
    for (Eigen::Index y = 0; y < m.cols(); ++y) {
      if (x > y) home += m(x, y);
      else if (x == y) draw += m(x, y);
      else away += m(x, y);
    }
  return {home, draw, away};
}

}  // namespace jackpot::core
