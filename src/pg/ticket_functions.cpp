// The ticket arithmetic behind jackpot.ticket_value, optimize_ticket(…, budget, rules, …) and
// optimize_tickets (docs/formulas/ticket-value.md): jackpot.prize_rules_check validates a rule
// set (the prize_rules trigger), jackpot.ticket_distribution values one ticket and
// jackpot.ticket_search finds the best one or few. The SQL wrappers (69_tickets.sql) read the
// jackpot and the rules; these take plain arrays. The rules arrive as ten arguments from
// `first` on: fixtures, stake_per_line, tier_correct int[], tier_kind text[] ('fixed' | 'pool'),
// tier_amount float8[], prize_per, void_rule, refund_beyond_voids (NULL: never), min_lines,
// max_lines.
#include <optional>
#include <string>
#include <vector>

#include "core/prize_rules.hpp"
#include "core/ticket_search.hpp"
#include "core/ticket_value.hpp"
#include "pg/datum.hpp"
#include "pg/result_row.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

constexpr int kRulesArguments = 10;

core::PrizeRules rules_arguments(FunctionCallInfo fcinfo, int first) {
  for (int i = 0; i < kRulesArguments; ++i)
    if (i != 7 && PG_ARGISNULL(first + i)) throw std::invalid_argument("prize rules: only refund_beyond_voids may be NULL");
  core::PrizeRules r;
  r.fixtures = PG_GETARG_INT32(first);
  r.stake_per_line = PG_GETARG_FLOAT8(first + 1);
  const std::vector<std::int32_t> correct = int4_array_argument(fcinfo, first + 2, "tier_correct");
  const std::vector<std::optional<std::string>> kind = text_array_argument(fcinfo, first + 3, "tier_kind");
  const Float8ArrayView amount = float8_array_argument(fcinfo, first + 4, "tier_amount");
  if (kind.size() != correct.size() || amount.size != correct.size())
    throw std::invalid_argument("prize rules: every tier needs its number correct, kind and amount");
  for (std::size_t i = 0; i < correct.size(); ++i) {
    if (!kind[i] || (*kind[i] != "fixed" && *kind[i] != "pool"))
      throw std::invalid_argument("prize rules: a tier's prize is 'fixed' or 'pool', not " + (kind[i] ? "\"" + *kind[i] + "\"" : std::string("NULL")));
    r.tiers.push_back({correct[i], *kind[i] == "pool", amount.data[i]});
  }
  const std::string_view per = text_argument(fcinfo, first + 5), void_rule = text_argument(fcinfo, first + 6);
  if (per != "line" && per != "ticket") throw std::invalid_argument("prize rules: prize_per is 'line' or 'ticket', not \"" + std::string(per) + "\"");
  r.unit = per == "line" ? core::PrizeUnit::line : core::PrizeUnit::ticket;
  if (void_rule != "counts_correct" && void_rule != "tier_drops")
    throw std::invalid_argument("prize rules: void_rule is 'counts_correct' or 'tier_drops', not \"" + std::string(void_rule) + "\"");
  r.void_rule = void_rule == "counts_correct" ? core::VoidRule::counts_correct : core::VoidRule::tier_drops;
  if (!PG_ARGISNULL(first + 7)) r.refund_beyond_voids = PG_GETARG_INT32(first + 7);
  r.min_lines = PG_GETARG_INT32(first + 8);
  r.max_lines = PG_GETARG_INT32(first + 9);
  core::validate_prize_rules(r);
  return r;
}

