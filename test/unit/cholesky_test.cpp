#include "core/cholesky.hpp"

#include <gtest/gtest.h>

namespace jackpot::core {
namespace {

// A symmetric positive definite matrix of the fit's size (41 unknowns: 20 teams), from a fixed
// seed: A Aᵀ + n·I.
Eigen::MatrixXd positive_definite(Eigen::Index n) {
  std::srand(11);
  const Eigen::MatrixXd a = Eigen::MatrixXd::Random(n, n);
  return a * a.transpose() + static_cast<double>(n) * Eigen::MatrixXd::Identity(n, n);
}

TEST(Cholesky, FactorisesAsEigensLltDoes) {
  const Eigen::MatrixXd m = positive_definite(41);
  Eigen::MatrixXd l = m;
  ASSERT_TRUE(cholesky_in_place(l));
  const Eigen::MatrixXd lower = l.triangularView<Eigen::Lower>();
  EXPECT_TRUE((lower * lower.transpose()).isApprox(m, 1e-13));
  EXPECT_TRUE(lower.isApprox(Eigen::MatrixXd(m.llt().matrixL()), 1e-13));
  // the strict upper triangle is left as it was
  EXPECT_TRUE(l.triangularView<Eigen::StrictlyUpper>().toDenseMatrix().isApprox(
      m.triangularView<Eigen::StrictlyUpper>().toDenseMatrix()));
}

TEST(Cholesky, RefusesAMatrixThatIsNotPositiveDefinite) {
  Eigen::MatrixXd m = positive_definite(41);
  m(20, 20) = -1;  // a negative diagonal entry: some direction has negative curvature
  EXPECT_FALSE(cholesky_in_place(m));
  Eigen::MatrixXd singular = Eigen::MatrixXd::Ones(3, 3);
  EXPECT_FALSE(cholesky_in_place(singular));
  Eigen::MatrixXd wide(2, 3);
  EXPECT_THROW(cholesky_in_place(wide), std::invalid_argument);
}

TEST(Cholesky, SolvesTheSystem) {
  const Eigen::MatrixXd m = positive_definite(41);
  const Eigen::VectorXd b = Eigen::VectorXd::LinSpaced(41, -2, 3);
  Eigen::MatrixXd l = m;
  ASSERT_TRUE(cholesky_in_place(l));
  Eigen::VectorXd x = b;
  cholesky_solve_in_place(l, x);
  EXPECT_LE((m * x - b).lpNorm<Eigen::Infinity>(), 1e-12);
}

TEST(Cholesky, InvertsTheFactor) {
  const Eigen::MatrixXd m = positive_definite(69);  // ten seasons' size (34 teams)
  Eigen::MatrixXd l = m;
  ASSERT_TRUE(cholesky_in_place(l));
  const Eigen::MatrixXd lower = l.triangularView<Eigen::Lower>();
  const Eigen::MatrixXd inverse = lower_triangular_inverse(l);
  EXPECT_TRUE((inverse * lower).isApprox(Eigen::MatrixXd::Identity(69, 69), 1e-13));
  EXPECT_TRUE(inverse.triangularView<Eigen::StrictlyUpper>().toDenseMatrix().isZero(0));
  // (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹
  EXPECT_TRUE((inverse.transpose() * inverse).isApprox(m.inverse(), 1e-12));
}

}  // namespace
}  // namespace jackpot::core
