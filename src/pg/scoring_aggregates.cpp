// The scoring aggregates (brier_score, log_loss, rps, reliability_curve) and isotonic_fit.
// Mean-type scores keep a float8[] state {rows, sum, compensation} that the transition updates in
// place (as PostgreSQL's own avg(float8) does) and a combine function merges, so they run in
// parallel without serialisation. Rows with a NULL argument are skipped.
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/isotonic.hpp"
#include "core/json_writer.hpp"
#include "core/reliability.hpp"
#include "core/scoring.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/settings_gucs.hpp"

namespace jackpot::pg {
namespace {

// The aggregate's memory context. A transition or combine function called on its own (they
// update their state in place) is refused: 0A000.
MemoryContext aggregate_context(FunctionCallInfo fcinfo) {
  MemoryContext context = nullptr;
  if (!AggCheckCallContext(fcinfo, &context))  // reports, never raises
    throw SqlStateError(ERRCODE_FEATURE_NOT_SUPPORTED, "an aggregate support function works only inside its aggregate",
                        "Call the aggregate itself, e.g. jackpot.brier_score(probs, outcome).");
  return context;
}

// A float8[] state argument, detoasted: a partial state from a parallel worker arrives as a
// tuple's datum and may carry a short header. The returned array may be a copy, so a function
// that updates it returns this array, not its argument.
// The final functions can be called on any array: a state is checked before it is read.
ArrayType* state_array(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) throw std::invalid_argument("an aggregate state must not be NULL");
  ArrayType* state = call_postgres([fcinfo, n] { return PG_GETARG_ARRAYTYPE_P(n); });
  if (ARR_NDIM(state) != 1 || ARR_HASNULL(state) || ARR_ELEMTYPE(state) != FLOAT8OID)
    throw std::invalid_argument("not an aggregate state: a one-dimensional float8[] without NULLs");
  return state;
}

double* values_of(ArrayType* state) { return reinterpret_cast<double*>(ARR_DATA_PTR(state)); }

double* values_of(ArrayType* state, int expected) {
  if (ARR_DIMS(state)[0] != expected)
    throw std::invalid_argument("not an aggregate state: " + std::to_string(expected) + " values expected");
  return values_of(state);
}

// A reliability curve's state, checked against its layout.
double* reliability_values(ArrayType* state) {
  double* cells = values_of(state);
  core::reliability_cells::check(cells, static_cast<std::size_t>(ARR_DIMS(state)[0]));
  return cells;
}

Datum add_to_mean_state(FunctionCallInfo fcinfo, double value) {
  ArrayType* state = state_array(fcinfo, 0);
  double* s = values_of(state, 3);
  core::CompensatedSum sum{s[1], s[2]};
  sum.add(value);
  s[0] += 1;
  s[1] = sum.sum;
  s[2] = sum.compensation;
  return PointerGetDatum(state);
}

// jackpot.match_result → 0 (H), 1 (D), 2 (A); the three enum values are remembered per call site.
std::size_t outcome_index(FunctionCallInfo fcinfo, int n) {
  struct Cache { Oid oids[3] = {InvalidOid, InvalidOid, InvalidOid}; };
  if (fcinfo->flinfo->fn_extra == nullptr)
    fcinfo->flinfo->fn_extra = call_postgres([fcinfo] {
      return MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(Cache));
    });
  auto* cache = static_cast<Cache*>(fcinfo->flinfo->fn_extra);
  const Oid value = PG_GETARG_OID(n);
  for (std::size_t k = 0; k < 3; ++k)
    if (cache->oids[k] == value) return k;
  const char* label = call_postgres([value] { return DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(value))); });
  const std::string name(label);
  const std::size_t k = name == "H" ? 0 : name == "D" ? 1 : name == "A" ? 2 : 3;
  if (k == 3) throw std::invalid_argument("unknown match result " + name);
  cache->oids[k] = value;
  return k;
}

