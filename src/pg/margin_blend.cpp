// jackpot.remove_margin(odds, method) and jackpot.blend(model, market, alpha).
#include <string>
#include <vector>

#include "core/margin.hpp"
#include "core/prediction_sets.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/settings_gucs.hpp"

namespace jackpot::pg {
namespace {

Datum float8_array_result(const std::vector<double>& values) {
  return call_postgres([&] {
    Datum* items = static_cast<Datum*>(palloc(sizeof(Datum) * values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) items[i] = Float8GetDatum(values[i]);
    return PointerGetDatum(construct_array(items, static_cast<int>(values.size()), FLOAT8OID, 8, FLOAT8PASSBYVAL,
                                           TYPALIGN_DOUBLE));
  });
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_remove_margin) {
  using namespace jackpot;
  const pg::Float8ArrayView odds = pg::float8_array_argument(fcinfo, 0, "odds");
  // NULL: the session's jackpot.margin_method (what the default reads once the library is loaded).
  const core::MarginMethod method = PG_ARGISNULL(1)
      ? pg::current_settings().margin_method
      : core::margin_method_from_name(pg::text_argument(fcinfo, 1));
  std::vector<double> probs(odds.size);
  if (odds.size < 2)
    throw std::invalid_argument("margin removal needs odds for at least 2 outcomes, not " + std::to_string(odds.size));
  core::remove_margin(odds.data, probs.data(), odds.size, method);
  return pg::float8_array_result(probs);
}

JACKPOT_SQL_FUNCTION(jackpot_blend) {
  using namespace jackpot;
  const pg::Float8ArrayView model = pg::float8_array_argument(fcinfo, 0, "model");
  const pg::Float8ArrayView market = pg::float8_array_argument(fcinfo, 1, "market");
  if (model.size != market.size)
    throw std::invalid_argument("model and market must have the same number of outcomes, not " +
                                std::to_string(model.size) + " and " + std::to_string(market.size));
  const core::Settings settings = pg::current_settings();
  const double alpha = PG_ARGISNULL(2) ? settings.default_blend_alpha : PG_GETARG_FLOAT8(2);
  std::vector<double> pooled(model.size);
  core::blend(model.data, market.data, pooled.data(), model.size, alpha,
              settings.max_market_weight);
  return pg::float8_array_result(pooled);
}
