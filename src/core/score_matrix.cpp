#include "core/score_matrix.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/dixon_coles.hpp"

namespace jackpot::core {

void poisson_probabilities(double rate, int max_goals, double* out) {
  out[0] = std::exp(-rate);
  for (int k = 1; k <= max_goals; ++k) out[k] = out[k - 1] * rate / k;
}

namespace {
// Poisson probabilities 0 … n by the recurrence p_k = p_{k−1} λ / k (exact to rounding).
Eigen::VectorXd poisson_column(double rate, int n) {
  Eigen::VectorXd p(n + 1);
  poisson_probabilities(rate, n, p.data());
  return p;
}
}  // namespace

namespace {

void check_arguments(double lambda, double mu, double rho, int max_goals) {
  if (!(std::isfinite(lambda) && lambda > 0 && std::isfinite(mu) && mu > 0))
    throw std::invalid_argument("expected goals lambda and mu must be finite and positive");
  if (!std::isfinite(rho)) throw std::invalid_argument("rho must be finite");
  if (max_goals < 1 || max_goals > 100)
    throw std::invalid_argument("max_goals " + std::to_string(max_goals) + " is outside [1, 100]");
}

// τ of the cells (0,0), (0,1), (1,0), (1,1). A model fitted on the edge of ρ's feasible region
// has τ = 0 in one cell of one pair; λ recomputed in another order can land a few units in the
// last place below, which is 0 too.
std::array<double, 4> low_score_taus(double lambda, double mu, double rho, NegativeTau negative_tau) {
  std::array<double, 4> taus{};
  for (int cell = 0; cell < 4; ++cell) {
    double tau = dixon_coles_tau(cell >> 1, cell & 1, lambda, mu, rho);
    if (tau < 0 && (tau > -1e-12 || negative_tau == NegativeTau::floor)) tau = 0;
    if (!(tau >= 0))
      throw std::invalid_argument("rho " + std::to_string(rho) +
                                  " gives a negative low-score probability for these expected goals");
    taus[static_cast<std::size_t>(cell)] = tau;
  }
  return taus;
}

// The truncated matrix's total, which renormalises it: with rates far beyond max_goals every
// Poisson term underflows to 0, and 0/0 must not pass for probabilities.
double checked_total(double total, int max_goals) {
  if (!(total > 0 && std::isfinite(total)))
    throw std::invalid_argument("expected goals are too large for a score matrix up to " + std::to_string(max_goals) +
                                " goals: every probability underflows");
  return total;
}

}  // namespace

Eigen::MatrixXd dixon_coles_score_matrix(double lambda, double mu, double rho, int max_goals,
                                         NegativeTau negative_tau) {
  check_arguments(lambda, mu, rho, max_goals);
  const std::array<double, 4> taus = low_score_taus(lambda, mu, rho, negative_tau);
  const Eigen::VectorXd home = poisson_column(lambda, max_goals);
  const Eigen::VectorXd away = poisson_column(mu, max_goals);
  Eigen::MatrixXd matrix = home * away.transpose();
  for (int cell = 0; cell < 4; ++cell) matrix(cell >> 1, cell & 1) *= taus[static_cast<std::size_t>(cell)];
  return matrix / checked_total(matrix.sum(), max_goals);
}

double dixon_coles_draw_probability(double lambda, double mu, double rho, int max_goals, NegativeTau negative_tau) {
  check_arguments(lambda, mu, rho, max_goals);
  const std::array<double, 4> taus = low_score_taus(lambda, mu, rho, negative_tau);
  double home[101], away[101];
  poisson_probabilities(lambda, max_goals, home);
  poisson_probabilities(mu, max_goals, away);
  double home_total = 0, away_total = 0, diagonal = 0;
  for (int k = 0; k <= max_goals; ++k) {
    home_total += home[k];
    away_total += away[k];
    diagonal += home[k] * away[k];
  }
  // The matrix's total and diagonal, with τ's changes to the four low-score cells.
  const double c00 = home[0] * away[0] * (taus[0] - 1), c01 = home[0] * away[1] * (taus[1] - 1);
  const double c10 = home[1] * away[0] * (taus[2] - 1), c11 = home[1] * away[1] * (taus[3] - 1);
  return (diagonal + c00 + c11) / checked_total(home_total * away_total + c00 + c01 + c10 + c11, max_goals);
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
