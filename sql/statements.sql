-- The adapter's statement descriptions (src/pg/statement.hpp), through a self-test hook: a
-- statement runs when its description matches its text, its plan and its arguments, and each
-- kind of mismatch is an internal error naming the statement and the difference, at first use.
CREATE SCHEMA statement_selftest;
CREATE FUNCTION statement_selftest.run(kind text) RETURNS integer
  AS '$libdir/jackpot', 'jackpot_selftest_statement' LANGUAGE c STRICT;
\set VERBOSITY terse
SELECT statement_selftest.run('matching');
SELECT statement_selftest.run('unlisted_parameter');
SELECT statement_selftest.run('unused_parameter');
SELECT statement_selftest.run('positional');
SELECT statement_selftest.run('column_count');
SELECT statement_selftest.run('column_name');
SELECT statement_selftest.run('no_result');
SELECT statement_selftest.run('argument_order');
SELECT statement_selftest.run('argument_count');
-- a mismatch is refused at every use, not only the first, as an internal error
\set VERBOSITY sqlstate
SELECT statement_selftest.run('column_name');
\set VERBOSITY terse
-- there is no limit to the statements a backend keeps prepared: 200 distinct ones, twice
SELECT statement_selftest.run('many') AS many;
DROP SCHEMA statement_selftest CASCADE;
