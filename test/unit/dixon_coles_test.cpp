#include "core/dixon_coles.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/football_data_csv.hpp"
#include "core/score_matrix.hpp"

namespace jackpot::core {
namespace {

// A small league simulated from known parameters (fixed seed: the same data on every run).
struct Simulated {
  int teams;
  Eigen::VectorXd phi;
  std::vector<DixonColesMatch> matches;
};

Simulated simulate(int teams, int rounds, unsigned seed) {
  const DixonColesLayout layout{teams};
  Eigen::VectorXd phi = Eigen::VectorXd::Zero(layout.size());
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> strength(0.0, 0.3);
  for (int i = 0; i < teams; ++i) {
    phi(layout.attack(i)) = strength(rng);
    phi(layout.defence(i)) = strength(rng);
  }
  // sum-to-zero, as the fit reports them
  const double mean_a = phi.segment(2, teams).mean(), mean_d = phi.segment(2 + teams, teams).mean();
  phi.segment(2, teams).array() -= mean_a;
  phi.segment(2 + teams, teams).array() -= mean_d;
  phi(layout.intercept()) = 0.15;
  phi(layout.home_advantage()) = 0.3;
  phi(layout.rho()) = -0.1;
  Simulated s{teams, phi, {}};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int r = 0; r < rounds; ++r)
    for (int home = 0; home < teams; ++home)
      for (int away = 0; away < teams; ++away) {
        if (home == away) continue;
        const double lambda = std::exp(phi(0) + phi(1) + phi(layout.attack(home)) - phi(layout.defence(away)));
        const double mu = std::exp(phi(0) + phi(layout.attack(away)) - phi(layout.defence(home)));
        // draw (x, y) from the τ-corrected matrix by inversion
        const Eigen::MatrixXd m = dixon_coles_score_matrix(lambda, mu, phi(layout.rho()), 15);
        double u = unit(rng), cumulative = 0;
        int x = 0, y = 0;
        for (int i = 0; i <= 15 && cumulative < u; ++i)
          for (int j = 0; j <= 15; ++j) {
            cumulative += m(i, j);
            if (cumulative >= u) { x = i; y = j; break; }
          }
        s.matches.push_back({home, away, x, y, 0.5 + unit(rng)});
      }
  return s;
}

TEST(DixonColesDerivatives, GradientAndHessianMatchFiniteDifferences) {
  const Simulated s = simulate(6, 2, 7);
  const DixonColesLayout layout{6};
  Eigen::VectorXd phi = s.phi;
  phi(layout.attack(2)) += 0.05;  // away from any special point
  const DixonColesDerivatives d = dixon_coles_derivatives(s.matches, layout, phi);
  EXPECT_NEAR(d.log_likelihood, dixon_coles_log_likelihood(s.matches, layout, phi), 1e-9);
  const double step = 1e-5;
  for (Eigen::Index k = 0; k < layout.size(); ++k) {
    Eigen::VectorXd up = phi, down = phi;
    up(k) += step;
    down(k) -= step;
    const double numeric = (dixon_coles_log_likelihood(s.matches, layout, up) -
                            dixon_coles_log_likelihood(s.matches, layout, down)) / (2 * step);
    EXPECT_NEAR(d.gradient(k), numeric, 1e-5 * std::max(1.0, std::abs(numeric))) << "gradient " << k;
    const Eigen::VectorXd numeric_row = (dixon_coles_derivatives(s.matches, layout, up).gradient -
                                         dixon_coles_derivatives(s.matches, layout, down).gradient) / (2 * step);
    for (Eigen::Index j = 0; j < layout.size(); ++j)
      EXPECT_NEAR(d.hessian(k, j), numeric_row(j), 1e-5 * std::max(1.0, std::abs(numeric_row(j))))
          << "hessian " << k << "," << j;
  }
  EXPECT_TRUE(d.hessian.isApprox(d.hessian.transpose(), 1e-12));
}

TEST(DixonColesFit, RecoversSimulatedParameters) {
  const Simulated s = simulate(10, 20, 42);  // 1,800 matches
  const DixonColesFit fit = fit_dixon_coles(s.matches, 10, {});
  ASSERT_TRUE(fit.converged);
  EXPECT_LE(fit.gradient_norm, 1e-8);
  const DixonColesLayout layout{10};
  EXPECT_NEAR(fit.phi(layout.home_advantage()), 0.3, 3 * fit.phi_se(layout.home_advantage()));
  EXPECT_NEAR(fit.phi(layout.rho()), -0.1, 3 * fit.phi_se(layout.rho()));
  for (int i = 0; i < 10; ++i) {
    EXPECT_NEAR(fit.phi(layout.attack(i)), s.phi(layout.attack(i)), 3.5 * fit.phi_se(layout.attack(i))) << i;
    EXPECT_NEAR(fit.phi(layout.defence(i)), s.phi(layout.defence(i)), 3.5 * fit.phi_se(layout.defence(i))) << i;
  }
  EXPECT_NEAR(fit.phi.segment(2, 10).sum(), 0.0, 1e-12);
  EXPECT_NEAR(fit.phi.segment(12, 10).sum(), 0.0, 1e-12);
}

// The standard errors are the square roots of diag(T I⁻¹ Tᵀ), with I = −Tᵀ H T the information
// of the free parameters θ and φ = T θ: computed here with a dense T and a full inverse.
TEST(DixonColesFit, StandardErrorsAreTheInverseInformationsDiagonal) {
  const int teams = 10;
  const Simulated s = simulate(teams, 4, 21);
  const DixonColesFit fit = fit_dixon_coles(s.matches, teams, {});
  ASSERT_TRUE(fit.converged);
  ASSERT_TRUE(fit.rho_boundary.empty());
  const DixonColesLayout layout{teams};
  const Eigen::Index free = 2 + 2 * (teams - 1) + 1;
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(layout.size(), free);
  t(layout.intercept(), 0) = 1;
  t(layout.home_advantage(), 1) = 1;
  for (int i = 0; i < teams - 1; ++i) {
    t(layout.attack(i), 2 + i) = 1;
    t(layout.attack(teams - 1), 2 + i) = -1;  // Σ a = 0
    t(layout.defence(i), 2 + teams - 1 + i) = 1;
    t(layout.defence(teams - 1), 2 + teams - 1 + i) = -1;  // Σ d = 0
  }
  t(layout.rho(), free - 1) = 1;
  const Eigen::MatrixXd hessian = dixon_coles_derivatives(s.matches, layout, fit.phi).hessian;
  const Eigen::MatrixXd information = -(t.transpose() * hessian * t);
  const Eigen::VectorXd expected = (t * information.inverse() * t.transpose()).diagonal().cwiseSqrt();
  for (Eigen::Index k = 0; k < layout.size(); ++k)
    EXPECT_NEAR(fit.phi_se(k), expected(k), 1e-10 * expected(k)) << k;
}

// Found by the fuzzer: team 1 concedes its only goals in a match of weight 1e-300. The ascent
// meets the gradient tolerance while its defence drifts until a rate underflows to 0; that is
// refused instead of returned as a model.
TEST(DixonColesFit, RatesThatVanishAreRefused) {
  const std::vector<DixonColesMatch> matches = {
      {2, 0, 9, 1, 0.5}, {4, 0, 9, 1, 0.5},  {3, 4, 5, 0, 0.5},  {2, 3, 9, 1, 0.5},  {4, 3, 10, 1, 1},
      {4, 0, 1, 3, 1},   {1, 0, 0, 0, 1.52}, {2, 4, 6, 6, 1},    {4, 0, 12, 1, 1},   {2, 4, 1, 3, 1},
      {1, 0, 11, 0, 1},  {2, 1, 3, 4, 1e-300}, {0, 1, 0, 0, 1}};
  try {
    fit_dixon_coles(matches, 5, {});
    FAIL() << "a fit with vanishing rates was returned";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("are not usable numbers"), std::string::npos) << e.what();
  }
}

