#include "core/eigen.hpp"

namespace jackpot::core {

void throw_eigen_assertion(const char* condition, const char* file, int line) {
  throw AssertionFailure(std::string("Eigen assertion failed: ") + condition + " (" + file + ":" +
                         std::to_string(line) + ")");
}

}  // namespace jackpot::core
