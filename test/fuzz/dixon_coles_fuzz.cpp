// libFuzzer target for the Dixon–Coles fit on arbitrary match lists (2–8 teams, up to 200 matches
// of any score and weight): a fit either converges, with the gradient max-norm ≤ 1e-8, finite
// parameters and standard errors, and every training pair's score matrix feasible, or it is
// refused with std::invalid_argument.
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/score_matrix.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jackpot;
  fuzz::FuzzInput input(data, size);
  const int teams = 2 + input.byte() % 7;
  core::DixonColesOptions options;
  options.fit_rho = input.byte() % 4 != 0;
  options.fixed_rho = -0.3 + (input.byte() % 61) * 0.01;
  std::vector<core::DixonColesMatch> matches;
  while (input.remaining() >= 4 && matches.size() < 200) {
    const int home = input.byte() % teams;
    const int away = input.byte() % teams;
    const std::uint8_t goals = input.byte();
    const std::uint8_t weight = input.byte();
    // home goals 0–7, or 0–15 when the top bit is set; away goals 0–7; weights 1, 0, tiny, 0 … 2.44
    const int home_goals = goals & 128 ? goals & 15 : goals & 7;
    const double w = weight == 255 ? 1e-300 : weight >= 250 ? 0.0 : weight < 128 ? 1.0 : (weight - 128) / 50.0;
    matches.push_back({home, away, home_goals, (goals >> 4) & 7, w});
  }
  core::DixonColesFit fit;
  try {
    fit = core::fit_dixon_coles(matches, teams, options);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  fuzz::assert_invariant(fit.converged && fit.gradient_norm <= options.gradient_tolerance);
  fuzz::assert_invariant(fit.phi.allFinite() && std::isfinite(fit.log_likelihood));
  fuzz::assert_invariant(fit.phi_se.allFinite() && (fit.phi_se.array() >= 0).all());
  for (const core::DixonColesFit::ActiveCell& active : fit.rho_boundary)
    fuzz::assert_invariant(active.multiplier >= -options.gradient_tolerance);  // KKT, to the tolerance
  const core::DixonColesLayout layout{teams};
  const double c = fit.phi(layout.intercept()), h = fit.phi(layout.home_advantage()), rho = fit.phi(layout.rho());
  for (const core::DixonColesMatch& m : matches) {
    if (m.home == m.away) continue;
    const double lambda = std::exp(c + h + fit.phi(layout.attack(m.home)) - fit.phi(layout.defence(m.away)));
    const double mu = std::exp(c + fit.phi(layout.attack(m.away)) - fit.phi(layout.defence(m.home)));
    try {
      core::dixon_coles_score_matrix(lambda, mu, rho, 100);
    } catch (const std::invalid_argument& e) {
      // rates beyond 100 goals are refused by the matrix (underflow), never a negative τ
      fuzz::assert_invariant(std::string(e.what()).find("underflows") != std::string::npos);
    }
  }
  return 0;
}