// probs and public picks as n × 3 flattened (home, draw, away per fixture), results per fixture:
// NULL open, 'H' / 'D' / 'A' known (played, or a void settled as that result), 'void' a void.
std::vector<core::TicketFixture> fixtures_arguments(FunctionCallInfo fcinfo, int probs, int public_picks, int results) {
  const Float8ArrayView p = float8_array_argument(fcinfo, probs, "probs");
  const Float8ArrayView q = float8_array_argument(fcinfo, public_picks, "public_picks");
  const std::vector<std::optional<std::string>> r = text_array_argument(fcinfo, results, "results");
  if (p.size % 3 != 0 || q.size != p.size || r.size() * 3 != p.size)
    throw std::invalid_argument("probs and public_picks need three values (home, draw, away) and results one per fixture");
  std::vector<core::TicketFixture> fixtures(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    core::TicketFixture& f = fixtures[i];
    f.model = {p.data[3 * i], p.data[3 * i + 1], p.data[3 * i + 2]};
    f.public_picks = {q.data[3 * i], q.data[3 * i + 1], q.data[3 * i + 2]};
    if (!r[i]) continue;
    if (*r[i] == "void") {
      f.state = core::FixtureState::void_unsettled;
    } else if (*r[i] == "H" || *r[i] == "D" || *r[i] == "A") {
      f.state = core::FixtureState::played;
      f.result = *r[i] == "H" ? 0 : *r[i] == "D" ? 1 : 2;
    } else {
      throw std::invalid_argument("a fixture's result is NULL (open), H, D, A or void, not \"" + *r[i] + "\"");
    }
  }
  return fixtures;
}

std::vector<std::optional<double>> optional_values(const std::vector<double>& values) {
  return std::vector<std::optional<double>>(values.begin(), values.end());
}

TupleDesc declared_result_type(FunctionCallInfo fcinfo) {
  return call_postgres([fcinfo] {
    TupleDesc declared;
    if (get_call_result_type(fcinfo, nullptr, &declared) != TYPEFUNC_COMPOSITE) elog(ERROR, "the function must return a record");
    return BlessTupleDesc(declared);
  });
}

constexpr const char* kDistributionColumns[] = {"lines",           "cost",           "voids",          "refunded",
                                                "best_line_pmf",   "expected_lines", "tier_probabilities",
                                                "p_any_prize",     "expected_prize", "prize_sd",       "expected_return"};
constexpr RowDescription kDistributionRow{"jackpot.ticket_distribution", kDistributionColumns};

constexpr const char* kSearchColumns[] = {"ticket", "selections", "objective_value", "method", "gap_bound", "evaluated"};
constexpr RowDescription kSearchRow{"jackpot.ticket_search", kSearchColumns};

}  // namespace
}  // namespace jackpot::pg

// jackpot.prize_rules_check(<rules>): raises 22023 naming the problem of an invalid rule set.
JACKPOT_SQL_FUNCTION(jackpot_prize_rules_check) {
  jackpot::pg::rules_arguments(fcinfo, 0);
  PG_RETURN_VOID();
}