// Also found by the fuzzer: every goal falls in a match of weight 1e-300, so every gradient is
// below the tolerance from the start and the information is so near 0 that its inverse, the
// standard errors, overflows: refused rather than returned with infinite errors.
TEST(DixonColesFit, AFitTheWeightsDoNotDetermineIsRefused) {
  const std::vector<DixonColesMatch> matches = {{0, 1, 4, 4, 1e-300}, {1, 0, 0, 0, 1}, {0, 1, 0, 0, 1}};
  DixonColesOptions options;
  options.fit_rho = false;
  options.fixed_rho = 0.13;
  try {
    fit_dixon_coles(matches, 2, options);
    FAIL() << "a fit with infinite standard errors was returned";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("standard errors are not finite"), std::string::npos) << e.what();
  }
}

TEST(DixonColesFit, IdenticalInputGivesBitIdenticalOutput) {
  const Simulated s = simulate(8, 4, 3);
  const DixonColesFit a = fit_dixon_coles(s.matches, 8, {});
  const DixonColesFit b = fit_dixon_coles(s.matches, 8, {});
  EXPECT_TRUE((a.phi.array() == b.phi.array()).all());
  EXPECT_TRUE((a.phi_se.array() == b.phi_se.array()).all());
  EXPECT_EQ(a.log_likelihood, b.log_likelihood);
}

