#include "core/backtest.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/dixon_coles_model.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

// Six teams (ids 101…106) playing two matches a day, every day from day 0, goals from a fixed
// seed; the odds are the same on every match.
std::vector<BacktestMatch> league(int days, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::poisson_distribution<int> home_goals(1.5), away_goals(1.1);
  std::vector<BacktestMatch> matches;
  std::int64_t id = 1;
  for (int day = 0; day < days; ++day)
    for (int k = 0; k < 2; ++k) {
      const int home = (day + 2 * k) % 6, away = (day + 2 * k + 1 + day / 6) % 6;
      if (home == away) continue;
      matches.push_back({id++, day, 101 + home, 101 + away, home_goals(rng), away_goals(rng),
                         Probabilities{2.1, 3.4, 3.6}, 0.27});
    }
  return matches;
}

BacktestOptions options(int first_day, int last_day) {
  BacktestOptions o;
  o.first_day = first_day;
  o.last_day = last_day;
  o.step_days = 7;
  o.xi = 0.01;
  return o;
}

void ignore_progress(int, int) {}

TEST(Backtest, RefusesABadWindowStepDecayOrOrder) {
  const std::vector<BacktestMatch> matches = league(60);
  BacktestOptions o = options(50, 40);
  EXPECT_THROW(run_backtest(matches, o, ignore_progress), std::invalid_argument);
  o = options(40, 50);
  o.step_days = 0;
  EXPECT_THROW(run_backtest(matches, o, ignore_progress), std::invalid_argument);
  o = options(40, 50);
  o.xi = std::nan("");
  EXPECT_THROW(run_backtest(matches, o, ignore_progress), std::invalid_argument);
  o.xi = -0.1;
  EXPECT_THROW(run_backtest(matches, o, ignore_progress), std::invalid_argument);
  std::vector<BacktestMatch> unsorted = matches;
  std::swap(unsorted.front(), unsorted.back());
  EXPECT_THROW(run_backtest(unsorted, options(40, 50), ignore_progress), std::invalid_argument);
}

// Every prediction is out of sample: its fit was trained on the matches before its step only,
// and the step contains the match.
TEST(Backtest, EveryPredictionUsesOnlyEarlierMatches) {
  const std::vector<BacktestMatch> matches = league(80);
  const BacktestResult result = run_backtest(matches, options(42, 79), ignore_progress);
  ASSERT_FALSE(result.predictions.empty());
  EXPECT_EQ(result.steps, 6);  // days 42-48, …, 77-79
  for (const BacktestPrediction& p : result.predictions) {
    const BacktestFit& fit = result.fits[p.fit];
    EXPECT_LE(fit.as_of, matches[p.match].day);
    EXPECT_LT(matches[p.match].day, fit.as_of + 7);
  }
  for (const BacktestFit& fit : result.fits) {
    std::size_t earlier = 0;
    for (const BacktestMatch& m : matches) earlier += m.day < fit.as_of;
    EXPECT_EQ(fit.training_matches, earlier) << "as of day " << fit.as_of;
  }
  // every match in the window is predicted once (all six teams are rated from the first step)
  std::size_t in_window = 0;
  for (const BacktestMatch& m : matches) in_window += m.day >= 42 && m.day <= 79;
  EXPECT_EQ(result.predictions.size() + result.skipped, in_window);
  EXPECT_EQ(result.skipped, 0u);
}

// A step's prediction is the fit of that step's training matches, weighted exp(−ξ · days before
// the step), through the score matrix: recomputed here from the core's parts, bit for bit.
TEST(Backtest, APredictionIsTheStepsFitThroughTheScoreMatrix) {
  const std::vector<BacktestMatch> matches = league(50);
  const BacktestOptions o = options(43, 49);
  const BacktestResult result = run_backtest(matches, o, ignore_progress);
  ASSERT_EQ(result.fits.size(), 1u);
  const BacktestFit& fit = result.fits[0];
  std::vector<DixonColesMatch> training;
  for (const BacktestMatch& m : matches)
    if (m.day < 43)
      training.push_back({m.home - 101, m.away - 101, m.home_goals, m.away_goals, decay_weight(o.xi, 43 - m.day)});
  const DixonColesFit direct = fit_dixon_coles(training, 6, o.fit);
  EXPECT_EQ(direct.log_likelihood, fit.fit.log_likelihood);
  for (const BacktestPrediction& p : result.predictions) {
    const BacktestMatch& m = matches[p.match];
    const ExpectedGoals goals =
        expected_goals(fitted_rates(direct), fitted_strength(direct, m.home - 101), fitted_strength(direct, m.away - 101));
    EXPECT_EQ(p.lambda, goals.home);
    EXPECT_EQ(p.mu, goals.away);
    const Probabilities model = outcome_probabilities(
        dixon_coles_score_matrix(goals.home, goals.away, fitted_rates(direct).rho, o.max_goals, NegativeTau::floor));
    EXPECT_EQ(p.sets.model, model);
    ASSERT_TRUE(p.sets.market.has_value());
  }
}

