// Proper scoring rules for probability forecasts, as scikit-learn computes them
// (docs/formulas/scoring.md), and a compensated sum so that averages over a million rows keep
// every digit the comparison with scikit-learn needs.
#pragma once
#include "core/pure_cpp.hpp"

#include <cfloat>
#include <cstddef>

namespace jackpot::core {

// Neumaier's compensated summation: the error of each addition is carried, so a mean over 10⁶
// rows is exact to a few ulps whatever the order. Deterministic for a fixed order.
struct CompensatedSum {
  double sum = 0, compensation = 0;
  void add(double x);
  void merge(const CompensatedSum& other);
  double value() const { return sum + compensation; }
};

// log_loss clips probabilities to [ε, 1 − ε] with ε = DBL_EPSILON, as scikit-learn's "auto".
inline constexpr double kLogLossEpsilon = DBL_EPSILON;

// Every function throws std::invalid_argument unless each probability is finite and in [0, 1]
// and outcome is in [0, n).

// Σ_k (p_k − [k = outcome])²: the multi-class Brier score of one row.
double brier_score(const double* p, std::size_t n, std::size_t outcome);
// (p − y)²
double brier_score(double p, bool happened);

// −ln q_outcome, q = clip(p, ε, 1 − ε) renormalised to sum 1 (scikit-learn's log_loss).
double log_loss(const double* p, std::size_t n, std::size_t outcome);
// The binary form: p becomes (1 − p, p), then as above.
double log_loss(double p, bool happened);

// Ranked probability score over ordered outcomes: (1/(n − 1)) Σ_{i<n−1} (Σ_{j≤i} p_j − Σ_{j≤i} o_j)².
double ranked_probability_score(const double* p, std::size_t n, std::size_t outcome);

}  // namespace jackpot::core
