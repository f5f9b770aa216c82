// The columns that predict_fixture's row and prediction_sets' rows share, filled by name: the
// model's probabilities (set A's input) and the margin-free market's (NULL without odds).
#pragma once

#include <cstddef>

#include "core/prediction_sets.hpp"
#include "pg/result_row.hpp"

namespace jackpot::pg {

template <const RowDescription& Description, std::size_t N>
void set_model_and_market_columns(RowValues<N>& row, const core::FixturePrediction& prediction) {
  row.set(JACKPOT_FIELD(Description, "model_prob_home"), Float8GetDatum(prediction.model[0]));
  row.set(JACKPOT_FIELD(Description, "model_prob_draw"), Float8GetDatum(prediction.model[1]));
  row.set(JACKPOT_FIELD(Description, "model_prob_away"), Float8GetDatum(prediction.model[2]));
  if (!prediction.market) return;
  row.set(JACKPOT_FIELD(Description, "market_prob_home"), Float8GetDatum((*prediction.market)[0]));
  row.set(JACKPOT_FIELD(Description, "market_prob_draw"), Float8GetDatum((*prediction.market)[1]));
  row.set(JACKPOT_FIELD(Description, "market_prob_away"), Float8GetDatum((*prediction.market)[2]));
}

}  // namespace jackpot::pg