TEST(DixonColesFit, FixedRhoIsKept) {
  const Simulated s = simulate(6, 6, 5);
  DixonColesOptions options;
  options.fit_rho = false;
  options.fixed_rho = -0.05;
  const DixonColesFit fit = fit_dixon_coles(s.matches, 6, options);
  EXPECT_EQ(fit.phi(DixonColesLayout{6}.rho()), -0.05);
  EXPECT_EQ(fit.phi_se(DixonColesLayout{6}.rho()), 0.0);
}

TEST(DixonColesFit, BadInputIsRefused) {
  Simulated s = simulate(4, 2, 9);
  EXPECT_THROW(fit_dixon_coles({}, 4, {}), std::invalid_argument);
  EXPECT_THROW(fit_dixon_coles(s.matches, 5, {}), std::invalid_argument);  // team #4 never plays
  std::vector<DixonColesMatch> no_goals = s.matches;
  for (DixonColesMatch& m : no_goals) {
    if (m.home == 0) m.home_goals = 0;
    if (m.away == 0) m.away_goals = 0;
  }
  EXPECT_THROW(fit_dixon_coles(no_goals, 4, {}), std::invalid_argument);
  std::vector<DixonColesMatch> split = {{0, 1, 1, 0, 1}, {1, 0, 2, 1, 1}, {0, 1, 0, 1, 1},
                                        {2, 3, 1, 0, 1}, {3, 2, 2, 1, 1}, {2, 3, 0, 1, 1}};
  try {
    fit_dixon_coles(split, 4, {});
    FAIL() << "disconnected groups accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("disconnected"), std::string::npos);
  }
  s.matches[0].weight = -1;
  EXPECT_THROW(fit_dixon_coles(s.matches, 4, {}), std::invalid_argument);
}

