// The only way the engine includes Boost.Math. Every error policy is made explicit: Boost must
// throw (domain → std::domain_error, overflow → std::overflow_error, evaluation →
// boost::math::evaluation_error), never abort, never return a silent NaN or infinity that would
// be stored as a probability. Double arithmetic is not promoted to long double, so results are
// the same on every x86-64 build and as fast as plain double code.
#pragma once
#include "core/pure_cpp.hpp"

#if defined(BOOST_MATH_POLICY_HPP)
#error "include core/boost_math.hpp before any Boost.Math header, so that its error policies apply"
#endif

#define BOOST_MATH_DOMAIN_ERROR_POLICY throw_on_error
#define BOOST_MATH_POLE_ERROR_POLICY throw_on_error
#define BOOST_MATH_OVERFLOW_ERROR_POLICY throw_on_error
#define BOOST_MATH_EVALUATION_ERROR_POLICY throw_on_error
#define BOOST_MATH_ROUNDING_ERROR_POLICY throw_on_error
#define BOOST_MATH_INDETERMINATE_RESULT_ERROR_POLICY throw_on_error
#define BOOST_MATH_UNDERFLOW_ERROR_POLICY ignore_error
#define BOOST_MATH_DENORM_ERROR_POLICY ignore_error
#define BOOST_MATH_PROMOTE_DOUBLE_POLICY false

#include <boost/math/policies/policy.hpp>
#include <boost/math/policies/error_handling.hpp>
