// The τ-corrected Dixon–Coles score matrix P(X = x, Y = y) for x, y in 0 … max_goals, and the
// 1X2 probabilities it implies. The tail beyond max_goals is handled by renormalising the
// truncated matrix to sum 1 (docs/formulas/score-matrix.md).
#pragma once
#include "core/pure_cpp.hpp"

#include <array>

#include "core/eigen.hpp"

namespace jackpot::core {

// What a negative τ means. For given (λ, μ, ρ) it is an input error (refuse). For a fitted
// model's prediction it means a fixture whose rates lie beyond the range the fitted ρ keeps
// feasible (a pairing more lopsided than any it was fitted on): that low score gets probability
// 0 (floor), documented in docs/formulas/dixon-coles.md.
enum class NegativeTau { refuse, floor };

// Row x = home goals, column y = away goals. Throws std::invalid_argument unless λ, μ > 0 are
// finite, max_goals is in [1, 100] and (with refuse) every τ(x, y) is ≥ 0 (within 1e-12: see
// the .cpp).
Eigen::MatrixXd dixon_coles_score_matrix(double lambda, double mu, double rho, int max_goals,
                                         NegativeTau negative_tau = NegativeTau::refuse);

// P(draw) of dixon_coles_score_matrix(λ, μ, ρ, max_goals), without building the matrix (the same
// checks; equal to rounding): for measuring a model's mean draw probability over many matches.
double dixon_coles_draw_probability(double lambda, double mu, double rho, int max_goals,
                                    NegativeTau negative_tau = NegativeTau::refuse);

// P(0), …, P(max_goals) of a Poisson(rate) into out[0..max_goals], by p_k = p_{k-1}·rate/k: the
// rows and columns of every score matrix, computed once here so that all agree to the bit.
void poisson_probabilities(double rate, int max_goals, double* out);

// {P(home win), P(draw), P(away win)} of a score matrix.
std::array<double, 3> outcome_probabilities(const Eigen::MatrixXd& score_matrix);

}  // namespace jackpot::core
