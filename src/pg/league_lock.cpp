#include "pg/league_lock.hpp"

#include "pg/spi.hpp"

namespace jackpot::pg {

// pg_advisory_xact_lock(kLeagueLockClass, hashtext(code)), called directly rather than through a
// statement: the same lock, as pg_locks shows it, for the price of a function call.
void lock_league(const std::string& league_code) {
  const Datum code = text_datum(league_code);
  call_postgres([code] {
    const Datum hash = DirectFunctionCall1Coll(hashtext, DEFAULT_COLLATION_OID, code);
    DirectFunctionCall2(pg_advisory_xact_lock_int4, Int32GetDatum(kLeagueLockClass), hash);
  });
}

}  // namespace jackpot::pg