// Five teams, three rounds: team 0 wins 7-0 at home, and the others' games are mostly 0-0 and
// 1-1, which pull ρ below −1/λ of team 0's home games. The likelihood then rises to the edge of
// ρ's feasible region, and its maximum lies on it (E0 as of October 2018 is a real case).
std::vector<DixonColesMatch> dominant_team_league() {
  std::vector<DixonColesMatch> matches;
  for (int round = 0; round < 3; ++round)
    for (int home = 0; home < 5; ++home)
      for (int away = 0; away < 5; ++away) {
        if (home == away) continue;
        int hg = 0, ag = 0;
        if (home == 0) {
          hg = away == 4 ? 6 : 7;
          ag = away == 4 ? 1 : 0;
        } else if (away == 0) {
          ag = 2;
        } else {
          static const int kScores[2][4][2] = {{{0, 0}, {1, 1}, {2, 1}, {1, 0}}, {{0, 0}, {1, 1}, {1, 2}, {0, 0}}};
          const int k = (home * 7 + away * 3 + round) % 4;
          hg = kScores[round == 2][k][0];
          ag = kScores[round == 2][k][1];
        }
        matches.push_back({home, away, hg, ag, 1.0});
      }
  return matches;
}

TEST(DixonColesFit, MaximumOnTheEdgeOfRhosRegionIsAKktPoint) {
  const std::vector<DixonColesMatch> matches = dominant_team_league();
  const DixonColesLayout layout{5};
  const DixonColesFit fit = fit_dixon_coles(matches, 5, {});
  ASSERT_TRUE(fit.converged);
  EXPECT_LE(fit.gradient_norm, 1e-8);
  ASSERT_FALSE(fit.rho_boundary.empty());
  const double rho = fit.phi(layout.rho());
  EXPECT_LT(rho, 0);
  const double c = fit.phi(layout.intercept()), h = fit.phi(layout.home_advantage());
  for (const DixonColesFit::ActiveCell& active : fit.rho_boundary) {
    EXPECT_GE(active.multiplier, 0);
    ASSERT_EQ(active.cell.cell, 1);  // τ(0,1) = 1 + λρ of one of team 0's home games
    EXPECT_EQ(active.cell.home, 0);
    const double lambda = std::exp(c + h + fit.phi(layout.attack(0)) - fit.phi(layout.defence(active.cell.away)));
    EXPECT_NEAR(1 + lambda * rho, 0.0, 1e-12);
  }
  // Feasible: every τ of every match ≥ 0 (to rounding), so the score matrices exist.
  for (const DixonColesMatch& m : matches) {
    const double lambda = std::exp(c + h + fit.phi(layout.attack(m.home)) - fit.phi(layout.defence(m.away)));
    const double mu = std::exp(c + fit.phi(layout.attack(m.away)) - fit.phi(layout.defence(m.home)));
    EXPECT_GE(1 + lambda * rho, -1e-12);
    EXPECT_GE(1 + mu * rho, -1e-12);
    EXPECT_NO_THROW(dixon_coles_score_matrix(lambda, mu, rho, 10));
  }
  // A maximum over the region: no feasible point nearby is higher. Moving every parameter at
  // random, then ρ back inside the region, never gains more than rounding.
  std::mt19937 random(11);
  std::normal_distribution<double> normal;
  for (int trial = 0; trial < 200; ++trial) {
    Eigen::VectorXd phi = fit.phi;
    for (Eigen::Index i = 0; i < phi.size(); ++i) phi(i) += 1e-4 * normal(random);
    double largest_rate = 0;
    for (const DixonColesMatch& m : matches) {
      const double p0 = phi(layout.intercept()), p1 = phi(layout.home_advantage());
      largest_rate = std::max({largest_rate,
                               std::exp(p0 + p1 + phi(layout.attack(m.home)) - phi(layout.defence(m.away))),
                               std::exp(p0 + phi(layout.attack(m.away)) - phi(layout.defence(m.home)))});
    }
    phi(layout.rho()) = std::max(phi(layout.rho()), -1 / largest_rate * (1 - 1e-12));
    EXPECT_LE(dixon_coles_log_likelihood(matches, layout, phi), fit.log_likelihood + 1e-9) << "trial " << trial;
  }
  // The same input gives the same edge optimum, bit for bit.
  const DixonColesFit again = fit_dixon_coles(matches, 5, {});
  EXPECT_TRUE((again.phi.array() == fit.phi.array()).all());
  EXPECT_TRUE((again.phi_se.array() == fit.phi_se.array()).all());
  EXPECT_GT(fit.phi_se(layout.rho()), 0);
}

