-- Backtest and calibration records are append-only, and the validation functions refuse what
-- would not be out of sample or not enough.
\ir include/setup.sql
SELECT plan(16);
\ir include/fixtures.sql

INSERT INTO jackpot.matches (id, league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals,
                             result, closing_odds, snapshot_date)
  VALUES (99001, 901, '2023-24', '2024-04-06', 9001, 9002, 2, 1, 'H', '{}', '2024-06-01');
INSERT INTO jackpot.backtests (id, league_id, from_date, to_date, refit_every, xi, settings, steps, predicted_matches,
                               skipped_matches, started_at, completed_at)
  VALUES (99101, 901, '2024-04-01', '2024-04-30', '7 days', 0.0065, '{}', 1, 1, 0, now(), now());
INSERT INTO jackpot.backtest_fits (id, backtest_id, as_of, training_matches, parameters, team_strengths)
  VALUES (99201, 99101, '2024-04-01', 100, '{}', '{}');
INSERT INTO jackpot.backtest_predictions (backtest_id, fit_id, match_id, set_id, prob_home, prob_draw, prob_away,
                                          lambda_home, lambda_away, model_prob_home, model_prob_draw, model_prob_away)
  VALUES (99101, 99201, 99001, 'A', 0.5, 0.3, 0.2, 1.5, 1.0, 0.5, 0.3, 0.2);

SELECT is(pg_temp.refusal(format('UPDATE jackpot.%I SET id = id', t)), 'JP004 ' || t || '.append_only',
          t || ' rows are never updated')
  FROM unnest(ARRAY['backtests', 'backtest_fits', 'backtest_predictions']) AS t;
SELECT is(pg_temp.refusal(format('DELETE FROM jackpot.%I', t)), 'JP004 ' || t || '.append_only',
          t || ' rows are never deleted')
  FROM unnest(ARRAY['backtests', 'backtest_fits', 'backtest_predictions']) AS t;
SELECT is(pg_temp.refusal(format('TRUNCATE jackpot.%I CASCADE', t)), 'JP007 ' || t || '.no_truncate',
          t || ' is never truncated')
  FROM unnest(ARRAY['backtests', 'backtest_fits', 'backtest_predictions']) AS t;
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.backtest_predictions (backtest_id, fit_id, match_id, set_id, prob_home,
            prob_draw, prob_away, lambda_home, lambda_away, model_prob_home, model_prob_draw, model_prob_away)
          VALUES (99101, 99201, 99001, 'B', 0.5, 0.3, 0.3, 1.5, 1.0, 0.5, 0.3, 0.2)$$),
          '23514 check_backtest_prob_sum', 'a backtest prediction''s probabilities sum to 1');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.backtest_predictions (backtest_id, fit_id, match_id, set_id, prob_home,
            prob_draw, prob_away, lambda_home, lambda_away, model_prob_home, model_prob_draw, model_prob_away)
          VALUES (99101, 99201, 99001, 'A', 0.5, 0.3, 0.2, 1.5, 1.0, 0.5, 0.3, 0.2)$$),
          '23505 uix_backtest_prediction', 'one prediction per backtest, match and set');

-- the functions' refusals
SET jackpot.default_blend_alpha = 0.2;
SELECT is(pg_temp.refusal($$SELECT jackpot.backtest('T0', '2024-04-01', '2024-04-30')$$),
          '22023 blend alpha 0.2 gives the market the weight 0.8, above jackpot.max_market_weight 0.7; use alpha >= 1 - jackpot.max_market_weight',
          'a backtest with settings that break the market-weight cap stops before it starts');
RESET jackpot.default_blend_alpha;
SELECT is((SELECT count(*)::int FROM jackpot.backtests), 1, 'and writes nothing');
SELECT is(pg_temp.refusal($$SELECT jackpot.calibrate_isotonic('m1')$$), '55000 calibrate_isotonic',
          'calibration needs jackpot.min_calibration_samples out-of-sample predictions');
SELECT is(pg_temp.refusal($$SELECT jackpot.reliability_svg('m1')$$), '55000 reliability_svg',
          'a diagram needs a validation');
SELECT is(pg_temp.refusal($$SELECT jackpot.isotonic_apply('{"x_thresholds": [0.2, 0.5], "y_thresholds": [0.1]}', 0.3)$$),
          '22023 a calibration must be {"x_thresholds"', 'a malformed calibration map is refused');

SELECT * FROM finish();
ROLLBACK;
