-- Retraining with pg_cron: without it, a clear error that says how to enable it; with it (CI
-- preloads pg_cron for this database), a job is scheduled, rescheduled and removed. The job need
-- not fire: what it runs, jackpot.retrain, is called here directly.
\ir include/setup.sql
SELECT plan(12);
\ir include/fixtures.sql

SELECT throws_ok($$SELECT jackpot.schedule_retraining('T0')$$, '55000',
                 'schedule_retraining: pg_cron is not installed in this database',
                 'without pg_cron, scheduling says so');
SELECT matches((SELECT pg_temp.hint_of($$SELECT jackpot.schedule_retraining('T0')$$)), 'shared_preload_libraries.*CREATE EXTENSION pg_cron',
               '... and how to enable it');
SELECT throws_ok($$SELECT jackpot.unschedule_retraining('T0')$$, '55000', NULL, 'without pg_cron, unscheduling says so');

-- jackpot.retrain, what the job runs: refits as of today (here: a league with too few matches)
SELECT throws_ok($$SELECT jackpot.retrain('T0')$$, 'P0002', NULL, 'retrain refits the league as of today (no matches here)');
SELECT throws_ok($$SELECT jackpot.retrain('T0', NULL)$$, '22004', NULL, 'retrain refuses NULL options');

\if :{?cron_ready}
\else
SELECT current_setting('shared_preload_libraries') ~ 'pg_cron'
       AND current_setting('cron.database_name', true) = current_database() AS cron_ready \gset
\endif
\if :cron_ready
CREATE EXTENSION pg_cron;
SELECT throws_ok($$SELECT jackpot.schedule_retraining('XX')$$, '22023', 'schedule_retraining: unknown league "XX"',
                 'an unknown league is refused');
SELECT ok(jackpot.schedule_retraining('T0') > 0, 'a retraining job is scheduled');
SELECT is((SELECT schedule || ' | ' || command FROM cron.job WHERE jobname = 'jackpot-retrain-T0'),
          '0 4 * * * | SELECT jackpot.retrain(''T0'', ''f'', ''f'')', 'daily at 04:00 by default, running jackpot.retrain');
SELECT lives_ok($$SELECT jackpot.schedule_retraining('T0', '30 5 * * 1', recalibrate => true, validate => true)$$,
                'scheduling again replaces the schedule');
SELECT is((SELECT count(*)::text || ' | ' || min(schedule) || ' | ' || min(command) FROM cron.job WHERE jobname = 'jackpot-retrain-T0'),
          '1 | 30 5 * * 1 | SELECT jackpot.retrain(''T0'', ''t'', ''t'')', '... with one job per league');
SELECT is(jackpot.unschedule_retraining('T0'), true, 'unscheduling removes the job');
SELECT is(jackpot.unschedule_retraining('T0'), false, 'unscheduling a league without a job says so');
\else
\getenv require_cron JACKPOT_REQUIRE_CRON
\if :{?require_cron}
SELECT fail('pg_cron is preloaded for this database (JACKPOT_REQUIRE_CRON is set: scripts/test-all preloads it)');
SELECT skip('pg_cron is not preloaded', 6);
\else
SELECT skip('pg_cron is not preloaded for this database (scripts/test-all preloads it and requires it)', 7);
\endif
\endif

SELECT * FROM finish();
ROLLBACK;
