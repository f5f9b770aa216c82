// Rolling-origin backtests (docs/backtests.md): at each step the model is refitted on the matches
// before the step only, and the step's matches are predicted under every set, with their closing
// odds as the market. Pure: the adapter reads the matches and writes what this returns.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/league_statistics.hpp"
#include "core/market_implied_ratings.hpp"
#include "core/model_type.hpp"
#include "core/prediction_sets.hpp"

namespace jackpot::core {

struct BacktestMatch {
  std::int64_t id;
  int day;             // days since any fixed epoch
  std::int32_t home, away;  // team ids
  int home_goals, away_goals;
  std::optional<Probabilities> odds;  // closing decimal odds (home, draw, away)
  double market_draw;  // the stored market P(draw), NaN without odds (league statistics)
  std::optional<Probabilities> market = std::nullopt;  // the stored margin-free 1X2: what a
                                                       // market-implied model is trained on
};

struct BacktestOptions {
  int first_day = 0, last_day = 0;  // predict matches on days first_day … last_day
  int step_days = 7;                // refit every step_days
  double xi = 0.0065;
  ModelType model_type = ModelType::dixon_coles;
  DixonColesOptions fit;           // a Dixon–Coles step's options (min_matches_per_team: both types)
  MarketImpliedOptions market;     // a market-implied step's (its max_goals is max_goals below)
  SetParameters sets;
  int league_statistics_days = 365;
  int max_goals = 8;
};

struct BacktestFit {
  int as_of;                          // the step's first day: trained on matches before it
  std::vector<std::int32_t> team_ids; // fit index → team id
  DixonColesFit fit;
  MeasuredLeagueStatistics league;
  std::size_t training_matches = 0;
  bool rho_fixed_fallback = false;    // ρ did not converge inside its feasible interval: fixed instead
};

struct BacktestPrediction {
  std::size_t match;  // index into the matches given
  std::size_t fit;    // index into BacktestResult::fits
  double lambda, mu;
  FixturePrediction sets;
};

struct BacktestResult {
  std::vector<BacktestFit> fits;
  std::vector<BacktestPrediction> predictions;
  int steps = 0;            // steps with matches to predict
  std::size_t skipped = 0;  // matches not predicted: a team without enough earlier matches, or a failed fit
  std::size_t unusable_odds = 0;  // market-implied: matches read without odds or with odds that could not be inverted (never trained on)
  int failed_fits = 0;      // steps with no usable fit (their matches are among the skipped)
};

// matches must be sorted by day. progress(step, steps) is called before each step (it may throw to
// stop). Throws std::invalid_argument for a bad window or step.
BacktestResult run_backtest(const std::vector<BacktestMatch>& matches, const BacktestOptions& options,
                            const std::function<void(int, int)>& progress);

}  // namespace jackpot::core
