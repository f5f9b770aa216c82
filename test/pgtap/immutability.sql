-- Every immutability rule of docs/immutability.md, both ways: each allowed change passes, and
-- each forbidden one fails with its SQLSTATE and the rule's name.
\ir include/setup.sql
SELECT plan(101);
\ir include/fixtures.sql

-- models ---------------------------------------------------------------------------------------
SELECT is(pg_temp.refusal(format('UPDATE jackpot.models SET %I = %s WHERE version = %L', col, val, 'm1')),
          'JP001 models.frozen_columns', 'models.' || col || ' never changes')
  FROM (VALUES ('version', '''m1b'''), ('league_id', '902'), ('model_type', '''poisson'''),
               ('trained_at', '''2024-05-02'''), ('training_matches', '379'),
               ('training_seasons', '''["2022-23"]'''), ('parameters', '''{"rho": -0.2}'''),
               ('team_strengths', 'NULL'), ('id', 'gen_random_uuid()'), ('created_at', 'now()')) AS c(col, val);
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET brier_score = 0.2 WHERE version = 'm1'$$),
          'allowed', 'models.brier_score may be written once (NULL -> value)');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET log_loss = 0.98 WHERE version = 'm1'$$),
          'allowed', 'models.log_loss may be written once');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET calibration_error = 0.02 WHERE version = 'm1'$$),
          'allowed', 'models.calibration_error may be written once');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET brier_score = 0.2, log_loss = 0.98 WHERE version = 'm1'$$),
          'allowed', 'rewriting a metric with the same value is no change');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET brier_score = 0.21 WHERE version = 'm1'$$),
          'JP003 models.metrics_write_once', 'models.brier_score is not rewritten');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET log_loss = NULL WHERE version = 'm1'$$),
          'JP003 models.metrics_write_once', 'models.log_loss is not erased');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET calibration_error = 0.03 WHERE version = 'm1'$$),
          'JP003 models.metrics_write_once', 'models.calibration_error is not rewritten');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET status = 'archived' WHERE version = 'm1'$$),
          'allowed', 'a model moves from active to archived');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET status = 'failed' WHERE version = 'm2'$$),
          'allowed', 'a model moves from active to failed');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET status = 'active' WHERE version = 'm1'$$),
          'JP002 models.status_transition', 'archived never returns to active');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET status = 'failed' WHERE version = 'm1'$$),
          'JP002 models.status_transition', 'archived never becomes failed');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET status = 'archived' WHERE version = 'm2'$$),
          'JP002 models.status_transition', 'failed never becomes archived');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.models WHERE version = 'm3'$$),
          'JP004 models.no_delete', 'models are never deleted');
-- The rules compare values, not bytes: a frozen column written again with an equal value passes.
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET parameters = '{"rho": -0.10}', version = 'm1',
                                team_strengths = team_strengths::text::jsonb WHERE version = 'm1'$$),
          'allowed', 'models: frozen columns written again with equal values (other bytes: -0.10 for -0.1) pass');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET parameters = '{"rho": -0.1000001}' WHERE version = 'm1'$$),
          'JP001 models.frozen_columns', 'models.parameters: a value that differs in the seventh digit is a change');
SELECT is(pg_temp.refusal($$UPDATE jackpot.models SET log_loss = 0.98 * 1.0 WHERE version = 'm1'$$),
          'allowed', 'models.log_loss: the same value written again is no rewrite');
SELECT ok((SELECT updated_at > created_at FROM jackpot.models WHERE version = 'm1'),
          'updated_at follows the last change');

-- jackpots -------------------------------------------------------------------------------------
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpots SET %I = %s WHERE id = %L', col, val, '00000000-0000-0000-0000-0000000000c0')),
          'JP001 jackpots.frozen_columns', 'jackpots.' || col || ' never changes, even while calculating')
  FROM (VALUES ('user_id', '''bob'''), ('league_id', '902'), ('model_version', '''m2'''),
               ('id', 'gen_random_uuid()'), ('created_at', '''2020-01-01''')) AS c(col, val);
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpots SET status = 'finalized' WHERE id = '00000000-0000-0000-0000-0000000000f0'$$),
          'allowed', 'a jackpot moves from calculating to finalized');
SELECT ok((SELECT finalized_at IS NOT NULL FROM jackpot.jackpots WHERE id = '00000000-0000-0000-0000-0000000000f0'),
          'finalizing stamps finalized_at');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpots SET status = 'calculating' WHERE id = '00000000-0000-0000-0000-0000000000f0'$$),
          'JP002 jackpots.status_transition', 'a finalized jackpot never returns to calculating');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpots SET status = 'open' WHERE id = '00000000-0000-0000-0000-0000000000c0'$$),
          'JP002 jackpots.status_transition', 'a jackpot has no other status');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpots SET finalized_at = now() - interval '1 day' WHERE id = '00000000-0000-0000-0000-0000000000f0'$$),
          'JP001 jackpots.frozen_columns', 'finalized_at of a finalized jackpot never changes');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpots SET user_id = 'bob' WHERE id = '00000000-0000-0000-0000-0000000000f0'$$),
          'JP001 jackpots.frozen_columns', 'user_id of a finalized jackpot never changes');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.jackpots WHERE id = '00000000-0000-0000-0000-0000000000f0'$$),
          'JP005 jackpots.finalized_no_delete', 'a finalized jackpot cannot be deleted');

