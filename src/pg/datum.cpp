#include "pg/datum.hpp"

namespace jackpot::pg {

std::string_view text_argument(FunctionCallInfo fcinfo, int n) {
  text* value = call_postgres([&] { return PG_GETARG_TEXT_PP(n); });
  return {VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value)};
}

Datum jsonb_from_json(const std::string& json) {
  const char* text = json.c_str();
  return call_postgres([text] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(text)); });
}

}  // namespace jackpot::pg
