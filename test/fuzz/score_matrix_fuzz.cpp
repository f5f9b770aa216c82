// libFuzzer target for the Dixon–Coles score matrix: any λ, μ, ρ and max_goals either give a
// matrix of probabilities summing to 1 whose draw probability dixon_coles_draw_probability
// reproduces, or are refused with std::invalid_argument.
#include <cmath>
#include <stdexcept>

#include "core/score_matrix.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jackpot;
  fuzz::FuzzInput input(data, size);
  const double lambda = input.any_double(), mu = input.any_double(), rho = input.any_double();
  const int max_goals = static_cast<int>(input.byte()) - 20;  // −20 … 235: both sides of [1, 100]
  Eigen::MatrixXd matrix;
  try {
    matrix = core::dixon_coles_score_matrix(lambda, mu, rho, max_goals);
  } catch (const std::invalid_argument&) {
    bool refused = false;
    try {
      core::dixon_coles_draw_probability(lambda, mu, rho, max_goals);
    } catch (const std::invalid_argument&) {
      refused = true;
    }
    fuzz::assert_invariant(refused);  // the same checks
    return 0;
  }
  fuzz::assert_invariant(matrix.rows() == max_goals + 1 && matrix.cols() == max_goals + 1);
  fuzz::assert_invariant(matrix.allFinite());
  fuzz::assert_invariant((matrix.array() >= 0).all() && (matrix.array() <= 1).all());
  fuzz::assert_invariant(std::fabs(matrix.sum() - 1) <= 1e-9);
  const double draw = core::outcome_probabilities(matrix)[1];
  fuzz::assert_invariant(std::fabs(core::dixon_coles_draw_probability(lambda, mu, rho, max_goals) - draw) <= 1e-9);
  return 0;
}
