// jackpot.isotonic_apply(calibration, prob): a fitted isotonic map ({x_thresholds,
// y_thresholds}, as isotonic_fit returns it) applied to a probability. The parsed map is kept
// for the statement while the same calibration comes in, so applying one map to a table parses
// it once.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/isotonic.hpp"
#include "core/json_writer.hpp"
#include "pg/datum.hpp"
#include "pg/isotonic_map.hpp"

namespace jackpot::pg {
namespace {

struct CachedMap {
  std::string raw;  // the jsonb bytes the map was parsed from
  core::IsotonicMap map;
};

void delete_cached_map(void* cached) { delete static_cast<CachedMap*>(cached); }

// Reads one jsonb array of numbers into palloc'd doubles (in PostgreSQL: no C++ object).
struct ParsedArray {
  double* values;
  int size;
  bool ok;
};

ParsedArray parse_number_array(Jsonb* object, const char* key) {
  return call_postgres([object, key] {
    ParsedArray out{nullptr, 0, false};
    JsonbValue* array = getKeyJsonValueFromContainer(&object->root, key, static_cast<uint32>(strlen(key)), nullptr);
    if (array == nullptr || array->type != jbvBinary || !JsonContainerIsArray(array->val.binary.data)) return out;
    const int n = static_cast<int>(JsonContainerSize(array->val.binary.data));
    out.values = static_cast<double*>(palloc(sizeof(double) * (n > 0 ? n : 1)));
    JsonbIterator* it = JsonbIteratorInit(array->val.binary.data);
    JsonbValue element;
    JsonbIteratorToken token;
    while ((token = JsonbIteratorNext(&it, &element, true)) != WJB_DONE) {
      if (token != WJB_ELEM) continue;
      if (element.type != jbvNumeric || out.size >= n) return out;
      out.values[out.size++] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(element.val.numeric)));
    }
    out.ok = out.size == n;
    return out;
  });
}

}  // namespace

core::IsotonicMap isotonic_map_of(Jsonb* calibration) {
  const ParsedArray x = parse_number_array(calibration, "x_thresholds");
  const ParsedArray y = parse_number_array(calibration, "y_thresholds");
  if (!x.ok || !y.ok || x.size != y.size || x.size == 0)
    throw std::invalid_argument(
        "a calibration must be {\"x_thresholds\": [...], \"y_thresholds\": [...]}: two equally long, non-empty arrays of numbers");
  core::IsotonicMap map{{x.values, x.values + x.size}, {y.values, y.values + y.size}};
  for (int i = 0; i < x.size; ++i) {
    if (i > 0 && !(map.x[i] > map.x[i - 1])) throw std::invalid_argument("calibration x_thresholds must increase");
    if (!(map.y[i] >= 0 && map.y[i] <= 1)) throw std::invalid_argument("calibration y_thresholds must lie in [0, 1]");
  }
  return map;
}

}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_isotonic_apply) {
  using namespace jackpot;
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) {
    fcinfo->isnull = true;
    return Datum(0);
  }
  Jsonb* calibration = pg::call_postgres([fcinfo] { return PG_GETARG_JSONB_P(0); });
  const std::string_view raw(reinterpret_cast<const char*>(calibration), VARSIZE(calibration));
  auto* cached = static_cast<pg::CachedMap*>(fcinfo->flinfo->fn_extra);
  if (cached == nullptr || cached->raw != raw) {
    core::IsotonicMap map = pg::isotonic_map_of(calibration);
    if (cached == nullptr) {
      auto fresh = std::make_unique<pg::CachedMap>();
      MemoryContext context = fcinfo->flinfo->fn_mcxt;
      pg::call_postgres([&] {
        auto* callback = static_cast<MemoryContextCallback*>(MemoryContextAlloc(context, sizeof(MemoryContextCallback)));
        callback->func = pg::delete_cached_map;
        callback->arg = fresh.get();
        MemoryContextRegisterResetCallback(context, callback);
      });
      cached = fresh.release();
      fcinfo->flinfo->fn_extra = cached;
    }
    cached->raw = std::string(raw);
    cached->map = std::move(map);
  }
  const double p = PG_GETARG_FLOAT8(1);
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("a probability must be in [0, 1], not " + core::describe_number(p));
  return Float8GetDatum(core::isotonic_apply(cached->map, p));
}
