// A fitted Dixon–Coles model as everything downstream of the fit uses it: its rates, the
// expected goals of a pair, the decay weight of a past match, and the one JSON form of a fit
// (docs/formulas/dixon-coles.md). The fit writes it, prediction reads it back from the models
// table, backtests and league statistics compute with it: the formulas live here only.
#pragma once
#include "core/pure_cpp.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/json_writer.hpp"

namespace jackpot::core {

// A team's strengths on the log-rate scale.
struct TeamStrength {
  double attack;
  double defence;
};

// The model's rates shared by every pair: c, h and ρ.
struct DixonColesRates {
  double intercept;
  double home_advantage;
  double rho;
};

struct ExpectedGoals {
  double home;  // λ
  double away;  // μ
};

// log λ = c + h + a_home − d_away, log μ = c + a_away − d_home.
inline ExpectedGoals expected_goals(const DixonColesRates& rates, const TeamStrength& home, const TeamStrength& away) {
  return {std::exp(rates.intercept + rates.home_advantage + home.attack - away.defence),
          std::exp(rates.intercept + away.attack - home.defence)};
}

// The weight of a match days_before days before as_of: exp(−ξ · days).
inline double decay_weight(double xi, int days_before) { return std::exp(-xi * days_before); }

// Throws std::invalid_argument unless ξ is a finite decay rate ≥ 0 per day.
void require_decay_rate(double xi);

DixonColesRates fitted_rates(const DixonColesFit& fit);
TeamStrength fitted_strength(const DixonColesFit& fit, int team);

// The fit's estimates and how they were reached, as members of json: rho, home_advantage,
// intercept and their standard errors, log_likelihood, iterations, gradient_norm, converged,
// rho_boundary (its teams written as team_values[index] under home_key and away_key), n_matches
// and sum_weights. Every record of a fit (a model, a backtest's fit, the aggregate's result)
// writes these members through this function.
void write_fit_members(JsonObjectWriter& json, const DixonColesFit& fit, const std::vector<std::string>& team_values,
                       const char* home_key, const char* away_key);

// {key: {"attack", "defence", "attack_se", "defence_se"}, ...} per team, keys[index] naming team
// index (a team id, or a name).
std::string team_strengths_json(const DixonColesFit& fit, const std::vector<std::string>& keys);

}  // namespace jackpot::core
