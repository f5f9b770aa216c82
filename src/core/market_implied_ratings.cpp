#include "core/market_implied_ratings.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/cholesky.hpp"
#include "core/market_inversion.hpp"

namespace jackpot::core {
namespace {

// θ = [c, h, a_0 … a_{n−1}, d_0 … d_{n−1}]: Dixon–Coles' φ without ρ.
struct Equation {
  Eigen::Index c, h, attack, defence;  // h < 0: the away equation has no home advantage
};

void require_inputs(const std::vector<MarketImpliedMatch>& matches, int team_count, const MarketImpliedOptions& o) {
  if (matches.empty()) throw std::invalid_argument("no matches with usable closing odds to fit");
  if (team_count < 2) throw std::invalid_argument("a fit needs at least two teams");
  if (!(std::isfinite(o.ridge) && o.ridge >= 0)) throw std::invalid_argument("the ridge must be finite and >= 0");
  if (!std::isfinite(o.rho)) throw std::invalid_argument("rho must be finite");
  std::vector<int> played(static_cast<std::size_t>(team_count), 0);
  for (const MarketImpliedMatch& m : matches) {
    if (m.home < 0 || m.home >= team_count || m.away < 0 || m.away >= team_count || m.home == m.away)
      throw std::invalid_argument("a match's team index is out of range or names one team twice");
    if (!(std::isfinite(m.weight) && m.weight >= 0)) throw std::invalid_argument("a match weight must be finite and >= 0");
    if (!(std::isfinite(m.log_rates.home) && std::isfinite(m.log_rates.away)))
      throw std::invalid_argument("a match's implied log-rates must be finite");
    if (m.weight > 0) {
      ++played[static_cast<std::size_t>(m.home)];
      ++played[static_cast<std::size_t>(m.away)];
    }
  }
  for (int i = 0; i < team_count; ++i)
    if (played[static_cast<std::size_t>(i)] < o.min_matches_per_team)
      throw std::invalid_argument("team #" + std::to_string(i) + " has " + std::to_string(played[static_cast<std::size_t>(i)]) +
                                  " matches with usable closing odds; a fit needs at least " +
                                  std::to_string(o.min_matches_per_team) + " per team");
}

// Adds w·x·xᵀ and w·x·y for the equation y = θ_c (+ θ_h) + θ_attack − θ_defence.
void accumulate(Eigen::MatrixXd& normal, Eigen::VectorXd& rhs, const Equation& e, double w, double y) {
  const Eigen::Index index[4] = {e.c, e.h, e.attack, e.defence};
  const double sign[4] = {1, 1, 1, -1};
  for (int i = 0; i < 4; ++i) {
    if (index[i] < 0) continue;
    rhs(index[i]) += w * sign[i] * y;
    for (int j = 0; j < 4; ++j)
      if (index[j] >= 0 && index[j] <= index[i]) normal(index[i], index[j]) += w * sign[i] * sign[j];
  }
}

double predicted(const Eigen::VectorXd& theta, const Equation& e) {
  return theta(e.c) + (e.h >= 0 ? theta(e.h) : 0.0) + theta(e.attack) - theta(e.defence);
}

}  // namespace

std::optional<ExpectedGoals> implied_log_rates(const Probabilities& margin_free, const MarketImpliedOptions& options) {
  try {
    const MarketInversion inverted = expected_goals_of_outcomes(margin_free, options.rho, options.max_goals);
    return inverted.log_goals;
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

MarketImpliedFit fit_market_implied(const std::vector<MarketImpliedMatch>& matches, int team_count,
                                    const MarketImpliedOptions& o) {
  require_inputs(matches, team_count, o);
  const Eigen::Index n = team_count, size = 2 * n + 2;
  const auto home_equation = [n](const MarketImpliedMatch& m) { return Equation{0, 1, 2 + m.home, 2 + n + m.away}; };
  const auto away_equation = [n](const MarketImpliedMatch& m) { return Equation{0, -1, 2 + m.away, 2 + n + m.home}; };

  // The normal equations (XᵀWX + R + C) θ = XᵀW y, lower triangle; R = ridge on the strengths
  // only, which also centres them (shifting every attack by δ and c by −δ fits alike, and the
  // ridge is least at Σ a = 0; likewise Σ d = 0).
  Eigen::MatrixXd normal = Eigen::MatrixXd::Zero(size, size);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(size);
  double sum_weights = 0;
  for (const MarketImpliedMatch& m : matches) {
    accumulate(normal, rhs, home_equation(m), m.weight, m.log_rates.home);
    accumulate(normal, rhs, away_equation(m), m.weight, m.log_rates.away);
    sum_weights += m.weight;
  }
  for (Eigen::Index k = 2; k < size; ++k) normal(k, k) += o.ridge;
  // (Σ a)² + (Σ d)² added to the objective: zero at every optimum that is centred, so the
  // solution is the same, and it removes the two directions the equations cannot see (all
  // attacks up and c down; all defences up and c up), with or without a ridge.
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) {
      normal(2 + i, 2 + j) += 1;
      normal(2 + n + i, 2 + n + j) += 1;
    }
  const Eigen::MatrixXd system = normal.selfadjointView<Eigen::Lower>();
  Eigen::MatrixXd factor = normal;
  if (!cholesky_in_place(factor))
    throw std::invalid_argument("the normal equations are singular: the matches do not connect the teams");
  Eigen::VectorXd theta = rhs;
  cholesky_solve_in_place(factor, theta);
  // The ridge's optimum is centred, but the near-null directions (all attacks up, c down) carry
  // the solve's rounding: centring exactly moves no fitted rate and leaves Σ a = Σ d = 0 as in
  // Dixon–Coles' layout.
  const double mean_attack = theta.segment(2, n).mean(), mean_defence = theta.segment(2 + n, n).mean();
  theta.segment(2, n).array() -= mean_attack;
  theta.segment(2 + n, n).array() -= mean_defence;
  theta(0) += mean_attack - mean_defence;

  MarketImpliedFit fit;
  double rss = 0;
  for (const MarketImpliedMatch& m : matches) {
    const double rh = m.log_rates.home - predicted(theta, home_equation(m));
    const double ra = m.log_rates.away - predicted(theta, away_equation(m));
    rss += m.weight * (rh * rh + ra * ra);
  }
  fit.weighted_rss = rss;
  fit.residual_sd = std::sqrt(rss / std::max(2 * sum_weights - 2.0 * static_cast<double>(n), 1.0));

  // Standard errors: σ̂ √diag((XᵀWX + R + C)⁻¹) (the centred estimator's), from L⁻¹'s columns.
  const Eigen::MatrixXd l_inverse = lower_triangular_inverse(factor);
  DixonColesFit& model = fit.model;
  const DixonColesLayout layout{team_count};
  model.teams = team_count;
  model.phi = Eigen::VectorXd::Zero(layout.size());
  model.phi_se = Eigen::VectorXd::Zero(layout.size());
  model.phi.head(size) = theta;
  model.phi(layout.rho()) = o.rho;
  for (Eigen::Index k = 0; k < size; ++k) model.phi_se(k) = fit.residual_sd * l_inverse.col(k).norm();
  model.gradient_norm = (system * theta - rhs).lpNorm<Eigen::Infinity>();
  model.iterations = 1;
  model.converged = true;
  model.sum_weights = sum_weights;
  model.matches = matches.size();
  std::vector<DixonColesMatch> goals;
  goals.reserve(matches.size());
  for (const MarketImpliedMatch& m : matches) goals.push_back({m.home, m.away, m.home_goals, m.away_goals, m.weight});
  model.log_likelihood = dixon_coles_log_likelihood(goals, layout, model.phi);
  return fit;
}

}  // namespace jackpot::core
