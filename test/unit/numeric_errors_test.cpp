// Eigen and Boost.Math must report errors by throwing, never by aborting the backend.
#include "core/boost_math.hpp"
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "core/eigen.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace jackpot::core {
namespace {

TEST(EigenAssert, OutOfRangeIndexThrowsInsteadOfAborting) {
  Eigen::VectorXd vector = Eigen::VectorXd::Zero(3);
  const Eigen::Index index = 3;
  EXPECT_THROW(vector(index), AssertionFailure);
}

TEST(EigenAssert, MismatchedProductThrows) {
  const Eigen::MatrixXd a = Eigen::MatrixXd::Ones(2, 3);
  const Eigen::MatrixXd b = Eigen::MatrixXd::Ones(2, 3);
  EXPECT_THROW(Eigen::MatrixXd(a * b), AssertionFailure);
}

TEST(BoostMath, DomainErrorThrows) {
  EXPECT_THROW(boost::math::gamma_p(-1.0, 1.0), std::domain_error);
  EXPECT_THROW(boost::math::poisson_distribution<double>(-2.0), std::domain_error);
}

TEST(BoostMath, OverflowThrows) {
  EXPECT_THROW(boost::math::tgamma(1000.0), std::overflow_error);
}

TEST(BoostMath, DoublesAreNotPromoted) {
  // BOOST_MATH_PROMOTE_DOUBLE_POLICY false: double code stays double (fast, same on every build).
  using policy = boost::math::policies::policy<>;
  EXPECT_FALSE(policy::promote_double_type::value);
}

}  // namespace
}  // namespace jackpot::core
