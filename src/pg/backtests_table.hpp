// jackpot.backtests, backtest_fits and backtest_predictions as a backtest writes them: the run,
// its fits and its out-of-sample predictions (seven per match), each in one statement.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/backtest.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

struct BacktestRun {
  std::int32_t league_id;
  DateADT from_date, to_date;
  Interval* refit_every;
  double xi;
  std::string model_type;      // 'dixon-coles' or 'market-implied'
  std::string settings_json;
  TimestampTz started_at;
};

// Writes the run, its fits and its predictions; returns the run's row (a jackpot.backtests Datum).
Datum record_backtest(const BacktestRun& run, const std::vector<core::BacktestMatch>& matches,
                      const core::BacktestResult& result);

}  // namespace jackpot::pg