TEST(DixonColesFit, AnInteriorOptimumHasNoActiveCell) {
  const Simulated s = simulate(8, 4, 3);
  EXPECT_TRUE(fit_dixon_coles(s.matches, 8, {}).rho_boundary.empty());
}

TEST(DixonColesMessages, TeamIndexesBecomeNames) {
  const std::vector<std::string> names = {"Arsenal", "Chelsea"};
  EXPECT_EQ(name_teams_in_message("team #1 scored no goal", names), "team Chelsea scored no goal");
  EXPECT_EQ(name_teams_in_message("team #1 never meets team #0.", names), "team Chelsea never meets team Arsenal.");
  EXPECT_EQ(name_teams_in_message("team #7 and team #x", names), "team #7 and team #x");
  EXPECT_EQ(name_teams_in_message("no team here", names), "no team here");
}

TEST(ScoreMatrix, SumsToOneAndAppliesTau) {
  const Eigen::MatrixXd m = dixon_coles_score_matrix(1.4, 1.1, -0.1, 10);
  EXPECT_NEAR(m.sum(), 1.0, 1e-15);
  const auto p = outcome_probabilities(m);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15);
  const Eigen::MatrixXd plain = dixon_coles_score_matrix(1.4, 1.1, 0.0, 10);
  EXPECT_GT(m(0, 0), plain(0, 0));  // ρ < 0 raises 0-0 and 1-1
  EXPECT_GT(m(1, 1), plain(1, 1));
  EXPECT_THROW(dixon_coles_score_matrix(1.4, 1.1, 0.9, 10), std::invalid_argument);  // τ(0,0) < 0
  // On the edge of ρ's region τ is 0, give or take rounding: the cell's probability is 0.
  const double lambda = 4.0;
  const Eigen::MatrixXd edge = dixon_coles_score_matrix(lambda, 1.1, std::nextafter(-1 / lambda, -1.0), 10);
  EXPECT_EQ(edge(0, 1), 0.0);
  EXPECT_NEAR(edge.sum(), 1.0, 1e-15);
  EXPECT_THROW(dixon_coles_score_matrix(lambda, 1.1, -1 / lambda - 1e-9, 10), std::invalid_argument);
  // A fitted model's prediction for rates beyond its ρ's feasible range: that cell gets 0.
  const Eigen::MatrixXd beyond = dixon_coles_score_matrix(6.0, 1.1, -0.2, 10, NegativeTau::floor);
  EXPECT_EQ(beyond(0, 1), 0.0);
  EXPECT_GT(beyond(1, 0), 0.0);
  EXPECT_NEAR(beyond.sum(), 1.0, 1e-15);
  EXPECT_NEAR(dixon_coles_draw_probability(6.0, 1.1, -0.2, 10, NegativeTau::floor), outcome_probabilities(beyond)[1], 1e-15);
  EXPECT_THROW(dixon_coles_score_matrix(6.0, 1.1, -0.2, 10), std::invalid_argument);
  EXPECT_THROW(dixon_coles_score_matrix(-1, 1.1, 0.0, 10), std::invalid_argument);
}

