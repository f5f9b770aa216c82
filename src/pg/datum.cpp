#include "pg/datum.hpp"

namespace jackpot::pg {

std::string_view text_argument(FunctionCallInfo fcinfo, int n) {
  auto* value = reinterpret_cast<struct varlena*>(DatumGetPointer(PG_GETARG_DATUM(n)));
  // The test of pg_detoast_datum_packed itself: only a compressed or out-of-line value needs
  // PostgreSQL (and can raise an error); the common inline value is read as it is.
  if (VARATT_IS_COMPRESSED(value) || VARATT_IS_EXTERNAL(value))
    value = call_postgres([value] { return pg_detoast_datum_packed(value); });
  const char* data = VARDATA_ANY(value);
  const int length = static_cast<int>(VARSIZE_ANY_EXHDR(value));
  // The core speaks UTF-8; a database in another encoding gets converted text both ways.
  if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII) {
    const char* utf8 = call_postgres([&] { return pg_server_to_any(data, length, PG_UTF8); });
    if (utf8 != data) return std::string_view(utf8);
  }
  return {data, static_cast<std::size_t>(length)};
}

Datum jsonb_from_json(const std::string& json) {
  const char* text = json.c_str();
  return call_postgres([text] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(text)); });
}

}  // namespace jackpot::pg
