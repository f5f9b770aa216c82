#include "core/fixture_basis.hpp"

#include <stdexcept>

#include "core/json_writer.hpp"
#include "core/margin.hpp"
#include "core/market_inversion.hpp"

namespace jackpot::core {

std::string_view basis_name(Basis basis) {
  switch (basis) {
    case Basis::model: return "model";
    case Basis::market: return "market";
    case Basis::prior: break;
  }
  return "prior";
}

Basis basis_from_name(std::string_view name) {
  if (name == "model") return Basis::model;
  if (name == "market") return Basis::market;
  if (name == "prior") return Basis::prior;
  throw std::invalid_argument("unknown basis \"" + std::string(name) + "\" (model, market or prior)");
}

BasisInputs basis_inputs(Basis basis, const PopulationCounts& population, double rho, int max_goals) {
  if (basis == Basis::model) throw std::invalid_argument("a model basis has no locked inputs");
  if (population.matches <= 0)
    throw std::invalid_argument("no past matches to measure the base rates of a fixture without a model");
  BasisInputs in;
  const double n = static_cast<double>(population.matches);
  LeagueStatistics& s = in.statistics;
  s.base_rates = {(population.home_wins + 1.0) / (n + 3.0), (population.draws + 1.0) / (n + 3.0),
                  (population.away_wins + 1.0) / (n + 3.0)};
  s.draw_rate = s.base_rates[1];
  const double market_draw = population.with_market > 0
                                 ? population.market_draw / static_cast<double>(population.with_market)
                                 : s.draw_rate;
  s.mean_model_draw = basis == Basis::market ? market_draw : s.draw_rate;
  s.mean_market_draw = basis == Basis::market ? market_draw : s.draw_rate;
  in.mean_home_goals = population.home_goals / n;
  in.mean_away_goals = population.away_goals / n;
  in.rho = rho;
  in.max_goals = max_goals;
  in.matches = population.matches;
  return in;
}

BasisInputs market_basis_inputs(const Probabilities& market, double rho, int max_goals) {
  BasisInputs in;
  in.statistics.base_rates = market;
  in.statistics.draw_rate = market[1];
  in.statistics.mean_model_draw = market[1];
  in.statistics.mean_market_draw = market[1];
  const ExpectedGoals goals = expected_goals_of_outcomes(market, rho, max_goals).goals;
  in.mean_home_goals = goals.home;
  in.mean_away_goals = goals.away;
  in.rho = rho;
  in.max_goals = max_goals;
  in.matches = 0;
  return in;
}

std::string basis_inputs_json(const BasisInputs& in) {
  JsonObjectWriter json;
  json.integer("matches", in.matches)
      .number("home_rate", in.statistics.base_rates[0])
      .number("draw_rate", in.statistics.base_rates[1])
      .number("away_rate", in.statistics.base_rates[2])
      .number("mean_model_draw", in.statistics.mean_model_draw)
      .number("mean_market_draw", in.statistics.mean_market_draw)
      .number("mean_home_goals", in.mean_home_goals)
      .number("mean_away_goals", in.mean_away_goals)
      .number("rho", in.rho)
      .integer("max_goals", in.max_goals);
  return json.finish();
}

BasisForecast basis_forecast(Basis basis, const BasisInputs& in, const std::optional<Probabilities>& odds,
                             const SetParameters& parameters) {
  BasisForecast out;
  if (basis == Basis::market) {
    if (!odds) throw std::invalid_argument("a market basis needs the fixture's odds");
    const Probabilities market = remove_margin(*odds, parameters.margin_method);
    out.goals = expected_goals_of_outcomes(market, in.rho, in.max_goals).goals;
    out.prediction = prediction_sets(market, odds, in.statistics, parameters);
  } else if (basis == Basis::prior) {
    out.goals = {in.mean_home_goals, in.mean_away_goals};
    out.prediction = prediction_sets(in.statistics.base_rates, odds, in.statistics, parameters);
  } else {
    throw std::invalid_argument("a model basis is forecast by its model");
  }
  return out;
}

}  // namespace jackpot::core