// A market-implied step is fitted on the earlier matches' stored margin-free 1X2 only (a match
// without one is not trained on and is counted): here every earlier match has a different 1X2
// per home team, and the step's fit is the direct fit of those matches, prediction for prediction.
TEST(Backtest, AMarketImpliedStepIsTheDirectFitOfEarlierPrices) {
  std::vector<BacktestMatch> matches = league(50);
  const Probabilities by_home[6] = {{0.5, 0.27, 0.23}, {0.45, 0.28, 0.27}, {0.4, 0.3, 0.3},
                                    {0.55, 0.25, 0.2}, {0.35, 0.3, 0.35}, {0.6, 0.22, 0.18}};
  for (BacktestMatch& m : matches)
    if (m.id % 5 != 0) m.market = by_home[m.home - 101];  // every fifth has none
  BacktestOptions o = options(43, 49);
  o.model_type = ModelType::market_implied;
  o.xi = 0.05;
  const BacktestResult result = run_backtest(matches, o, ignore_progress);
  ASSERT_EQ(result.fits.size(), 1u);
  std::size_t without = 0;
  std::vector<MarketImpliedMatch> training;
  for (const BacktestMatch& m : matches) {
    if (!m.market) ++without;
    if (m.day >= 43 || !m.market) continue;
    const std::optional<ExpectedGoals> rates = implied_log_rates(*m.market, o.market);
    ASSERT_TRUE(rates);
    training.push_back({m.home - 101, m.away - 101, m.home_goals, m.away_goals, decay_weight(o.xi, 43 - m.day), *rates});
  }
  EXPECT_EQ(result.unusable_odds, without);
  EXPECT_EQ(result.fits[0].training_matches, training.size());
  const MarketImpliedFit direct = fit_market_implied(training, 6, o.market);
  ASSERT_FALSE(result.predictions.empty());
  for (const BacktestPrediction& p : result.predictions) {
    const BacktestMatch& m = matches[p.match];
    const ExpectedGoals goals = expected_goals(fitted_rates(direct.model), fitted_strength(direct.model, m.home - 101),
                                               fitted_strength(direct.model, m.away - 101));
    EXPECT_EQ(p.lambda, goals.home);
    EXPECT_EQ(p.mu, goals.away);
    EXPECT_EQ(fitted_rates(result.fits[0].fit).rho, o.market.rho);
  }
}

// A team without min_matches_per_team earlier matches is not rated: its matches are skipped and
// counted, the others still predicted.
TEST(Backtest, ANewTeamsMatchesAreSkippedAndCounted) {
  std::vector<BacktestMatch> matches = league(50);
  matches.push_back({999, 45, 107, 101, 1, 1, std::nullopt, std::nan("")});
  std::stable_sort(matches.begin(), matches.end(), [](const BacktestMatch& a, const BacktestMatch& b) { return a.day < b.day; });
  const BacktestResult result = run_backtest(matches, options(43, 49), ignore_progress);
  EXPECT_EQ(result.skipped, 1u);
  for (const BacktestPrediction& p : result.predictions) EXPECT_NE(matches[p.match].id, 999);
}

TEST(Backtest, ReportsProgressBeforeEachStepAndMayBeStopped) {
  const std::vector<BacktestMatch> matches = league(80);
  std::vector<int> seen;
  run_backtest(matches, options(42, 79), [&](int step, int steps) {
    EXPECT_EQ(steps, 6);
    seen.push_back(step);
  });
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_THROW(run_backtest(matches, options(42, 79), [](int step, int) {
                 if (step == 2) throw std::runtime_error("cancelled");
               }),
               std::runtime_error);
}

}  // namespace
}  // namespace jackpot::core