template <double (*Score)(const double*, std::size_t, std::size_t)>
Datum multiclass_transition(FunctionCallInfo fcinfo) {
  aggregate_context(fcinfo);
  if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2)) {
    const Float8ArrayView p = float8_array_argument(fcinfo, 1, "probs");
    if (p.size != 3) throw std::invalid_argument("probs must hold 3 probabilities (home, draw, away), not " + std::to_string(p.size));
    return add_to_mean_state(fcinfo, Score(p.data, p.size, outcome_index(fcinfo, 2)));
  }
  return PG_GETARG_DATUM(0);
}

template <double (*Score)(double, bool)>
Datum binary_transition(FunctionCallInfo fcinfo) {
  aggregate_context(fcinfo);
  if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2)) return add_to_mean_state(fcinfo, Score(PG_GETARG_FLOAT8(1), PG_GETARG_BOOL(2)));
  return PG_GETARG_DATUM(0);
}

// A zeroed float8[] of `elements` in the aggregate's context.
Datum new_state(MemoryContext context, int elements) {
  return call_postgres([context, elements] {
    MemoryContext old = MemoryContextSwitchTo(context);
    Datum* items = static_cast<Datum*>(palloc(sizeof(Datum) * elements));
    for (int i = 0; i < elements; ++i) items[i] = Float8GetDatum(0.0);
    ArrayType* array = construct_array(items, elements, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
    MemoryContextSwitchTo(old);
    return PointerGetDatum(array);
  });
}

// isotonic_fit's state: the points so far as core::binary_point keys, in the aggregate's memory
// context (no destructor).
struct IsotonicPoints {
  std::size_t size, capacity;
  std::uint64_t* keys;
};

}  // namespace
}  // namespace jackpot::pg

using jackpot::pg::binary_transition;
using jackpot::pg::multiclass_transition;

JACKPOT_SQL_FUNCTION(jackpot_brier_multiclass_transition) {
  return multiclass_transition<jackpot::core::brier_score>(fcinfo);
}
JACKPOT_SQL_FUNCTION(jackpot_brier_binary_transition) { return binary_transition<jackpot::core::brier_score>(fcinfo); }
JACKPOT_SQL_FUNCTION(jackpot_log_loss_multiclass_transition) {
  return multiclass_transition<jackpot::core::log_loss>(fcinfo);
}
JACKPOT_SQL_FUNCTION(jackpot_log_loss_binary_transition) { return binary_transition<jackpot::core::log_loss>(fcinfo); }
JACKPOT_SQL_FUNCTION(jackpot_rps_transition) {
  return multiclass_transition<jackpot::core::ranked_probability_score>(fcinfo);
}

JACKPOT_SQL_FUNCTION(jackpot_mean_state_combine) {
  using namespace jackpot;
  pg::aggregate_context(fcinfo);
  ArrayType* state = pg::state_array(fcinfo, 0);
  double* a = pg::values_of(state, 3);
  const double* b = pg::values_of(pg::state_array(fcinfo, 1), 3);
  core::CompensatedSum sum{a[1], a[2]};
  sum.merge({b[1], b[2]});
  a[0] += b[0];
  a[1] = sum.sum;
  a[2] = sum.compensation;
  return PointerGetDatum(state);
}

JACKPOT_SQL_FUNCTION(jackpot_mean_state_final) {
  if (PG_ARGISNULL(0)) {
    fcinfo->isnull = true;
    return Datum(0);
  }
  const double* s = jackpot::pg::values_of(jackpot::pg::state_array(fcinfo, 0), 3);
  if (s[0] == 0) {
    fcinfo->isnull = true;
    return Datum(0);
  }
  return Float8GetDatum((s[1] + s[2]) / s[0]);
}

