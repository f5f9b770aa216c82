// Cholesky factorisation for the Dixon–Coles fit's dense systems (40 to 70 unknowns: a league's
// attacks and defences). Eigen's LLT switches to its blocked algorithm from 32 unknowns on, whose
// bookkeeping costs more than the arithmetic at these sizes (measured 2.5× slower at 41 unknowns);
// these call its unblocked kernel directly.
#pragma once

#include "core/eigen.hpp"

namespace jackpot::core {

// Factorises a symmetric m = L Lᵀ in place, reading and writing its lower triangle only (the
// strict upper triangle keeps its values). False when m is not positive definite.
bool cholesky_in_place(Eigen::MatrixXd& m);

// Solves L Lᵀ x = b in place (x holds b on entry), L from cholesky_in_place.
void cholesky_solve_in_place(const Eigen::MatrixXd& l, Eigen::VectorXd& x);

// L⁻¹, lower triangular, by forward substitution one column at a time from its diagonal down:
// the inverse of L Lᵀ is L⁻ᵀ L⁻¹, so its entries are inner products of L⁻¹'s columns.
Eigen::MatrixXd lower_triangular_inverse(const Eigen::MatrixXd& l);

}  // namespace jackpot::core
