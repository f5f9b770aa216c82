// SPI from C++: the connection, result values, and the Datums that statements (pg/statement.hpp)
// take as parameters. Every call goes through call_postgres; arrays are built straight from C++
// vectors for set-based SQL (one INSERT … SELECT FROM unnest(…) per batch, not one per row).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pg/guard.hpp"

namespace jackpot::pg {

// Connects on construction. finish() must be called on success; after an error the
// transaction's abort releases the connection, so the destructor does nothing.
class SpiConnection {
 public:
  SpiConnection();
  void finish();
  SpiConnection(const SpiConnection&) = delete;
  SpiConnection& operator=(const SpiConnection&) = delete;
};

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
