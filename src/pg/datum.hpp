// Argument and result conversions shared by the entry points. Each one that can raise a
// PostgreSQL error (detoasting, jsonb input) goes through call_postgres, so an entry point never
// longjmps past its own C++ objects.
#pragma once

#include <string>
#include <string_view>

#include "pg/guard.hpp"

namespace jackpot::pg {

// The text argument n, detoasted; the view lives as long as the function call's memory context.
std::string_view text_argument(FunctionCallInfo fcinfo, int n);

// A jsonb Datum parsed from JSON text (jsonb_in); PostgreSQL's own parser validates it.
Datum jsonb_from_json(const std::string& json);

}  // namespace jackpot::pg
