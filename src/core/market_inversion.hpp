// The expected goals a market's 1X2 implies (docs/formulas/market-inversion.md): the (λ, μ)
// whose τ-corrected, renormalised score matrix (core/score_matrix.hpp, negative τ floored) gives
// exactly the margin-free home, draw and away probabilities. Two equations, P(home) and P(away)
// (the draw follows, as the three sum to 1), in two unknowns, solved by Newton's method on
// (log λ, log μ) with the exact Jacobian, to the last bits of the probabilities.
#pragma once
#include "core/pure_cpp.hpp"

#include "core/dixon_coles_model.hpp"
#include "core/prediction_sets.hpp"

namespace jackpot::core {

struct MarketInversion {
  ExpectedGoals goals;
  ExpectedGoals log_goals;  // (log λ, log μ) as solved: exactly what goals exponentiates
  double residual;   // max |P(outcome) − target| at the solution
  int iterations;
};

// Throws std::invalid_argument for probabilities that are not a distribution over three outcomes
// in (0, 1), or that no score matrix up to max_goals with this ρ reproduces (the draw
// probability beyond what tiny rates give, or rates beyond the matrix).
MarketInversion expected_goals_of_outcomes(const Probabilities& outcomes, double rho, int max_goals);

}  // namespace jackpot::core
