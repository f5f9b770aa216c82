// The seven documented prediction sets A–G of a fixture (docs/prediction-sets.md): pure functions
// of the model probabilities, the bookmaker's odds when given, the settings in force and the
// league statistics stored with the model. Nothing here reads a clock, a table or a setting, so
// verify_jackpot can recompute every stored prediction bit for bit.
#pragma once
#include "core/pure_cpp.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "core/margin.hpp"

namespace jackpot::core {

using Probabilities = std::array<double, 3>;  // home, draw, away

// The seven sets, in the order of the SQL enum jackpot.prediction_set: the one table of their
// letters and names (docs/prediction-sets.md). A set's index is its position here.
enum class PredictionSet { A, B, C, D, E, F, G };
struct PredictionSetInfo {
  char letter;
  const char* name;
};
inline constexpr std::array<PredictionSetInfo, 7> kPredictionSetTable{{{'A', "model"},
                                                                      {'B', "market-aware"},
                                                                      {'C', "conservative"},
                                                                      {'D', "draw-boosted"},
                                                                      {'E', "sharpened"},
                                                                      {'F', "Kelly-weighted"},
                                                                      {'G', "consensus"}}};
inline constexpr int kPredictionSets = static_cast<int>(kPredictionSetTable.size());

constexpr int prediction_set_index(PredictionSet set) { return static_cast<int>(set); }
constexpr char prediction_set_letter(int index) { return kPredictionSetTable[static_cast<std::size_t>(index)].letter; }
// The index of a set's letter, or −1 for any other text.
constexpr int prediction_set_index(std::string_view letter) {
  for (int i = 0; i < kPredictionSets; ++i)
    if (letter.size() == 1 && letter[0] == prediction_set_letter(i)) return i;
  return -1;
}

// Measured by dixon_coles_fit over the league's recent training matches and stored with the model.
struct LeagueStatistics {
  Probabilities base_rates{};     // add-one smoothed home/draw/away frequencies
  double draw_rate = 0;           // base_rates[1]
  double mean_model_draw = 0;     // mean model P(draw) over the same matches
  double mean_market_draw = 0;    // mean market P(draw) over them (the model's where no odds)
};

struct SetParameters {
  double blend_alpha = 0.6;              // jackpot.default_blend_alpha (model weight)
  double max_market_weight = 0.7;        // jackpot.max_market_weight
  double conservative_shrinkage = 0.2;   // jackpot.conservative_shrinkage (set C)
  double entropy_gamma = 1.5;            // jackpot.entropy_gamma (set E)
  MarginMethod margin_method = MarginMethod::shin;  // jackpot.margin_method
};

// Throws std::invalid_argument, naming `what`, unless p[0 … n) each lie in [0, 1] and sum to 1
// within 1e-9.
void require_distribution(const double* p, std::size_t n, const char* what);

// The linear pool α·model + (1 − α)·market. Throws std::invalid_argument when α is outside
// [0, 1] or the market weight 1 − α exceeds max_market_weight (the spec's hard cap: never a
// silent clamp).
Probabilities blend(const Probabilities& model, const Probabilities& market, double alpha,
                    double max_market_weight);

// The same pool over n outcomes, written to out. Also throws unless model and market are each
// probabilities in [0, 1] summing to 1 within 1e-9.
void blend(const double* model, const double* market, double* out, std::size_t n, double alpha,
           double max_market_weight);

struct SetPrediction {
  Probabilities probs{};
  std::optional<double> blend_alpha;  // the model weight of the linear pool behind the set
};

struct FixturePrediction {
  Probabilities model{};                 // set A's input (calibrated model probabilities)
  std::optional<Probabilities> market;   // margin-free odds, when odds were given
  std::array<SetPrediction, kPredictionSets> sets{};
  SetPrediction& operator[](PredictionSet set) { return sets[static_cast<std::size_t>(set)]; }
  const SetPrediction& operator[](PredictionSet set) const { return sets[static_cast<std::size_t>(set)]; }
};

// Throws std::invalid_argument, naming the setting, when the settings cannot make valid sets:
// α outside [0, 1] or above the market-weight cap, κ outside [0, 0.95], γ not in (1, 10].
void validate_set_parameters(const SetParameters& parameters);

// Throws std::invalid_argument for invalid odds, an α that breaks the cap, or settings and
// statistics that would put a set's probability outside (0, 1).
FixturePrediction prediction_sets(const Probabilities& model, const std::optional<Probabilities>& odds,
                                  const LeagueStatistics& league, const SetParameters& parameters);

}  // namespace jackpot::core
