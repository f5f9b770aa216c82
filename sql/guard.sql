-- The C++/PostgreSQL boundary (src/pg/guard.hpp), through the module's self-test hooks.
-- C++ exceptions become PostgreSQL errors with fitting SQLSTATEs; PostgreSQL errors raised
-- beneath C++ objects unwind them (destructors run) and keep their own SQLSTATE.
CREATE SCHEMA selftest;
CREATE FUNCTION selftest.throw(kind text) RETURNS double precision
  AS '$libdir/jackpot', 'jackpot_selftest_throw' LANGUAGE c STRICT;
CREATE FUNCTION selftest.sentinels_destroyed() RETURNS integer
  AS '$libdir/jackpot', 'jackpot_selftest_sentinels_destroyed' LANGUAGE c STRICT;
CREATE FUNCTION selftest.outcome(kind text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM selftest.throw(kind);
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- C++ → PostgreSQL
SELECT selftest.outcome('invalid_argument');
SELECT selftest.outcome('out_of_memory');
SELECT selftest.outcome('runtime_error');
SELECT selftest.outcome('non_standard');
-- eigen_assert and Boost.Math throw instead of aborting the backend
SELECT selftest.outcome('eigen_assert') LIKE 'XX000: Eigen assertion failed: index >= 0 && index < size()%' AS eigen_assert_is_an_error;
SELECT selftest.outcome('boost_domain');
SELECT selftest.outcome('boost_overflow');
SELECT selftest.outcome('none');

-- Internal errors say where they came from
\set VERBOSITY default
SELECT selftest.throw('runtime_error');

-- PostgreSQL → C++ → PostgreSQL: each error unwinds a C++ object with a destructor
SELECT selftest.sentinels_destroyed() AS destroyed_before;
SELECT selftest.outcome('spi_error');
SELECT selftest.sentinels_destroyed() AS destroyed_after_spi_error;
SELECT selftest.outcome('array_error');
SELECT selftest.sentinels_destroyed() AS destroyed_after_array_error;
-- (PL/pgSQL's WHEN OTHERS never catches a cancel, so this one is called directly)
SET statement_timeout = '200ms';
\set VERBOSITY sqlstate
SELECT selftest.throw('interrupt');
\set VERBOSITY default
RESET statement_timeout;
SELECT selftest.sentinels_destroyed() AS destroyed_after_cancel;

-- The original error is re-raised whole: message and context of the SPI statement
SELECT selftest.throw('spi_error');

-- The backend survived all of it
SELECT 1 AS still_connected;
DROP SCHEMA selftest CASCADE;