// The state is the core's flat reliability curve (core::reliability_cells), updated in place.
JACKPOT_SQL_FUNCTION(jackpot_reliability_transition) {
  using namespace jackpot;
  const MemoryContext context = pg::aggregate_context(fcinfo);
  Datum state = Datum(0);
  if (!PG_ARGISNULL(0)) {
    ArrayType* given = pg::state_array(fcinfo, 0);
    pg::reliability_values(given);
    state = PointerGetDatum(given);
  }
  if (PG_ARGISNULL(1) || PG_ARGISNULL(2)) {
    if (PG_ARGISNULL(0)) fcinfo->isnull = true;
    return state;
  }
  const bool bins_given = PG_NARGS() > 3 && !PG_ARGISNULL(3);
  if (PG_ARGISNULL(0)) {
    const int bins = !bins_given
        ? pg::current_settings().calibration_bins
        : PG_GETARG_INT32(3);
    state = pg::new_state(context, static_cast<int>(core::reliability_cells::size(bins)));
    core::reliability_cells::initialise(pg::values_of(reinterpret_cast<ArrayType*>(DatumGetPointer(state))), bins);
  }
  double* cells = pg::values_of(reinterpret_cast<ArrayType*>(DatumGetPointer(state)));
  if (bins_given && PG_GETARG_INT32(3) != core::reliability_cells::bins(cells))
    throw std::invalid_argument("bins must be the same on every row");
  core::reliability_cells::add(cells, PG_GETARG_FLOAT8(1), PG_GETARG_BOOL(2));
  return state;
}

JACKPOT_SQL_FUNCTION(jackpot_reliability_combine) {
  using namespace jackpot;
  const MemoryContext context = pg::aggregate_context(fcinfo);
  if (PG_ARGISNULL(1)) {
    if (PG_ARGISNULL(0)) fcinfo->isnull = true;
    return PG_ARGISNULL(0) ? Datum(0) : PG_GETARG_DATUM(0);
  }
  ArrayType* other = pg::state_array(fcinfo, 1);
  pg::reliability_values(other);
  const int length = ARR_DIMS(other)[0];
  if (PG_ARGISNULL(0)) {
    const Datum copy = pg::new_state(context, length);
    const double* b = pg::values_of(other);
    std::copy(b, b + length, pg::values_of(reinterpret_cast<ArrayType*>(DatumGetPointer(copy))));
    return copy;
  }
  ArrayType* state = pg::state_array(fcinfo, 0);
  core::reliability_cells::merge(pg::reliability_values(state), pg::values_of(other));
  return PointerGetDatum(state);
}

JACKPOT_SQL_FUNCTION(jackpot_reliability_final) {
  using namespace jackpot;
  if (PG_ARGISNULL(0)) {
    fcinfo->isnull = true;
    return Datum(0);
  }
  return pg::jsonb_from_json(core::reliability_cells::json(pg::reliability_values(pg::state_array(fcinfo, 0))));
}

JACKPOT_SQL_FUNCTION(jackpot_isotonic_transition) {
  using namespace jackpot;
  const MemoryContext context = pg::aggregate_context(fcinfo);
  auto* points = PG_ARGISNULL(0) ? nullptr : reinterpret_cast<pg::IsotonicPoints*>(PG_GETARG_POINTER(0));
  if (PG_ARGISNULL(1) || PG_ARGISNULL(2)) {
    if (points == nullptr) fcinfo->isnull = true;
    return PointerGetDatum(points);
  }
  const std::uint64_t key = core::binary_point(PG_GETARG_FLOAT8(1), PG_GETARG_BOOL(2));
  if (points == nullptr) {
    points = pg::call_postgres([context] {
      auto* fresh = static_cast<pg::IsotonicPoints*>(MemoryContextAlloc(context, sizeof(pg::IsotonicPoints)));
      fresh->size = 0;
      fresh->capacity = 1024;
      fresh->keys = static_cast<std::uint64_t*>(MemoryContextAlloc(context, sizeof(std::uint64_t) * fresh->capacity));
      return fresh;
    });
  }
  if (points->size == points->capacity) {
    pg::call_postgres([points] {
      points->capacity *= 2;
      points->keys = static_cast<std::uint64_t*>(repalloc_huge(points->keys, sizeof(std::uint64_t) * points->capacity));
    });
  }
  points->keys[points->size++] = key;
  return PointerGetDatum(points);
}

JACKPOT_SQL_FUNCTION(jackpot_isotonic_final) {
  using namespace jackpot;
  pg::aggregate_context(fcinfo);
  if (PG_ARGISNULL(0)) {
    fcinfo->isnull = true;
    return Datum(0);
  }
  const auto* points = reinterpret_cast<const pg::IsotonicPoints*>(PG_GETARG_POINTER(0));
  return pg::jsonb_from_json(
      core::isotonic_json(core::isotonic_fit_binary({points->keys, points->keys + points->size})));
}