// jackpot.ticket_distribution(probs, public_picks, selections, results, entries, <rules>).
JACKPOT_SQL_FUNCTION(jackpot_ticket_distribution) {
  using namespace jackpot;
  using namespace jackpot::pg;
  std::vector<core::TicketFixture> fixtures = fixtures_arguments(fcinfo, 0, 1, 3);
  const std::vector<std::optional<std::string>> selections = text_array_argument(fcinfo, 2, "selections");
  if (selections.size() != fixtures.size())
    throw std::invalid_argument("the ticket has " + std::to_string(selections.size()) + " selections for " +
                                std::to_string(fixtures.size()) + " fixtures: one per fixture, in match order");
  for (std::size_t i = 0; i < fixtures.size(); ++i) {
    if (!selections[i]) throw std::invalid_argument("selection " + std::to_string(i + 1) + " is NULL");
    try {
      fixtures[i].selection = core::parse_selection(*selections[i]);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("selection " + std::to_string(i + 1) + ": " + e.what());
    }
  }
  if (PG_ARGISNULL(4)) throw std::invalid_argument("entries must not be NULL");
  const core::PrizeRules rules = rules_arguments(fcinfo, 5);
  const core::TicketValue v = core::ticket_value(fixtures, rules, PG_GETARG_FLOAT8(4));
  RowValues<kDistributionRow.size()> row;
  row.set(JACKPOT_FIELD(kDistributionRow, "lines"), Int64GetDatum(v.lines));
  row.set(JACKPOT_FIELD(kDistributionRow, "cost"), Float8GetDatum(v.cost));
  row.set(JACKPOT_FIELD(kDistributionRow, "voids"), Int32GetDatum(v.voids));
  row.set(JACKPOT_FIELD(kDistributionRow, "refunded"), BoolGetDatum(v.refunded));
  row.set(JACKPOT_FIELD(kDistributionRow, "best_line_pmf"), float8_array(optional_values(v.best_line_pmf)));
  row.set(JACKPOT_FIELD(kDistributionRow, "expected_lines"), float8_array(optional_values(v.expected_lines)));
  row.set(JACKPOT_FIELD(kDistributionRow, "tier_probabilities"), float8_array(optional_values(v.tier_probability)));
  row.set(JACKPOT_FIELD(kDistributionRow, "p_any_prize"), Float8GetDatum(v.p_any_prize));
  row.set(JACKPOT_FIELD(kDistributionRow, "expected_prize"), Float8GetDatum(v.expected_prize));
  row.set(JACKPOT_FIELD(kDistributionRow, "prize_sd"), Float8GetDatum(v.prize_sd));
  row.set(JACKPOT_FIELD(kDistributionRow, "expected_return"), Float8GetDatum(v.expected_return));
  const TupleDesc type = declared_result_type(fcinfo);
  check_result_row(kDistributionRow, type);
  return call_postgres([&] { return HeapTupleGetDatum(heap_form_tuple(type, row.values, row.nulls)); });
}

// jackpot.ticket_search(probs, public_picks, results, entries, max_lines, objective, tickets,
// <rules>): one row per ticket chosen.
JACKPOT_SQL_FUNCTION(jackpot_ticket_search) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const std::vector<core::TicketFixture> fixtures = fixtures_arguments(fcinfo, 0, 1, 2);
  for (int i = 3; i <= 6; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("entries, max_lines, objective and tickets must not be NULL");
  const double entries = PG_GETARG_FLOAT8(3);
  const std::int64_t max_lines = PG_GETARG_INT64(4);
  const core::TicketObjective objective = core::parse_ticket_objective(text_argument(fcinfo, 5));
  const int tickets = PG_GETARG_INT32(6);
  const core::PrizeRules rules = rules_arguments(fcinfo, 7);
  std::vector<core::TicketChoice> chosen;
  std::string set_method;
  if (tickets == 1) {
    chosen.push_back(core::optimize_ticket(fixtures, rules, entries, max_lines, objective));
  } else {
    core::TicketSet set = core::optimize_tickets(fixtures, rules, entries, max_lines, objective, tickets);
    set_method = set.method;
    chosen = std::move(set.tickets);
  }
  call_postgres([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  check_result_row(kSearchRow, result->setDesc);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const core::TicketChoice& c = chosen[k];
    std::vector<std::string> names;
    for (const unsigned s : c.selections) names.push_back(core::selection_name(s));
    RowValues<kSearchRow.size()> row;
    row.set(JACKPOT_FIELD(kSearchRow, "ticket"), Int32GetDatum(static_cast<std::int32_t>(k + 1)));
    row.set(JACKPOT_FIELD(kSearchRow, "selections"), text_array(names));
    row.set(JACKPOT_FIELD(kSearchRow, "objective_value"), Float8GetDatum(c.objective));
    row.set(JACKPOT_FIELD(kSearchRow, "method"), text_datum(set_method.empty() ? c.method : set_method + "; " + c.method));
    if (c.gap_bound) row.set(JACKPOT_FIELD(kSearchRow, "gap_bound"), Float8GetDatum(*c.gap_bound));
    row.set(JACKPOT_FIELD(kSearchRow, "evaluated"), Int64GetDatum(c.evaluated));
    call_postgres([&] { tuplestore_putvalues(result->setResult, result->setDesc, row.values, row.nulls); });
  }
  return Datum(0);
}
