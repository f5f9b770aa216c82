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

Float8ArrayView float8_array_argument(FunctionCallInfo fcinfo, int n, const char* name) {
  if (PG_ARGISNULL(n)) throw std::invalid_argument(std::string(name) + " must not be NULL");
  ArrayType* array = call_postgres([fcinfo, n] { return PG_GETARG_ARRAYTYPE_P(n); });
  if (ARR_ELEMTYPE(array) != FLOAT8OID) throw std::invalid_argument(std::string(name) + " must be a double precision[]");
  if (ARR_NDIM(array) > 1) throw std::invalid_argument(std::string(name) + " must be a one-dimensional array");
  const std::size_t size = ARR_NDIM(array) == 0 ? 0 : static_cast<std::size_t>(ARR_DIMS(array)[0]);
  if (ARR_HASNULL(array)) {
    const bits8* bitmap = ARR_NULLBITMAP(array);
    for (std::size_t i = 0; i < size; ++i)
      if ((bitmap[i / 8] & (1 << (i % 8))) == 0)
        throw std::invalid_argument(std::string(name) + " has a NULL element at position " + std::to_string(i + 1));
  }
  return {reinterpret_cast<const double*>(ARR_DATA_PTR(array)), size};
}

namespace {

// The elements of a one-dimensional array argument, deconstructed in the call's memory context.
struct Elements {
  Datum* values = nullptr;
  bool* nulls = nullptr;
  int count = 0;
};

Elements array_elements(FunctionCallInfo fcinfo, int n, const char* name, Oid type, int length, bool by_value, char align) {
  if (PG_ARGISNULL(n)) throw std::invalid_argument(std::string(name) + " must not be NULL");
  ArrayType* array = call_postgres([fcinfo, n] { return PG_GETARG_ARRAYTYPE_P(n); });
  if (ARR_ELEMTYPE(array) != type) throw std::invalid_argument(std::string(name) + " has the wrong element type");
  if (ARR_NDIM(array) > 1) throw std::invalid_argument(std::string(name) + " must be a one-dimensional array");
  Elements e;
  call_postgres([&] { deconstruct_array(array, type, length, by_value, align, &e.values, &e.nulls, &e.count); });
  return e;
}

}  // namespace

std::vector<std::optional<std::string>> text_array_argument(FunctionCallInfo fcinfo, int n, const char* name) {
  const Elements e = array_elements(fcinfo, n, name, TEXTOID, -1, false, TYPALIGN_INT);
  std::vector<std::optional<std::string>> out;
  out.reserve(static_cast<std::size_t>(e.count));
  for (int i = 0; i < e.count; ++i) {
    if (e.nulls[i]) {
      out.emplace_back();
      continue;
    }
    const text* t = call_postgres([&] { return DatumGetTextPP(e.values[i]); });
    out.emplace_back(std::string(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
  }
  return out;
}

std::vector<std::int32_t> int4_array_argument(FunctionCallInfo fcinfo, int n, const char* name) {
  const Elements e = array_elements(fcinfo, n, name, INT4OID, 4, true, TYPALIGN_INT);
  std::vector<std::int32_t> out;
  for (int i = 0; i < e.count; ++i) {
    if (e.nulls[i]) throw std::invalid_argument(std::string(name) + " has a NULL element at position " + std::to_string(i + 1));
    out.push_back(DatumGetInt32(e.values[i]));
  }
  return out;
}

Datum jsonb_from_json(const std::string& json) {
  const char* text = json.c_str();
  return call_postgres([text] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(text)); });
}

}  // namespace jackpot::pg
