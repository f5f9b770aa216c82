#include "core/dixon_coles_model.hpp"

#include <stdexcept>

#include "core/rho_boundary_json.hpp"

namespace jackpot::core {

void require_decay_rate(double xi) {
  if (!(std::isfinite(xi) && xi >= 0))
    throw std::invalid_argument("xi must be a finite decay rate >= 0 per day, not " + std::to_string(xi));
}

DixonColesRates fitted_rates(const DixonColesFit& fit) {
  const DixonColesLayout layout{fit.teams};
  return {fit.phi(layout.intercept()), fit.phi(layout.home_advantage()), fit.phi(layout.rho())};
}

TeamStrength fitted_strength(const DixonColesFit& fit, int team) {
  const DixonColesLayout layout{fit.teams};
  return {fit.phi(layout.attack(team)), fit.phi(layout.defence(team))};
}

void write_fit_members(JsonObjectWriter& json, const DixonColesFit& fit, const std::vector<std::string>& team_values,
                       const char* home_key, const char* away_key) {
  const DixonColesLayout layout{fit.teams};
  json.number("rho", fit.phi(layout.rho()))
      .number("home_advantage", fit.phi(layout.home_advantage()))
      .number("intercept", fit.phi(layout.intercept()))
      .number("rho_se", fit.phi_se(layout.rho()))
      .number("home_advantage_se", fit.phi_se(layout.home_advantage()))
      .number("intercept_se", fit.phi_se(layout.intercept()))
      // a market-implied fit's rates may leave a training match outside τ's feasible region for
      // the goals' likelihood: there is then no log-likelihood to report
      .number_or_null("log_likelihood", fit.log_likelihood)
      .integer("iterations", fit.iterations)
      .number("gradient_norm", fit.gradient_norm)
      .boolean("converged", fit.converged)
      .raw("rho_boundary", rho_boundary_json(fit, team_values, home_key, away_key))
      .integer("n_matches", static_cast<long long>(fit.matches))
      .number("sum_weights", fit.sum_weights);
}

std::string team_strengths_json(const DixonColesFit& fit, const std::vector<std::string>& keys) {
  const DixonColesLayout layout{fit.teams};
  JsonObjectWriter json;
  for (int i = 0; i < fit.teams; ++i) {
    JsonObjectWriter team;
    team.number("attack", fit.phi(layout.attack(i)))
        .number("defence", fit.phi(layout.defence(i)))
        .number("attack_se", fit.phi_se(layout.attack(i)))
        .number("defence_se", fit.phi_se(layout.defence(i)));
    json.raw(keys.at(static_cast<std::size_t>(i)), team.finish());
  }
  return json.finish();
}

}  // namespace jackpot::core
