// Market-implied ratings (docs/formulas/market-implied-ratings.md): team strengths learned from
// past matches' closing prices instead of their goals. Each past match's margin-free closing
// 1X2 is inverted into the expected goals (λ, μ) that reproduce it under a Dixon–Coles score
// matrix with a fixed ρ (core/market_inversion.hpp); the strengths are then the weighted
// least-squares fit, with a small ridge on the strengths, of
//     log λ_k = c + h + a_home(k) − d_away(k)      log μ_k = c + a_away(k) − d_home(k),
// solved exactly from its normal equations. The result has Dixon–Coles' own layout (ρ fixed), so
// a market-implied model predicts a match exactly as a Dixon–Coles model does, without that
// match's odds.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstddef>
#include <optional>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/dixon_coles_model.hpp"
#include "core/prediction_sets.hpp"

namespace jackpot::core {

struct MarketImpliedOptions {
  double rho = -0.1;      // the score matrix's ρ, in the inversion and in every prediction
  double ridge = 1e-3;    // added to each strength's diagonal of the normal equations
  int max_goals = 8;
  int min_matches_per_team = 3;
};

// The log expected goals a match's margin-free closing 1X2 implies, inverted exactly. nullopt
// when it cannot be used (not a distribution in (0, 1), or one no score matrix reproduces): such
// a match is skipped.
std::optional<ExpectedGoals> implied_log_rates(const Probabilities& margin_free, const MarketImpliedOptions& options);

struct MarketImpliedMatch {
  int home, away;                // team indexes
  int home_goals, away_goals;    // for the fitted rates' goals log-likelihood only
  double weight;                 // ≥ 0, e.g. exp(−ξ · days before as_of)
  ExpectedGoals log_rates;       // implied_log_rates of its odds
};

struct MarketImpliedFit {
  DixonColesFit model;       // φ in Dixon–Coles' layout with ρ = options.rho (its se 0);
                             // log_likelihood: the goals' under these rates; gradient_norm: the
                             // normal equations' residual max-norm; iterations 1
  double weighted_rss = 0;   // Σ w ((log λ − ŷ_h)² + (log μ − ŷ_a)²)
  double residual_sd = 0;    // σ̂ = √(weighted_rss / max(2 Σ w − 2n, 1)), behind the standard errors
};

// Throws std::invalid_argument (naming "team #i" where it applies) for no matches, a weight that
// is negative or not finite, log-rates that are not finite, a team index out of range, a team
// with fewer than min_matches_per_team matches of positive weight, or a ridge that is negative
// or not finite.
MarketImpliedFit fit_market_implied(const std::vector<MarketImpliedMatch>& matches, int team_count,
                                    const MarketImpliedOptions& options);

}  // namespace jackpot::core
