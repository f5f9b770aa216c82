#include "core/league_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

// A fitted model written by hand: two teams, no strengths, so every match has the same rates.
DixonColesFit flat_fit() {
  DixonColesFit fit;
  fit.teams = 2;
  const DixonColesLayout layout{2};
  fit.phi = Eigen::VectorXd::Zero(layout.size());
  fit.phi(layout.intercept()) = std::log(1.2);
  fit.phi(layout.home_advantage()) = 0.25;
  fit.phi(layout.rho()) = -0.1;
  return fit;
}

TEST(LeagueStatistics, CountsOnlyTheWindowWithAddOneSmoothing) {
  const std::vector<DixonColesMatch> matches{{0, 1, 2, 0, 1}, {1, 0, 1, 1, 1}, {0, 1, 0, 3, 1}, {1, 0, 1, 1, 1}};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<LeagueWindowMatch> window{{400, 0.2}, {30, 0.3}, {20, nan}, {10, 0.25}};
  const MeasuredLeagueStatistics m = measure_league_statistics(matches, window, flat_fit(), 365, 8);
  EXPECT_EQ(m.matches, 3);  // the match 400 days back is outside
  EXPECT_DOUBLE_EQ(m.statistics.base_rates[0], (0 + 1.0) / 6);
  EXPECT_DOUBLE_EQ(m.statistics.base_rates[1], (2 + 1.0) / 6);
  EXPECT_DOUBLE_EQ(m.statistics.base_rates[2], (1 + 1.0) / 6);
  EXPECT_EQ(m.statistics.draw_rate, m.statistics.base_rates[1]);
  const double draw = outcome_probabilities(dixon_coles_score_matrix(1.2 * std::exp(0.25), 1.2, -0.1, 8))[1];
  EXPECT_NEAR(m.statistics.mean_model_draw, draw, 1e-15);
  // the match without odds contributes the model's draw probability to the market mean
  EXPECT_NEAR(m.statistics.mean_market_draw, (0.3 + draw + 0.25) / 3, 1e-15);
}

TEST(LeagueStatistics, AnEmptyWindowFallsBackToEveryTrainingMatch) {
  const std::vector<DixonColesMatch> matches{{0, 1, 2, 0, 1}, {1, 0, 1, 1, 1}};
  const std::vector<LeagueWindowMatch> window{{500, 0.2}, {400, 0.3}};
  EXPECT_EQ(measure_league_statistics(matches, window, flat_fit(), 365, 8).matches, 2);
  EXPECT_THROW(measure_league_statistics(matches, {{1, 0.2}}, flat_fit(), 365, 8), std::invalid_argument);
}

}  // namespace
}  // namespace jackpot::core
