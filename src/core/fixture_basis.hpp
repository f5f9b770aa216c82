// What a jackpot fixture's seven sets rest on (docs/prediction-sets.md#bases):
//   model   both teams resolved in one league whose active model rates them: the model's
//           probabilities (pg/model_cache, core/prediction_sets);
//   market  no such model, odds given: the margin-free market stands in for the model, and the
//           expected goals are those whose score matrix reproduces it (core/market_inversion);
//   prior   neither: the base rates of a population of past matches stand in for the model, and
//           their mean goals for the expected goals.
// A fallback basis rests on numbers measured when the jackpot is created and locked with the
// fixture (BasisInputs, stored as jsonb), so that verify_jackpot recomputes its sets bit for bit.
#pragma once
#include "core/pure_cpp.hpp"

#include <optional>
#include <string>
#include <string_view>

#include "core/dixon_coles_model.hpp"
#include "core/prediction_sets.hpp"

namespace jackpot::core {

enum class Basis { model, market, prior };
std::string_view basis_name(Basis basis);
Basis basis_from_name(std::string_view name);  // throws std::invalid_argument

// Counts over a population of past matches (the fixture's league, or every league, over the
// league-statistics window before the fixture's date).
struct PopulationCounts {
  long long matches = 0;
  long long home_wins = 0, draws = 0, away_wins = 0;
  double home_goals = 0, away_goals = 0;   // sums
  long long with_market = 0;
  double market_draw = 0;                  // sum of the margin-free P(draw) of matches with odds
};

// The locked inputs of a market or prior basis.
struct BasisInputs {
  LeagueStatistics statistics;   // for sets C and D, as a model's league statistics
  double mean_home_goals = 0;    // the prior's expected goals
  double mean_away_goals = 0;
  double rho = 0;                // the score matrix of the market's inversion
  int max_goals = 8;
  long long matches = 0;         // the population's size, for the record
};

// A market basis: the base rates (add-one smoothed) and the population's mean market draw stand
// in for the model's league statistics; model and market draw are the same, since the market is
// the model. A prior basis: the base rates are the model, so its mean draw is the draw rate.
// Throws std::invalid_argument for an empty population.
BasisInputs basis_inputs(Basis basis, const PopulationCounts& population, double rho, int max_goals);

// A market basis without any past match to measure: the margin-free market is its own base rates
// and draw statistics (sets C and D then leave it as it is); matches is 0.
BasisInputs market_basis_inputs(const Probabilities& market, double rho, int max_goals);

// {"matches", "home_rate", "draw_rate", "away_rate", "mean_model_draw", "mean_market_draw",
//  "mean_home_goals", "mean_away_goals", "rho", "max_goals"}
std::string basis_inputs_json(const BasisInputs& inputs);

struct BasisForecast {
  ExpectedGoals goals;
  FixturePrediction prediction;
};

// The seven sets of a fixture on a market basis (odds required) or a prior basis (odds, when
// given, enter the sets that use a market, as for a model).
BasisForecast basis_forecast(Basis basis, const BasisInputs& inputs, const std::optional<Probabilities>& odds,
                             const SetParameters& parameters);

}  // namespace jackpot::core
