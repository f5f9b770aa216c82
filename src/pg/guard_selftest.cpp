// Test hooks for the guard (sql/guard.sql binds them with CREATE FUNCTION … LANGUAGE C). They are
// exported by the module but not created by the extension script: only a superuser can bind a C
// symbol, so they add nothing to the extension's SQL surface.
#include <limits>
#include <new>
#include <stdexcept>
#include <string>

#include "core/boost_math.hpp"
#include <boost/math/special_functions/gamma.hpp>

#include "core/eigen.hpp"
#include "pg/datum.hpp"

namespace {

int sentinels_destroyed = 0;

// Owns heap memory, like every real C++ object in the engine: its destructor must run when a
// PostgreSQL error is raised beneath it, or the memory leaks and the stack is left corrupt.
class Sentinel {
 public:
  Sentinel() : payload_(256, 'x') {}
  ~Sentinel() { ++sentinels_destroyed; }
  Sentinel(const Sentinel&) = delete;
  Sentinel& operator=(const Sentinel&) = delete;

 private:
  std::string payload_;
};

void raise_postgres_error_through_spi() {
  Sentinel sentinel;
  jackpot::pg::call_postgres([] { SPI_connect(); });
  jackpot::pg::call_postgres([] { SPI_execute("SELECT 1 / 0", true, 0); });
}

void raise_postgres_error_from_array_construction() {
  Sentinel sentinel;
  // PostgreSQL arrays have at most MAXDIM (6) dimensions; seven raises 54000.
  int dims[MAXDIM + 1];
  int lower_bounds[MAXDIM + 1];
  for (int i = 0; i <= MAXDIM; ++i) dims[i] = lower_bounds[i] = 1;
  Datum element = Float8GetDatum(1.0);
  jackpot::pg::call_postgres([&] {
    return construct_md_array(&element, nullptr, MAXDIM + 1, dims, lower_bounds, FLOAT8OID, 8,
                              FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
  });
}

// Waits up to ten seconds for a cancel or statement_timeout, checking for interrupts as every
// long C++ loop of the engine does.
void wait_for_interrupt() {
  Sentinel sentinel;
  for (int i = 0; i < 10000; ++i) {
    jackpot::pg::check_for_interrupts();
    pg_usleep(1000L);
  }
}

double read_past_end_of_eigen_vector() {
  Eigen::VectorXd vector = Eigen::VectorXd::Zero(2);
  const Eigen::Index index = 5;
  return vector(index);
}

}  // namespace

JACKPOT_SQL_FUNCTION(jackpot_selftest_throw) {
  const std::string kind(jackpot::pg::text_argument(fcinfo, 0));
  if (kind == "invalid_argument") throw std::invalid_argument("selftest: a bad argument");
  if (kind == "out_of_memory") throw std::bad_alloc();
  if (kind == "runtime_error") throw std::runtime_error("selftest: an unexpected failure");
  if (kind == "non_standard") throw 42;
  if (kind == "eigen_assert") return Float8GetDatum(read_past_end_of_eigen_vector());
  if (kind == "boost_domain") return Float8GetDatum(boost::math::gamma_p(-1.0, 1.0));
  if (kind == "boost_overflow") return Float8GetDatum(boost::math::tgamma(1000.0));
  if (kind == "spi_error")
    raise_postgres_error_through_spi();
  else if (kind == "array_error")
    raise_postgres_error_from_array_construction();
  else if (kind == "interrupt")
    wait_for_interrupt();
  else if (kind != "none")
    throw std::invalid_argument("selftest: unknown kind \"" + kind + "\"");
  return Float8GetDatum(0.0);
}

JACKPOT_SQL_FUNCTION(jackpot_selftest_sentinels_destroyed) {
  (void)fcinfo;
  return Int32GetDatum(sentinels_destroyed);
}

// The guard's own cost, for bench/: returns its argument through invoke_guarded.
JACKPOT_SQL_FUNCTION(jackpot_selftest_identity) { return PG_GETARG_DATUM(0); }