TEST(ScoreMatrix, DrawProbabilityWithoutTheMatrixAgrees) {
  for (const double rho : {-0.2, -0.05, 0.0, 0.1})
    for (const double lambda : {0.3, 1.4, 3.5})
      for (const int max_goals : {3, 10, 25}) {
        const double mu = 1.1;
        EXPECT_NEAR(dixon_coles_draw_probability(lambda, mu, rho, max_goals),
                    outcome_probabilities(dixon_coles_score_matrix(lambda, mu, rho, max_goals))[1], 1e-15)
            << rho << " " << lambda << " " << max_goals;
      }
  EXPECT_THROW(dixon_coles_draw_probability(1.4, 1.1, 0.9, 10), std::invalid_argument);
  EXPECT_THROW(dixon_coles_draw_probability(1.4, 1.1, -0.1, 101), std::invalid_argument);
  // rates so large that every Poisson term up to max_goals underflows: refused, never 0/0
  EXPECT_THROW(dixon_coles_score_matrix(1e6, 1.1, 0.0, 10), std::invalid_argument);
  EXPECT_THROW(dixon_coles_draw_probability(1e6, 1.1, 0.0, 10), std::invalid_argument);
}

// goalmodel (R), Dixon-Coles, unweighted, on ../shared/football-data/1213/E0.csv. goalmodel stops
// slightly short of the optimum: our log-likelihood must be at least its value, and its fitted
// rates sit on a flat ridge of the likelihood (moving Arsenal–Aston Villa's λ by 1.1e-3 to
// goalmodel's value costs 6e-6 of log-likelihood), so rates and probabilities agree to the
// precision its optimiser reached, not to 1e-5.
TEST(DixonColesReference, GoalmodelOnPremierLeague2012) {
  std::ifstream file(std::string(JACKPOT_SHARED_DIR) + "/football-data/1213/E0.csv", std::ios::binary);
  if (!file) GTEST_SKIP() << "../shared/football-data not found: reference test skipped";
  std::stringstream bytes;
  bytes << file.rdbuf();
  const FootballDataFile parsed = parse_football_data(bytes.str(), {});
  std::map<std::string, int> index;
  for (const auto& m : parsed.matches) {
    index.emplace(m.home_team, 0);
    index.emplace(m.away_team, 0);
  }
  int next = 0;
  for (auto& [name, i] : index) i = next++;
  std::vector<DixonColesMatch> matches;
  for (const auto& m : parsed.matches)
    matches.push_back({index[m.home_team], index[m.away_team], m.home_goals, m.away_goals, 1.0});
  ASSERT_EQ(matches.size(), 380u);
  const DixonColesFit fit = fit_dixon_coles(matches, next, {});
  const DixonColesLayout layout{next};
  EXPECT_LE(fit.gradient_norm, 1e-8);
  EXPECT_GE(fit.log_likelihood, -1089.60435);
  EXPECT_NEAR(fit.log_likelihood, -1089.60435, 1e-4);
  EXPECT_LE(fit.iterations, 10);
  EXPECT_NEAR(fit.phi(layout.rho()), -0.1141422, 2e-4);
  EXPECT_NEAR(fit.phi(layout.home_advantage()), 0.2317020, 2e-4);
  const auto expected = [&](const char* home, const char* away, double l, double m, double ph, double pd, double pa) {
    const int h = index.at(home), a = index.at(away);
    const double lambda = std::exp(fit.phi(0) + fit.phi(1) + fit.phi(layout.attack(h)) - fit.phi(layout.defence(a)));
    const double mu = std::exp(fit.phi(0) + fit.phi(layout.attack(a)) - fit.phi(layout.defence(h)));
    EXPECT_NEAR(lambda, l, 2e-3) << home;
    EXPECT_NEAR(mu, m, 2e-3) << away;
    const auto p = outcome_probabilities(dixon_coles_score_matrix(lambda, mu, fit.phi(layout.rho()), 25));
    EXPECT_NEAR(p[0], ph, 3e-4) << home;
    EXPECT_NEAR(p[1], pd, 3e-4) << home;
    EXPECT_NEAR(p[2], pa, 3e-4) << home;
  };
  expected("Arsenal", "Aston Villa", 2.698948, 0.780314, 0.770636, 0.153914, 0.075450);
  expected("Chelsea", "Everton", 1.649232, 0.953100, 0.523825, 0.271772, 0.204403);
}

}  // namespace
}  // namespace jackpot::core
