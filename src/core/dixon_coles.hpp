// Dixon–Coles (1997) model of a football score, fitted by weighted maximum likelihood with an
// exact gradient and Hessian and a safeguarded Newton method (docs/formulas/dixon-coles.md).
//
//   home goals X ~ Poisson(λ), away goals Y ~ Poisson(μ), joint probability × τ(x, y):
//     log λ = c + h + a_home − d_away        log μ = c + a_away − d_home
//     τ(0,0) = 1 − λμρ   τ(0,1) = 1 + λρ   τ(1,0) = 1 + μρ   τ(1,1) = 1 − ρ   τ = 1 otherwise
//   identifiability: Σ a = 0 and Σ d = 0 (the last team's a and d are minus the others' sum)
//   objective: Σ_k w_k log P(x_k, y_k), including the −log x! − log y! terms.
//
// ρ is kept where every τ of every match is ≥ 0, for the fitted λ and μ: the line search rejects
// any trial point outside, so the optimum is never clamped afterwards. Where the likelihood
// rises to the region's edge, the fit is the constrained optimum on it (KKT), found by Newton's
// method with ρ written as a function of the other parameters there.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "core/eigen.hpp"

namespace jackpot::core {

struct DixonColesMatch {
  int home;        // team index, 0 .. team_count − 1
  int away;
  int home_goals;
  int away_goals;
  double weight;   // ≥ 0; e.g. exp(−ξ · days before as_of)
};

// The full parameter vector φ: [c, h, a_0 … a_{n−1}, d_0 … d_{n−1}, ρ], size 2n + 3.
struct DixonColesLayout {
  int teams;
  Eigen::Index size() const { return 2 * teams + 3; }
  Eigen::Index intercept() const { return 0; }
  Eigen::Index home_advantage() const { return 1; }
  Eigen::Index attack(int team) const { return 2 + team; }
  Eigen::Index defence(int team) const { return 2 + teams + team; }
  Eigen::Index rho() const { return 2 + 2 * teams; }
};

// τ(x, y) of the low-score correction.
double dixon_coles_tau(int home_goals, int away_goals, double lambda, double mu, double rho);

// The weighted log-likelihood at φ, or −∞ where some match has τ ≤ 0 in any of its four
// low-score cells (φ outside the feasible region).
double dixon_coles_log_likelihood(const std::vector<DixonColesMatch>& matches,
                                  const DixonColesLayout& layout, const Eigen::VectorXd& phi);

struct DixonColesDerivatives {
  double log_likelihood;
  Eigen::VectorXd gradient;  // with respect to φ
  Eigen::MatrixXd hessian;
};

// Exact value, gradient and Hessian with respect to φ (φ must be feasible).
DixonColesDerivatives dixon_coles_derivatives(const std::vector<DixonColesMatch>& matches,
                                              const DixonColesLayout& layout,
                                              const Eigen::VectorXd& phi);

struct DixonColesOptions {
  bool fit_rho = true;
  double fixed_rho = -0.13;               // used when fit_rho is false
  double initial_home_advantage = 0.35;   // log scale
  double gradient_tolerance = 1e-8;       // max-norm of the gradient in the fitted parameters
  int max_iterations = 100;
  int min_matches_per_team = 3;
};

struct DixonColesFit {
  int teams = 0;
  Eigen::VectorXd phi;     // fitted φ (layout above), Σ a = Σ d = 0
  Eigen::VectorXd phi_se;  // standard errors from the observed information (ρ's 0 if fixed)
  double log_likelihood = 0;
  double gradient_norm = 0;  // final max-norm in the fitted parameters
  int iterations = 0;
  bool converged = false;
  double sum_weights = 0;
  std::size_t matches = 0;
  // Where the likelihood's maximum over ρ's feasible region lies on its edge: the low-score
  // cells with τ = 0 there, each a pair (home, away team indexes) and a cell (0: (0,0),
  // 1: (0,1), 2: (1,0), 3: (1,1)), with its KKT multiplier (≥ 0 to the gradient tolerance). Empty
  // for an interior optimum.
  struct RhoBoundary {
    int home, away, cell;
  };
  struct ActiveCell {
    RhoBoundary cell;
    double multiplier;
  };
  std::vector<ActiveCell> rho_boundary;
};

// Fits the model. Throws std::invalid_argument (a message naming the team index where it
// applies) for: no matches, a negative or non-finite weight, a team index out of range, a team
// with fewer than min_matches_per_team matches of positive weight, a team that never scored or
// never conceded (no finite optimum), teams that form disconnected groups, and a fit that does
// not converge.
DixonColesFit fit_dixon_coles(const std::vector<DixonColesMatch>& matches, int team_count,
                              const DixonColesOptions& options);

// The core names teams by index in its messages ("team #3"); this writes "team <name>" instead,
// names[i] being team i's name (an index without a name is left as it is).
std::string name_teams_in_message(const std::string& message, const std::vector<std::string>& names);

}  // namespace jackpot::core
