// Argument and result conversions shared by the entry points. Each one that can raise a
// PostgreSQL error (detoasting, jsonb input) goes through call_postgres, so an entry point never
// longjmps past its own C++ objects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pg/guard.hpp"

namespace jackpot::pg {

// The text argument n, detoasted; the view lives as long as the function call's memory context.
std::string_view text_argument(FunctionCallInfo fcinfo, int n);

// A float8[] argument read in place (MADlib's way: a view of the array's own storage, no copy).
// Throws std::invalid_argument naming `name` for NULL, a multi-dimensional array or a NULL element.
struct Float8ArrayView {
  const double* data;
  std::size_t size;
};
Float8ArrayView float8_array_argument(FunctionCallInfo fcinfo, int n, const char* name);

// A text[] argument as strings (nullopt for a NULL element), and an int4[] argument. Both throw
// std::invalid_argument naming `name` for NULL or a multi-dimensional array; the int4[] one also
// for a NULL element.
std::vector<std::optional<std::string>> text_array_argument(FunctionCallInfo fcinfo, int n, const char* name);
std::vector<std::int32_t> int4_array_argument(FunctionCallInfo fcinfo, int n, const char* name);

// A jsonb Datum parsed from JSON text (jsonb_in); PostgreSQL's own parser validates it.
Datum jsonb_from_json(const std::string& json);

}  // namespace jackpot::pg
