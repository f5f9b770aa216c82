-- The cost of the C++/PostgreSQL boundary: a guarded C++ entry point against comparable work
-- done by PostgreSQL's own code, per row over many rows.
CALL bench.compare(
  'settings() as jsonb, 20k calls',
  $q$SELECT count(jackpot.settings()) FROM generate_series(1, 20000)$q$,
  $q$SELECT count(jsonb_build_object(
       'dixon_coles_rho', current_setting('jackpot.dixon_coles_rho')::float8,
       'time_decay_xi', current_setting('jackpot.time_decay_xi')::float8,
       'home_advantage', current_setting('jackpot.home_advantage')::float8,
       'max_goals', current_setting('jackpot.max_goals')::int,
       'default_blend_alpha', current_setting('jackpot.default_blend_alpha')::float8,
       'max_market_weight', current_setting('jackpot.max_market_weight')::float8,
       'min_calibration_samples', current_setting('jackpot.min_calibration_samples')::int,
       'calibration_bins', current_setting('jackpot.calibration_bins')::int,
       'brier_score_threshold', current_setting('jackpot.brier_score_threshold')::float8))
     FROM generate_series(1, 20000)$q$,
  'the same object built in SQL (jsonb_build_object of current_setting)');

CREATE FUNCTION bench.guarded_identity(double precision) RETURNS double precision
  AS '$libdir/jackpot', 'jackpot_selftest_identity' LANGUAGE c STRICT;
CALL bench.compare(
  'guarded C++ call, 1M rows',
  $q$SELECT sum(bench.guarded_identity(g::float8)) FROM generate_series(1, 1000000) AS g$q$,
  $q$SELECT sum(abs(g::float8)) FROM generate_series(1, 1000000) AS g$q$,
  'built-in C function abs(float8) on the same rows');
