// The only way the engine includes Eigen. Eigen's default eigen_assert calls assert(), which
// aborts the whole PostgreSQL backend; ours throws, so a violated precondition becomes an error
// for one statement (the guard in src/pg maps it to SQLSTATE XX000). MADlib does the same.
#pragma once
#include "core/pure_cpp.hpp"

#include <stdexcept>
#include <string>

#if defined(EIGEN_WORLD_VERSION) || defined(EIGEN_CORE_H)
#error "include core/eigen.hpp before any Eigen header, so that eigen_assert throws"
#endif

namespace jackpot::core {

// A broken internal invariant (an Eigen precondition): a bug, never a user's bad input.
class AssertionFailure : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void throw_eigen_assertion(const char* condition, const char* file, int line);

}  // namespace jackpot::core

#define eigen_assert(condition)                                                  \
  do {                                                                           \
    if (!(condition))                                                            \
      ::jackpot::core::throw_eigen_assertion(#condition, __FILE__, __LINE__);    \
  } while (false)

#include <Eigen/Dense>
