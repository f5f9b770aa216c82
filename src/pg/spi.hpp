// SPI from C++: every call goes through call_postgres, queries always take parameters (never
// concatenated values), and arrays are built straight from C++ vectors for set-based SQL
// (one INSERT … SELECT FROM unnest(…) per batch instead of one statement per row).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pg/guard.hpp"

namespace jackpot::pg {

struct SpiArgument {
  Oid type;
  Datum value;
  bool is_null = false;
};

// Connects on construction. finish() must be called on success; after an error the
// transaction's abort releases the connection, so the destructor does nothing.
class SpiConnection {
 public:
  SpiConnection();
  void finish();
  SpiConnection(const SpiConnection&) = delete;
  SpiConnection& operator=(const SpiConnection&) = delete;
};

// Runs sql with $1… bound to arguments; returns the number of rows processed, with the rows in
// SPI_tuptable. sql must be a string of static storage (a constant): its plan is prepared once
// per backend and kept, keyed by the string's address.
std::uint64_t spi_execute(const char* sql, std::initializer_list<SpiArgument> arguments);

// Receives each result row of spi_stream_* as the executor produces it, its values extracted
// (slot->tts_values, slot->tts_isnull) and valid during the call only: nothing is copied into
// SPI_tuptable. It runs inside PostgreSQL's executor, so it must not throw; it returns false to
// stop the statement, having kept the reason for the caller to raise.
using RowSink = bool (*)(TupleTableSlot* slot, void* context);

// Runs a statement planned once generically and kept, as spi_execute does, even where
// PostgreSQL's plan cache would plan every call afresh because the generic plan's estimate looks
// dearer than a custom one. For statements written so that their generic plan is the right one
// for every value (a league's given seasons, read by their index whatever the date).
std::uint64_t spi_stream_with_generic_plan(const char* sql, std::initializer_list<SpiArgument> arguments,
                                           RowSink sink, void* context);

// Runs a statement whose best plan depends on its values (a league's seasons up to a date, with
// other leagues in the table), planned afresh for each call's values instead of once
// generically: planning costs a fraction of a millisecond, a generic plan for such a statement
// can read every league's matches.
std::uint64_t spi_stream_with_custom_plan(const char* sql, std::initializer_list<SpiArgument> arguments,
                                          RowSink sink, void* context);

// Column `column` (1-based) of result row `row`; nullopt for NULL.
std::optional<Datum> spi_value(std::uint64_t row, int column);

Datum text_datum(std::string_view value);
std::string text_of(Datum value);

Datum text_array(const std::vector<std::string>& values);
Datum int4_array(const std::vector<std::int32_t>& values);
Datum int8_array(const std::vector<std::int64_t>& values);
Datum date_array(const std::vector<DateADT>& values);
Datum float8_array(const std::vector<std::optional<double>>& values);

DateADT date_from_ymd(int year, int month, int day);
std::string date_text(DateADT date);  // ISO yyyy-mm-dd
// The same into out (kDateTextCapacity bytes, not terminated); returns its length, 10 for the
// years 1 to 9999.
constexpr std::size_t kDateTextCapacity = 24;
std::size_t format_date(DateADT date, char* out);

// Lower-case hex SHA-256 of bytes, computed with PostgreSQL's own cryptohash.
std::string sha256_hex(std::string_view bytes);

}  // namespace jackpot::pg
