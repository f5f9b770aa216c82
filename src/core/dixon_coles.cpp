#include "core/dixon_coles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace jackpot::core {

namespace {

// d log τ and d² log τ with respect to (η1 = log λ, η2 = log μ, ρ), for the observed cell.
struct TauTerms {
  double log_tau = 0;
  double g[3] = {0, 0, 0};
  double h[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
};

// From τ and its first (t) and second (tt) derivatives: g = t/τ, h = tt/τ − t tᵀ/τ².
TauTerms log_tau_terms(int x, int y, double lambda, double mu, double rho) {
  TauTerms out;
  double tau = 1, t[3] = {0, 0, 0}, tt[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  if (x == 0 && y == 0) {
    const double u = lambda * mu * rho;  // dλ/dη1 = λ, dμ/dη2 = μ
    tau = 1 - u;
    t[0] = -u; t[1] = -u; t[2] = -lambda * mu;
    tt[0][0] = -u; tt[1][1] = -u; tt[0][1] = tt[1][0] = -u;
    tt[0][2] = tt[2][0] = -lambda * mu; tt[1][2] = tt[2][1] = -lambda * mu;
  } else if (x == 0 && y == 1) {
    tau = 1 + lambda * rho;
    t[0] = lambda * rho; t[2] = lambda;
    tt[0][0] = lambda * rho; tt[0][2] = tt[2][0] = lambda;
  } else if (x == 1 && y == 0) {
    tau = 1 + mu * rho;
    t[1] = mu * rho; t[2] = mu;
    tt[1][1] = mu * rho; tt[1][2] = tt[2][1] = mu;
  } else if (x == 1 && y == 1) {
    tau = 1 - rho;
    t[2] = -1;
  } else {
    return out;
  }
  out.log_tau = std::log(tau);
  for (int a = 0; a < 3; ++a) {
    out.g[a] = t[a] / tau;
    for (int b = 0; b < 3; ++b) out.h[a][b] = tt[a][b] / tau - t[a] * t[b] / (tau * tau);
  }
  return out;
}

bool low_score_cells_positive(double lambda, double mu, double rho) {
  return 1 - lambda * mu * rho > 0 && 1 + lambda * rho > 0 && 1 + mu * rho > 0 && 1 - rho > 0;
}

// φ = T θ: θ holds c, h, a_0 … a_{n−2}, d_0 … d_{n−2} and, when fitted, ρ.
Eigen::MatrixXd reduction_matrix(const DixonColesLayout& layout, bool fit_rho) {
  const int n = layout.teams;
  const Eigen::Index free_size = 2 * n + (fit_rho ? 1 : 0);
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(layout.size(), free_size);
  t(layout.intercept(), 0) = 1;
  t(layout.home_advantage(), 1) = 1;
  for (int i = 0; i < n - 1; ++i) {
    t(layout.attack(i), 2 + i) = 1;
    t(layout.attack(n - 1), 2 + i) = -1;
    t(layout.defence(i), 2 + (n - 1) + i) = 1;
    t(layout.defence(n - 1), 2 + (n - 1) + i) = -1;
  }
  if (fit_rho) t(layout.rho(), free_size - 1) = 1;
  return t;
}

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument(why); }

void validate(const std::vector<DixonColesMatch>& matches, int team_count, const DixonColesOptions& options) {
  if (team_count < 2) refuse("a Dixon-Coles fit needs at least two teams");
  if (matches.empty()) refuse("a Dixon-Coles fit needs at least one match");
  std::vector<int> played(team_count, 0);
  std::vector<double> scored(team_count, 0), conceded(team_count, 0);
  std::vector<int> group(team_count);
  std::iota(group.begin(), group.end(), 0);
  const auto root = [&](int i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (const DixonColesMatch& m : matches) {
    if (m.home < 0 || m.home >= team_count || m.away < 0 || m.away >= team_count || m.home == m.away)
      refuse("a match has an invalid pair of team indexes");
    if (m.home_goals < 0 || m.away_goals < 0) refuse("goals must not be negative");
    if (!std::isfinite(m.weight) || m.weight < 0) refuse("match weights must be finite and non-negative");
    if (m.weight == 0) continue;
    ++played[m.home];
    ++played[m.away];
    scored[m.home] += m.weight * m.home_goals;
    scored[m.away] += m.weight * m.away_goals;
    conceded[m.home] += m.weight * m.away_goals;
    conceded[m.away] += m.weight * m.home_goals;
    group[root(m.home)] = root(m.away);
  }
  for (int i = 0; i < team_count; ++i) {
    if (played[i] < options.min_matches_per_team)
      refuse("team #" + std::to_string(i) + " has " + std::to_string(played[i]) +
             " matches; a fit needs at least " + std::to_string(options.min_matches_per_team) + " per team");
    if (scored[i] == 0) refuse("team #" + std::to_string(i) + " scored no goal: its attack has no finite estimate");
    if (conceded[i] == 0) refuse("team #" + std::to_string(i) + " conceded no goal: its defence has no finite estimate");
  }
  for (int i = 1; i < team_count; ++i)
    if (root(i) != root(0))
      refuse("the teams form disconnected groups (team #" + std::to_string(i) +
             " never meets team #0 through any chain of matches): their strengths are not comparable");
}

}  // namespace

double dixon_coles_tau(int x, int y, double lambda, double mu, double rho) {
  if (x == 0 && y == 0) return 1 - lambda * mu * rho;
  if (x == 0 && y == 1) return 1 + lambda * rho;
  if (x == 1 && y == 0) return 1 + mu * rho;
  if (x == 1 && y == 1) return 1 - rho;
  return 1;
}

double dixon_coles_log_likelihood(const std::vector<DixonColesMatch>& matches,
                                  const DixonColesLayout& layout, const Eigen::VectorXd& phi) {
  const double c = phi(layout.intercept()), h = phi(layout.home_advantage()), rho = phi(layout.rho());
  double total = 0;
  for (const DixonColesMatch& m : matches) {
    const double eta1 = c + h + phi(layout.attack(m.home)) - phi(layout.defence(m.away));
    const double eta2 = c + phi(layout.attack(m.away)) - phi(layout.defence(m.home));
    const double lambda = std::exp(eta1), mu = std::exp(eta2);
    if (!low_score_cells_positive(lambda, mu, rho)) return -std::numeric_limits<double>::infinity();
    const double tau = dixon_coles_tau(m.home_goals, m.away_goals, lambda, mu, rho);
    total += m.weight * (m.home_goals * eta1 - lambda - std::lgamma(m.home_goals + 1.0) +
                         m.away_goals * eta2 - mu - std::lgamma(m.away_goals + 1.0) + std::log(tau));
  }
  return total;
}

DixonColesDerivatives dixon_coles_derivatives(const std::vector<DixonColesMatch>& matches,
                                              const DixonColesLayout& layout,
                                              const Eigen::VectorXd& phi) {
  DixonColesDerivatives d{0, Eigen::VectorXd::Zero(layout.size()),
                          Eigen::MatrixXd::Zero(layout.size(), layout.size())};
  const double c = phi(layout.intercept()), h = phi(layout.home_advantage()), rho = phi(layout.rho());
  const Eigen::Index r = layout.rho();
  for (const DixonColesMatch& m : matches) {
    const double eta1 = c + h + phi(layout.attack(m.home)) - phi(layout.defence(m.away));
    const double eta2 = c + phi(layout.attack(m.away)) - phi(layout.defence(m.home));
    const double lambda = std::exp(eta1), mu = std::exp(eta2);
    const TauTerms tau = log_tau_terms(m.home_goals, m.away_goals, lambda, mu, rho);
    const double w = m.weight;
    d.log_likelihood += w * (m.home_goals * eta1 - lambda - std::lgamma(m.home_goals + 1.0) +
                             m.away_goals * eta2 - mu - std::lgamma(m.away_goals + 1.0) + tau.log_tau);
    // derivatives in (η1, η2, ρ)
    const double g1 = m.home_goals - lambda + tau.g[0];
    const double g2 = m.away_goals - mu + tau.g[1];
    const double gr = tau.g[2];
    const double h11 = -lambda + tau.h[0][0], h22 = -mu + tau.h[1][1], h12 = tau.h[0][1];
    const double h1r = tau.h[0][2], h2r = tau.h[1][2], hrr = tau.h[2][2];
    // η1 = c + h + a_home − d_away, η2 = c + a_away − d_home
    const Eigen::Index v1[4] = {layout.intercept(), layout.home_advantage(), layout.attack(m.home), layout.defence(m.away)};
    const double s1[4] = {1, 1, 1, -1};
    const Eigen::Index v2[3] = {layout.intercept(), layout.attack(m.away), layout.defence(m.home)};
    const double s2[3] = {1, 1, -1};
    for (int i = 0; i < 4; ++i) d.gradient(v1[i]) += w * g1 * s1[i];
    for (int i = 0; i < 3; ++i) d.gradient(v2[i]) += w * g2 * s2[i];
    d.gradient(r) += w * gr;
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) d.hessian(v1[i], v1[j]) += w * h11 * s1[i] * s1[j];
      for (int j = 0; j < 3; ++j) {
        d.hessian(v1[i], v2[j]) += w * h12 * s1[i] * s2[j];
        d.hessian(v2[j], v1[i]) += w * h12 * s1[i] * s2[j];
      }
      d.hessian(v1[i], r) += w * h1r * s1[i];
      d.hessian(r, v1[i]) += w * h1r * s1[i];
    }
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) d.hessian(v2[i], v2[j]) += w * h22 * s2[i] * s2[j];
      d.hessian(v2[i], r) += w * h2r * s2[i];
      d.hessian(r, v2[i]) += w * h2r * s2[i];
    }
    d.hessian(r, r) += w * hrr;
  }
  return d;
}

