#include "core/prediction_sets.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/json_writer.hpp"

namespace jackpot::core {

namespace {

Probabilities normalised(const Probabilities& w) {
  const double sum = w[0] + w[1] + w[2];
  return {w[0] / sum, w[1] / sum, w[2] / sum};
}

void require_open_unit(const Probabilities& p, const char* what) {
  for (const double v : p)
    if (!(v > 0.0 && v < 1.0))
      throw std::invalid_argument(std::string(what) + " has the probability " + describe_number(v) +
                                  ", outside (0, 1)");
}

void require_open_unit(const Probabilities& p, int set) {
  for (const double v : p)
    if (!(v > 0.0 && v < 1.0)) require_open_unit(p, (std::string("set ") + prediction_set_letter(set)).c_str());
}

void require_in(double value, double lo, double hi, const char* name) {
  if (!(value >= lo && value <= hi))
    throw std::invalid_argument(std::string(name) + " " + describe_number(value) + " is outside [" +
                                describe_number(lo) + ", " + describe_number(hi) + "]");
}

}  // namespace

namespace {

void require_alpha_within_cap(double alpha, double max_market_weight) {
  require_in(alpha, 0.0, 1.0, "blend alpha");
  if (1.0 - alpha > max_market_weight)
    throw std::invalid_argument("blend alpha " + describe_number(alpha) + " gives the market the weight " +
                                describe_number(1.0 - alpha) + ", above jackpot.max_market_weight " +
                                describe_number(max_market_weight) + "; use alpha >= 1 - jackpot.max_market_weight");
}

}  // namespace

void require_distribution(const double* p, std::size_t n, const char* what) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(p[i] >= 0.0 && p[i] <= 1.0))
      throw std::invalid_argument(std::string(what) + " probability " + std::to_string(i + 1) + " is " +
                                  describe_number(p[i]) + ", outside [0, 1]");
    sum += p[i];
  }
  if (!(std::abs(sum - 1.0) <= 1e-9))
    throw std::invalid_argument(std::string(what) + " probabilities sum to " + describe_number(sum) + ", not 1");
}

void blend(const double* model, const double* market, double* out, std::size_t n, double alpha,
           double max_market_weight) {
  if (n < 2) throw std::invalid_argument("a blend needs at least 2 outcomes");
  require_alpha_within_cap(alpha, max_market_weight);
  require_distribution(model, n, "model");
  require_distribution(market, n, "market");
  for (std::size_t i = 0; i < n; ++i) out[i] = alpha * model[i] + (1.0 - alpha) * market[i];
}

Probabilities blend(const Probabilities& model, const Probabilities& market, double alpha,
                    double max_market_weight) {
  require_alpha_within_cap(alpha, max_market_weight);
  return {alpha * model[0] + (1.0 - alpha) * market[0], alpha * model[1] + (1.0 - alpha) * market[1],
          alpha * model[2] + (1.0 - alpha) * market[2]};
}

void validate_set_parameters(const SetParameters& parameters) {
  require_alpha_within_cap(parameters.blend_alpha, parameters.max_market_weight);
  require_in(parameters.max_market_weight, 0.0, 1.0, "jackpot.max_market_weight");
  require_in(parameters.conservative_shrinkage, 0.0, 0.95, "jackpot.conservative_shrinkage");
  require_in(parameters.entropy_gamma, 1.0, 10.0, "jackpot.entropy_gamma");
  if (!(parameters.entropy_gamma > 1.0)) throw std::invalid_argument("jackpot.entropy_gamma must be greater than 1");
}

FixturePrediction prediction_sets(const Probabilities& model, const std::optional<Probabilities>& odds,
                                  const LeagueStatistics& league, const SetParameters& parameters) {
  validate_set_parameters(parameters);
  require_open_unit(model, "the model");
  require_open_unit(league.base_rates, "the league's base rates");
  if (!(league.mean_model_draw > 0 && league.mean_market_draw > 0))
    throw std::invalid_argument("the model's league statistics have no mean predicted draw probability");

  FixturePrediction out;
  out.model = model;
  if (odds) {
    out.market = remove_margin(*odds, parameters.margin_method);
    require_open_unit(*out.market, "the market (after margin removal)");
  }
  using S = PredictionSet;
  const double alpha = parameters.blend_alpha;
  out[S::A] = {model, 1.0};                                           // A: pure model

  out[S::B] = out.market ? SetPrediction{blend(model, *out.market, alpha, parameters.max_market_weight), alpha}
                         : SetPrediction{model, 1.0};                 // B: market-aware

  const double cautious_alpha = 1.0 - parameters.max_market_weight;   // C: conservative
  const Probabilities cautious = out.market ? blend(model, *out.market, cautious_alpha, parameters.max_market_weight)
                                            : model;
  const double k = parameters.conservative_shrinkage;
  out[S::C] = {{(1 - k) * cautious[0] + k * league.base_rates[0], (1 - k) * cautious[1] + k * league.base_rates[1],
                (1 - k) * cautious[2] + k * league.base_rates[2]},
               out.market ? cautious_alpha : 1.0};

  const Probabilities& b = out[S::B].probs;
  const std::optional<double> b_alpha = out[S::B].blend_alpha;
  // D: draw-boosted. Over the league's recent matches the mean draw probability of B is the
  // same linear pool of the model's and the market's means, so s makes that mean the observed rate.
  const double mean_b_draw = out.market ? alpha * league.mean_model_draw + (1 - alpha) * league.mean_market_draw
                                        : league.mean_model_draw;
  const double s = league.draw_rate / mean_b_draw;
  out[S::D] = {normalised({b[0], s * b[1], b[2]}), b_alpha};

  const double g = parameters.entropy_gamma;                          // E: sharpened
  out[S::E] = {normalised({std::pow(b[0], g), std::pow(b[1], g), std::pow(b[2], g)}), b_alpha};

  Probabilities tilted = b;                                           // F: Kelly-weighted
  if (odds)
    for (int i = 0; i < 3; ++i) {
      const double o = (*odds)[i];
      const double kelly = (model[i] * o - 1.0) / (o - 1.0);
      if (kelly > 0) tilted[i] = b[i] * (1.0 + kelly);
    }
  out[S::F] = {normalised(tilted), b_alpha};

  // G: the log-linear pool (geometric mean) of every set before it, A–F.
  constexpr int pooled = prediction_set_index(S::G);
  Probabilities log_pool{};
  for (int i = 0; i < 3; ++i) {
    double sum = 0;
    for (int set = 0; set < pooled; ++set) sum += std::log(out.sets[static_cast<std::size_t>(set)].probs[i]);
    log_pool[i] = std::exp(sum / static_cast<double>(pooled));
  }
  out[S::G] = {normalised(log_pool), std::nullopt};

  for (int set = 0; set < kPredictionSets; ++set)
    require_open_unit(out.sets[static_cast<std::size_t>(set)].probs, set);
  return out;
}

}  // namespace jackpot::core
