// The Dixon–Coles likelihood sees the matches only through sums per (home, away) pair: λ and μ
// depend on the pair alone, and log τ on the pair and the score only through the four low-score
// cells. So the fit's passes run over pairs instead of matches. Ten seasons of a league are
// about 3,800 matches but only about 1,100 pairs; the sums are taken once per fit.
#pragma once

#include <cstddef>
#include <vector>

#include "core/dixon_coles.hpp"

namespace jackpot::core {

// The low-score cells of τ: 0-0, 0-1, 1-0, 1-1 (index home_goals·2 + away_goals).
constexpr int kLowScoreCells = 4;

struct PairSums {
  int home = 0;  // team indexes
  int away = 0;
  double weight = 0;      // Σ w
  double home_goals = 0;  // Σ w·x
  double away_goals = 0;  // Σ w·y
  double cell_weight[kLowScoreCells] = {0, 0, 0, 0};  // Σ w over the matches with that score
  // Some match of the pair (of any weight, 0 included) ended with that score: its τ must stay
  // > 0, or that match has probability 0 and the log-likelihood is −∞.
  bool cell_seen[kLowScoreCells] = {false, false, false, false};
};

class DixonColesPairs {
 public:
  // matches as given to fit_dixon_coles (indexes valid, weights ≥ 0); the sums of each pair are
  // taken in the matches' order, so the same matches give bit-identical sums.
  DixonColesPairs(const std::vector<DixonColesMatch>& matches, int team_count);

  // Every pair with at least one match, ordered by (home, away).
  const std::vector<PairSums>& pairs() const { return pairs_; }
  // Σ w (log x! + log y!): the part of the log-likelihood that no parameter moves.
  double log_factorial_term() const { return log_factorial_term_; }

 private:
  std::vector<PairSums> pairs_;
  double log_factorial_term_ = 0;
};

}  // namespace jackpot::core
