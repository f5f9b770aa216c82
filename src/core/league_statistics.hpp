// The league statistics a fit stores with its model for prediction sets C and D
// (docs/prediction-sets.md): over the training matches of the last `window_days` days before
// as_of, the add-one smoothed home/draw/away frequencies, and the mean draw probability the fitted
// model and the market gave those matches.
#pragma once
#include "core/pure_cpp.hpp"

#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/prediction_sets.hpp"

namespace jackpot::core {

struct LeagueWindowMatch {
  int days_before;     // as_of − match date, ≥ 1
  double market_draw;  // the market's P(draw), NaN when the match had no odds
};

struct MeasuredLeagueStatistics {
  LeagueStatistics statistics;
  int matches = 0;     // matches in the window (all training matches if the window holds none)
  int window_days = 0;
};

// matches[i] and window[i] describe the same match. Throws std::invalid_argument when the
// vectors differ in length or are empty.
MeasuredLeagueStatistics measure_league_statistics(const std::vector<DixonColesMatch>& matches,
                                                   const std::vector<LeagueWindowMatch>& window,
                                                   const DixonColesFit& fit, int window_days, int max_goals);

// {"window_days":365,"matches":380,"home_rate":…,"draw_rate":…,"away_rate":…,
//  "mean_model_draw":…,"mean_market_draw":…}
std::string league_statistics_json(const MeasuredLeagueStatistics& measured);

}  // namespace jackpot::core