-- jackpot_fixtures -----------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET odds_home = 2.2, home_team = 'Alpha FC' WHERE id = 9102$$),
          'allowed', 'a calculating jackpot''s fixture inputs may be corrected');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team)
                            VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-05', 'Beta', 'Gamma')$$),
          'allowed', 'fixtures may be added to a calculating jackpot');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.jackpot_fixtures WHERE jackpot_id = '00000000-0000-0000-0000-0000000000c0' AND match_order = 3$$),
          'allowed', 'a fixture without predictions may be removed from a calculating jackpot');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.jackpot_fixtures WHERE id = 9101$$),
          'JP006 predictions.delete_with_jackpot', 'a fixture with predictions goes only with its jackpot');
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpot_fixtures SET %I = %s WHERE id = 9201', col, val)),
          'JP001 jackpot_fixtures.frozen_inputs', 'jackpot_fixtures.' || col || ' is frozen once finalized')
  FROM (VALUES ('match_order', '5'), ('match_date', '''2024-05-05'''), ('home_team', '''Alfa'''),
               ('away_team', '''Bete'''), ('odds_home', '2.2'), ('odds_draw', 'NULL'), ('odds_away', '3.7'),
               ('home_team_id', '9003'), ('away_team_id', '9004'),
               ('jackpot_id', '''00000000-0000-0000-0000-0000000000c0'''), ('id', '9999'),
               ('created_at', '''2020-01-01''')) AS c(col, val);
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team)
                            VALUES ('00000000-0000-0000-0000-0000000000f0', 3, '2024-05-05', 'Beta', 'Gamma')$$),
          'JP005 jackpot_fixtures.finalized_locked', 'no fixture is added to a finalized jackpot');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.jackpot_fixtures WHERE id = 9202$$),
          'JP005 jackpot_fixtures.finalized_locked', 'no fixture is removed from a finalized jackpot');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET jackpot_id = '00000000-0000-0000-0000-0000000000f0', match_order = 7 WHERE id = 9102$$),
          'JP005 jackpot_fixtures.finalized_locked', 'no fixture is moved into a finalized jackpot');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 2, actual_away_goals = 1, actual_result = 'H' WHERE id = 9201$$),
          'allowed', 'the actual result of a finalized jackpot''s fixture is recorded');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_result = 'A' WHERE id = 9201$$),
          'JP003 jackpot_fixtures.result_write_once', 'actual_result is recorded once');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 3 WHERE id = 9201$$),
          'JP003 jackpot_fixtures.result_write_once', 'actual_home_goals is recorded once');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_away_goals = NULL, actual_home_goals = NULL WHERE id = 9201$$),
          'JP003 jackpot_fixtures.result_write_once', 'a recorded score is not erased');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 0, actual_away_goals = 0, actual_result = 'H' WHERE id = 9202$$),
          '23514 check_fixture_result', 'the recorded result must agree with the score');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 1 WHERE id = 9202$$),
          '23514 check_fixture_goals', 'both goals are recorded together');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_result = 'D' WHERE id = 9202$$),
          'allowed', 'a result may be recorded before its score');
SELECT is(pg_temp.refusal($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 1, actual_away_goals = 1 WHERE id = 9202$$),
          'allowed', 'the score may then be added, consistent with the result');

-- predictions ----------------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$UPDATE jackpot.predictions SET prob_home = 0.5, prob_away = 0.2 WHERE id = 9301$$),
          'JP004 predictions.no_update', 'a prediction of a calculating jackpot is never updated');
SELECT is(pg_temp.refusal($$UPDATE jackpot.predictions SET blend_alpha = 0.5 WHERE id = 9302$$),
          'JP004 predictions.no_update', 'a prediction of a finalized jackpot is never updated');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.predictions WHERE id = 9301$$),
          'JP006 predictions.delete_with_jackpot', 'a prediction is not deleted on its own');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.predictions (fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home, lambda_away)
                            VALUES (9201, '00000000-0000-0000-0000-0000000000a1', 'B', 0.5, 0.3, 0.2, 1.5, 1.1)$$),
          'JP005 predictions.finalized_locked', 'no prediction is added to a finalized jackpot');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.predictions (fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home, lambda_away)
                            VALUES (9102, '00000000-0000-0000-0000-0000000000a1', 'B', 0.5, 0.3, 0.2, 1.5, 1.1)$$),
          'allowed', 'predictions are added to a calculating jackpot');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.jackpots WHERE id = '00000000-0000-0000-0000-0000000000c0'$$),
          'allowed', 'a calculating jackpot is deleted together with its fixtures and predictions');
