// jackpot.number_correct_distribution(probs) and jackpot.optimal_ticket(...): the coupon
// arithmetic behind jackpot_summary and optimize_ticket (docs/formulas/jackpot-odds.md).
#include <optional>
#include <string>
#include <vector>

#include "core/jackpot_odds.hpp"
#include "core/prize_rules.hpp"
#include "pg/datum.hpp"
#include "pg/result_row.hpp"
#include "pg/model_cache.hpp"
#include "pg/spi.hpp"

JACKPOT_SQL_FUNCTION(jackpot_number_correct_distribution) {
  using namespace jackpot;
  const pg::Float8ArrayView p = pg::float8_array_argument(fcinfo, 0, "probs");
  const std::vector<double> dist = core::number_correct_distribution(std::vector<double>(p.data, p.data + p.size));
  return pg::call_postgres([&] {
    Datum* items = static_cast<Datum*>(palloc(sizeof(Datum) * dist.size()));
    for (std::size_t i = 0; i < dist.size(); ++i) items[i] = Float8GetDatum(dist[i]);
    int dims[1] = {static_cast<int>(dist.size())};
    int lower_bounds[1] = {0};  // element k is P(exactly k correct)
    return PointerGetDatum(construct_md_array(items, nullptr, 1, dims, lower_bounds, FLOAT8OID, 8, FLOAT8PASSBYVAL,
                                              TYPALIGN_DOUBLE));
  });
}

namespace {
constexpr const char* kOptimalTicketColumns[] = {"selections", "selection_probs", "lines", "p_win"};
constexpr jackpot::pg::RowDescription kOptimalTicketRow{"jackpot.optimal_ticket", kOptimalTicketColumns};
}  // namespace

JACKPOT_SQL_FUNCTION(jackpot_optimal_ticket) {
  using namespace jackpot;
  const pg::Float8ArrayView home = pg::float8_array_argument(fcinfo, 0, "prob_home");
  const pg::Float8ArrayView draw = pg::float8_array_argument(fcinfo, 1, "prob_draw");
  const pg::Float8ArrayView away = pg::float8_array_argument(fcinfo, 2, "prob_away");
  if (home.size != draw.size || home.size != away.size)
    throw std::invalid_argument("prob_home, prob_draw and prob_away must have one element per fixture");
  if (PG_ARGISNULL(3)) throw std::invalid_argument("max_lines must not be NULL");
  std::vector<core::Probabilities> fixtures;
  fixtures.reserve(home.size);
  for (std::size_t i = 0; i < home.size; ++i) fixtures.push_back({home.data[i], draw.data[i], away.data[i]});
  const core::Ticket ticket = core::optimal_ticket(fixtures, PG_GETARG_INT64(3));

  std::vector<std::string> selections;
  std::vector<std::optional<double>> leg_probabilities;
  for (const core::TicketLeg& leg : ticket.legs) {
    selections.push_back(core::selection_name(leg.outcomes));
    leg_probabilities.emplace_back(leg.probability);
  }
  pg::RowValues<kOptimalTicketRow.size()> row;
  row.set(JACKPOT_FIELD(kOptimalTicketRow, "selections"), pg::text_array(selections));
  row.set(JACKPOT_FIELD(kOptimalTicketRow, "selection_probs"), pg::float8_array(leg_probabilities));
  row.set(JACKPOT_FIELD(kOptimalTicketRow, "lines"), Int64GetDatum(ticket.lines));
  row.set(JACKPOT_FIELD(kOptimalTicketRow, "p_win"), Float8GetDatum(ticket.p_win));
  const TupleDesc type = pg::call_postgres([fcinfo] {
    TupleDesc declared;
    if (get_call_result_type(fcinfo, nullptr, &declared) != TYPEFUNC_COMPOSITE) elog(ERROR, "optimal_ticket must return a record");
    return BlessTupleDesc(declared);
  });
  pg::check_result_row(kOptimalTicketRow, type);
  return pg::call_postgres([&] { return HeapTupleGetDatum(heap_form_tuple(type, row.values, row.nulls)); });
}
