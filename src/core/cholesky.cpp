#include "core/cholesky.hpp"

namespace jackpot::core {

bool cholesky_in_place(Eigen::MatrixXd& m) {
  if (m.rows() != m.cols()) throw std::invalid_argument("a Cholesky factorisation needs a square matrix");
  // Eigen's own unblocked kernel: returns −1 on success, else the column where a pivot was ≤ 0.
  return Eigen::internal::llt_inplace<double, Eigen::Lower>::unblocked(m) == -1;
}

void cholesky_solve_in_place(const Eigen::MatrixXd& l, Eigen::VectorXd& x) {
  const auto lower = l.triangularView<Eigen::Lower>();
  lower.solveInPlace(x);
  lower.adjoint().solveInPlace(x);
}

Eigen::MatrixXd lower_triangular_inverse(const Eigen::MatrixXd& l) {
  const Eigen::Index n = l.rows();
  Eigen::MatrixXd inverse = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index k = 0; k < n; ++k) {
    inverse(k, k) = 1;
    l.bottomRightCorner(n - k, n - k).triangularView<Eigen::Lower>().solveInPlace(inverse.col(k).tail(n - k));
  }
  return inverse;
}

}  // namespace jackpot::core