SELECT is((SELECT count(*)::int FROM jackpot.predictions WHERE fixture_id IN (9101, 9102)), 0,
          'its predictions went with it');
SELECT is((SELECT count(*)::int FROM jackpot.predictions WHERE fixture_id = 9201), 1,
          'the finalized jackpot''s predictions stay');

-- append-only tables ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.calibration_data (model_id, outcome, bins, frequencies, trained_on_end)
                            VALUES ('00000000-0000-0000-0000-0000000000a1', 'home', '[0.1, 0.5]', '[0.12, 0.48]', '2024-04-30')$$),
          'allowed', 'calibration_data takes new rows');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.validation_results (model_id, set_id, outcome, brier_score, sample_count, reliability, evaluated_from, evaluated_to)
                            VALUES ('00000000-0000-0000-0000-0000000000a1', 'A', 'home', 0.2, 380, '{}', '2023-08-01', '2024-04-30')$$),
          'allowed', 'validation_results takes new rows');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.team_features (team_id, snapshot_date, feature_version, attack_strength, defense_strength, home_advantage, decay_lambda)
                            VALUES (9001, '2024-05-01', 'v1', 0.1, -0.05, 0.3, 0.0065)$$),
          'allowed', 'team_features takes new rows');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.ingestion_logs (source, league_code, season, snapshot_date, records_loaded, records_inserted, records_updated, records_skipped, checksum)
                            VALUES ('test', 'T0', '2023-24', '2024-05-01', 380, 380, 0, 0, repeat('ab', 32))$$),
          'allowed', 'ingestion_logs takes new rows');
SELECT is(pg_temp.refusal(format('UPDATE jackpot.%I SET created_at = now()', t)),
          'JP004 ' || t || '.append_only', t || ' rows are never updated')
  FROM unnest(ARRAY['calibration_data', 'validation_results', 'team_features', 'ingestion_logs']) AS t;
SELECT is(pg_temp.refusal(format('DELETE FROM jackpot.%I', t)),
          'JP004 ' || t || '.append_only', t || ' rows are never deleted')
  FROM unnest(ARRAY['calibration_data', 'validation_results', 'team_features', 'ingestion_logs']) AS t;

-- training_runs --------------------------------------------------------------------------------
INSERT INTO jackpot.training_runs (id, model_id, run_type, data_start, data_end, objective)
  VALUES ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000a1', 'full', '2023-08-01', '2024-04-30', 'minimize_brier'),
         ('00000000-0000-0000-0000-0000000000e2', '00000000-0000-0000-0000-0000000000a1', 'full', '2023-08-01', '2024-04-30', 'minimize_brier');
SELECT is(pg_temp.refusal($$UPDATE jackpot.training_runs SET match_count = 380, logs = '["fitted"]' WHERE id = '00000000-0000-0000-0000-0000000000e1'$$),
          'allowed', 'a running training run may be updated');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.training_runs WHERE id = '00000000-0000-0000-0000-0000000000e2'$$),
          'allowed', 'a running training run may be deleted');
SELECT is(pg_temp.refusal($$UPDATE jackpot.training_runs SET completed_at = now(), metrics = '{"brier": 0.2}' WHERE id = '00000000-0000-0000-0000-0000000000e1'$$),
          'allowed', 'a training run is completed');
SELECT is(pg_temp.refusal($$UPDATE jackpot.training_runs SET metrics = '{"brier": 0.1}' WHERE id = '00000000-0000-0000-0000-0000000000e1'$$),
          'JP004 training_runs.completed_immutable', 'a completed training run never changes');
SELECT is(pg_temp.refusal($$DELETE FROM jackpot.training_runs WHERE id = '00000000-0000-0000-0000-0000000000e1'$$),
          'JP004 training_runs.completed_immutable', 'a completed training run is never deleted');

-- TRUNCATE -------------------------------------------------------------------------------------
SELECT is(pg_temp.refusal(format('TRUNCATE jackpot.%I CASCADE', t)),
          'JP007 ' || t || '.no_truncate', t || ' cannot be truncated')
  FROM unnest(ARRAY['models', 'training_runs', 'jackpots', 'jackpot_fixtures', 'predictions',
                    'validation_results', 'calibration_data', 'team_features', 'ingestion_logs']) AS t;
SELECT is(left(pg_temp.refusal('TRUNCATE jackpot.leagues CASCADE'), 5), 'JP007',
          'TRUNCATE ... CASCADE from a mutable table cannot reach immutable rows');

SELECT * FROM finish();
ROLLBACK;
