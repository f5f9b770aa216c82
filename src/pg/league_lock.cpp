#include "pg/league_lock.hpp"

#include "pg/spi.hpp"

namespace jackpot::pg {

void lock_league(const std::string& league_code) {
  static constexpr const char* kLock = "SELECT pg_catalog.pg_advisory_xact_lock($1, pg_catalog.hashtext($2))";
  spi_execute(kLock, {{INT4OID, Int32GetDatum(kLeagueLockClass)}, {TEXTOID, text_datum(league_code)}});
}

}  // namespace jackpot::pg
