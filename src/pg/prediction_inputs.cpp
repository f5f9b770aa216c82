#include "pg/prediction_inputs.hpp"

#include <string>

#include "pg/datum.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

std::optional<core::Probabilities> odds_arguments(FunctionCallInfo fcinfo, int first) {
  const int given = !PG_ARGISNULL(first) + !PG_ARGISNULL(first + 1) + !PG_ARGISNULL(first + 2);
  if (given == 0) return std::nullopt;
  if (given != 3)
    throw std::invalid_argument("give all three odds (home, draw, away) or none; " + std::to_string(given) +
                                " of 3 were given");
  return core::Probabilities{PG_GETARG_FLOAT8(first), PG_GETARG_FLOAT8(first + 1), PG_GETARG_FLOAT8(first + 2)};
}

int set_index_argument(StatementCache& cache, FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) throw std::invalid_argument("set_id must not be NULL");
  const Oid value = PG_GETARG_OID(n);
  if (const auto it = cache.set_index_of_enum.find(value); it != cache.set_index_of_enum.end()) return it->second;
  const char* label_text = call_postgres([value] { return DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(value))); });
  const std::string label(label_text);
  const int index = core::prediction_set_index(label);
  if (index < 0) throw std::invalid_argument("unknown prediction set " + label);
  cache.set_index_of_enum.emplace(value, index);
  return index;
}

Datum set_enum_value(StatementCache& cache, Oid typid, int index) {
  if (cache.set_enum[index] == 0) {
    const char label[2] = {core::prediction_set_letter(index), '\0'};
    cache.set_enum[index] = call_postgres([&] {
      return DirectFunctionCall2(enum_in, CStringGetDatum(label), ObjectIdGetDatum(typid));
    });
  }
  return cache.set_enum[index];
}

core::SetParameters set_parameters(const core::Settings& settings) {
  core::SetParameters p;
  p.blend_alpha = settings.default_blend_alpha;
  p.max_market_weight = settings.max_market_weight;
  p.conservative_shrinkage = settings.conservative_shrinkage;
  p.entropy_gamma = settings.entropy_gamma;
  p.margin_method = settings.margin_method;
  return p;
}

namespace {

// The value of key in a jsonb object, or nullptr.
JsonbValue* jsonb_field(Jsonb* object, const char* key) {
  return call_postgres([&] {
    return getKeyJsonValueFromContainer(&object->root, key, static_cast<uint32>(strlen(key)), nullptr);
  });
}

double locked_number(Jsonb* settings, const char* key, const char* what = "the jackpot's locked settings") {
  JsonbValue* v = jsonb_field(settings, key);
  if (v == nullptr || v->type != jbvNumeric)
    throw std::invalid_argument(std::string(what) + " have no number \"" + key + "\"");
  return call_postgres([v] { return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric))); });
}

}  // namespace

core::SetParameters set_parameters(Jsonb* settings) {
  core::SetParameters p;
  p.blend_alpha = locked_number(settings, "default_blend_alpha");
  p.max_market_weight = locked_number(settings, "max_market_weight");
  p.conservative_shrinkage = locked_number(settings, "conservative_shrinkage");
  p.entropy_gamma = locked_number(settings, "entropy_gamma");
  JsonbValue* method = jsonb_field(settings, "margin_method");
  if (method == nullptr || method->type != jbvString)
    throw std::invalid_argument("the jackpot's locked settings have no margin_method");
  p.margin_method = core::margin_method_from_name(std::string_view(method->val.string.val, method->val.string.len));
  return p;
}

core::BasisInputs basis_inputs_of(Jsonb* locked) {
  const auto number = [locked](const char* key) { return locked_number(locked, key, "the fixture's basis_inputs"); };
  core::BasisInputs in;
  in.statistics.base_rates = {number("home_rate"), number("draw_rate"), number("away_rate")};
  in.statistics.draw_rate = in.statistics.base_rates[1];
  in.statistics.mean_model_draw = number("mean_model_draw");
  in.statistics.mean_market_draw = number("mean_market_draw");
  in.mean_home_goals = number("mean_home_goals");
  in.mean_away_goals = number("mean_away_goals");
  in.rho = number("rho");
  const double max_goals = number("max_goals");
  if (!(max_goals >= 2 && max_goals <= 100 && max_goals == static_cast<int>(max_goals)))
    throw std::invalid_argument("the fixture's basis_inputs have an invalid max_goals");
  in.max_goals = static_cast<int>(max_goals);
  in.matches = static_cast<long long>(number("matches"));
  return in;
}

}  // namespace jackpot::pg