DixonColesFit fit_dixon_coles(const std::vector<DixonColesMatch>& matches, int team_count,
                              const DixonColesOptions& options) {
  validate(matches, team_count, options);
  const DixonColesLayout layout{team_count};
  const Eigen::MatrixXd t = reduction_matrix(layout, options.fit_rho);
  const Eigen::Index free_size = t.cols();

  // Start: the mean goal rate, the configured home advantage, equal teams, ρ = 0 when fitted.
  double goals = 0, weights = 0;
  for (const DixonColesMatch& m : matches) {
    goals += m.weight * (m.home_goals + m.away_goals);
    weights += m.weight;
  }
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(free_size);
  theta(1) = options.initial_home_advantage;
  theta(0) = std::log(std::max(goals / (2 * weights), 1e-3)) - options.initial_home_advantage / 2;
  const auto phi_of = [&](const Eigen::VectorXd& th) {
    Eigen::VectorXd phi = t * th;
    if (!options.fit_rho) phi(layout.rho()) = options.fixed_rho;
    return phi;
  };
  if (!std::isfinite(dixon_coles_log_likelihood(matches, layout, phi_of(theta))))
    throw std::invalid_argument("the fixed rho " + std::to_string(options.fixed_rho) +
                                " makes a low-score probability negative for these matches");

  DixonColesFit fit;
  fit.teams = team_count;
  fit.matches = matches.size();
  fit.sum_weights = weights;
  Eigen::MatrixXd information;  // −H_θ at the last point
  for (int iteration = 0;; ++iteration) {
    const Eigen::VectorXd phi = phi_of(theta);
    const DixonColesDerivatives d = dixon_coles_derivatives(matches, layout, phi);
    const Eigen::VectorXd gradient = t.transpose() * d.gradient;
    information = -(t.transpose() * d.hessian * t);
    fit.log_likelihood = d.log_likelihood;
    fit.gradient_norm = gradient.lpNorm<Eigen::Infinity>();
    fit.iterations = iteration;
    if (fit.gradient_norm <= options.gradient_tolerance) {
      fit.converged = true;
      break;
    }
    if (iteration == options.max_iterations) break;
    // Newton direction on the (locally) concave log-likelihood; where −H is not positive
    // definite, Levenberg damping makes it so (a step toward steepest ascent).
    Eigen::VectorXd step;
    double damping = 0;
    for (int attempt = 0;; ++attempt) {
      Eigen::MatrixXd m = information;
      m.diagonal().array() += damping;
      const Eigen::LDLT<Eigen::MatrixXd> ldlt(m);
      if (ldlt.info() == Eigen::Success && ldlt.isPositive() && (ldlt.vectorD().array() > 0).all()) {
        step = ldlt.solve(gradient);
        break;
      }
      if (attempt > 60) throw std::invalid_argument("the Dixon-Coles fit failed: no ascent direction");
      damping = damping == 0 ? 1e-8 * std::max(1.0, information.diagonal().cwiseAbs().maxCoeff()) : damping * 10;
    }
    // Backtracking line search (Armijo), rejecting points where some τ ≤ 0. Once the predicted
    // gain is below the rounding noise of the log-likelihood (a sum of thousands of terms), the
    // objective can no longer rank points: the full Newton step is taken if feasible, and the
    // gradient alone decides convergence.
    const double slope = gradient.dot(step);
    if (slope <= 1e-11 * std::max(1.0, std::abs(d.log_likelihood))) {
      const Eigen::VectorXd trial = theta + step;
      if (std::isfinite(dixon_coles_log_likelihood(matches, layout, phi_of(trial)))) {
        theta = trial;
        continue;
      }
    }
    double alpha = 1;
    bool moved = false;
    for (int halving = 0; halving < 60; ++halving, alpha /= 2) {
      const Eigen::VectorXd trial = theta + alpha * step;
      const double value = dixon_coles_log_likelihood(matches, layout, phi_of(trial));
      if (std::isfinite(value) && value >= d.log_likelihood + 1e-4 * alpha * slope) {
        theta = trial;
        moved = true;
        break;
      }
    }
    if (!moved) {
      // At the limit of double precision the objective no longer separates points; the
      // gradient decides whether that is the optimum.
      break;
    }
  }
  if (!fit.converged)
    throw std::invalid_argument("the Dixon-Coles fit did not converge: gradient max-norm " +
                                std::to_string(fit.gradient_norm) + " after " +
                                std::to_string(fit.iterations) + " iterations");
  fit.phi = phi_of(theta);
  const Eigen::MatrixXd covariance_free = information.ldlt().solve(Eigen::MatrixXd::Identity(free_size, free_size));
  const Eigen::MatrixXd covariance = t * covariance_free * t.transpose();
  fit.phi_se = covariance.diagonal().cwiseMax(0).cwiseSqrt();
  return fit;
}

}  // namespace jackpot::core
