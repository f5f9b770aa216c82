#include "core/margin.hpp"

#include <cmath>
#include <stdexcept>

namespace jackpot::core {

std::array<double, 3> remove_margin_multiplicative(const std::array<double, 3>& odds) {
  double booksum = 0.0;
  for (const double o : odds) {
    if (!(std::isfinite(o) && o > 1.0))
      throw std::invalid_argument("decimal odds must be finite and greater than 1");
    booksum += 1.0 / o;
  }
  return {(1.0 / odds[0]) / booksum, (1.0 / odds[1]) / booksum, (1.0 / odds[2]) / booksum};
}

}  // namespace jackpot::core
