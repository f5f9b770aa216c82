-- The extension's objects as an auditor checks them: the spec's tables, enums and indexes by
-- name, a COMMENT on every object, pg_dump registration of all user data, pinned search_path
-- on every trigger function, and the settings with their ranges and SQLSTATE.
\ir include/setup.sql
SELECT plan(31);

SELECT tables_are('jackpot', ARRAY['leagues', 'teams', 'matches', 'team_features', 'models',
  'training_runs', 'jackpots', 'jackpot_fixtures', 'predictions', 'validation_results',
  'calibration_data', 'ingestion_logs', 'team_aliases', 'team_alias_seeds', 'backtests', 'backtest_fits',
  'backtest_predictions', 'team_directory_version', 'tunings', 'prize_rules'],
  'the spec''s twelve tables, team_aliases, team_alias_seeds, the backtest tables, the team directory''s version, the tuning records and the prize rules');
SELECT enum_has_labels('jackpot', 'model_status', ARRAY['active', 'archived', 'failed'], 'model_status labels');
SELECT enum_has_labels('jackpot', 'prediction_set', ARRAY['A', 'B', 'C', 'D', 'E', 'F', 'G'], 'prediction_set labels A-G');
SELECT enum_has_labels('jackpot', 'match_result', ARRAY['H', 'D', 'A'], 'match_result labels');
SELECT indexes_are('jackpot', 'teams', ARRAY['teams_pkey', 'uix_team_league', 'idx_teams_canonical'], 'teams indexes');
SELECT indexes_are('jackpot', 'matches', ARRAY['matches_pkey', 'uix_match', 'idx_matches_date',
  'idx_matches_league_season', 'idx_matches_snapshot', 'idx_matches_home_team', 'idx_matches_away_team',
  'idx_matches_league_date'],
  'matches indexes');
SELECT indexes_are('jackpot', 'team_features', ARRAY['team_features_pkey', 'uix_team_feature', 'idx_team_features_lookup'], 'team_features indexes');
SELECT indexes_are('jackpot', 'jackpot_fixtures', ARRAY['jackpot_fixtures_pkey', 'uix_jackpot_fixture_order', 'idx_jackpot_fixtures_jackpot'], 'jackpot_fixtures indexes');
SELECT indexes_are('jackpot', 'predictions', ARRAY['predictions_pkey', 'idx_predictions_fixture', 'idx_predictions_set'], 'predictions indexes');
SELECT indexes_are('jackpot', 'calibration_data', ARRAY['calibration_data_pkey', 'uix_calibration_model_outcome'], 'calibration_data indexes');
SELECT indexes_are('jackpot', 'ingestion_logs', ARRAY['ingestion_logs_pkey', 'uix_ingestion_unique'], 'ingestion_logs indexes');
SELECT col_type_is('jackpot', 'models', 'id', 'uuid', 'string UUID keys are uuid');
SELECT col_default_is('jackpot', 'jackpots', 'id', 'gen_random_uuid()', 'uuid keys default to gen_random_uuid()');
SELECT col_type_is('jackpot', 'matches', 'id', 'bigint', 'BigInteger keys are bigint');
SELECT is((SELECT attidentity::text FROM pg_attribute WHERE attrelid = 'jackpot.predictions'::regclass AND attname = 'id'),
          'd', 'bigint keys are identity columns');

-- documentation in the catalog
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace = 'jackpot'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL),
          '{}'::text[], 'every function has a COMMENT');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                 WHERE c.relnamespace = 'jackpot'::regnamespace AND c.relkind = 'r'
                   AND obj_description(c.oid, 'pg_class') IS NULL),
          '{}'::text[], 'every table has a COMMENT');
SELECT is(ARRAY(SELECT t.typname::text FROM pg_type t
                 WHERE t.typnamespace = 'jackpot'::regnamespace AND t.typtype = 'e'
                   AND obj_description(t.oid, 'pg_type') IS NULL),
          '{}'::text[], 'every type has a COMMENT');
SELECT is(ARRAY(SELECT tg.tgrelid::regclass || '.' || tg.tgname FROM pg_trigger tg
                 WHERE NOT tg.tgisinternal AND tg.tgrelid::regclass::text LIKE 'jackpot.%'
                   AND obj_description(tg.oid, 'pg_trigger') IS NULL),
          '{}'::text[], 'every trigger has a COMMENT');

-- pg_dump keeps all user data (team_alias_seeds and team_directory_version are the extension's own
-- content: CREATE EXTENSION recreates them)
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                 WHERE c.relnamespace = 'jackpot'::regnamespace AND c.relkind IN ('r', 'S')
                   AND c.relname NOT IN ('team_alias_seeds', 'team_directory_version')
                   AND c.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'jackpot')::oid[])
                 ORDER BY 1),
          '{}'::text[], 'every table and identity sequence is registered with pg_extension_config_dump');

-- trigger functions cannot be redirected by a caller's search_path
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                 WHERE p.pronamespace = 'jackpot'::regnamespace AND l.lanname = 'plpgsql'
                   AND (p.proconfig IS NULL OR NOT 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig))),
          '{}'::text[], 'every PL/pgSQL function pins search_path = pg_catalog, pg_temp');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc p
                 WHERE p.pronamespace = 'jackpot'::regnamespace AND p.prosecdef),
          '{}'::text[], 'no function is SECURITY DEFINER');
SELECT is(ARRAY(SELECT tg.tgrelid::regclass || '.' || tg.tgname FROM pg_trigger tg
                 WHERE NOT tg.tgisinternal AND tg.tgrelid::regclass::text LIKE 'jackpot.%' AND tg.tgenabled <> 'O'),
          '{}'::text[], 'every trigger is enabled');

-- settings
LOAD 'jackpot';
SELECT set_eq($$SELECT 'jackpot.' || k FROM jsonb_object_keys(jackpot.settings()) AS k$$,
              $$SELECT name FROM pg_settings WHERE name LIKE 'jackpot.%'$$,
              'jackpot.settings() reports every jackpot.* setting');
SELECT throws_ok('SET jackpot.max_goals = 31', '22023', NULL, 'max_goals above its range is refused with 22023');
SELECT throws_ok('SET jackpot.max_goals = 1', '22023', NULL, 'max_goals below its range is refused');
SELECT throws_ok('SET jackpot.max_market_weight = 1.01', '22023', NULL, 'max_market_weight above 1 is refused');
SELECT throws_ok('SET jackpot.time_decay_xi = -0.0001', '22023', NULL, 'a negative decay rate is refused');
SELECT throws_ok('SET jackpot.no_such_setting = 1', '42602', NULL, 'the jackpot prefix is reserved');
SELECT lives_ok('SET LOCAL jackpot.max_goals = 2', 'max_goals = 2 is allowed');
SELECT is((jackpot.settings() ->> 'max_goals')::int, 2, 'jackpot.settings() reports the value in force');

SELECT * FROM finish();
ROLLBACK;
