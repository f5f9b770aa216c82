-- The integrity checks an auditor expects beyond the spec, both ways: goals >= 0, decimal odds
-- > 1, probabilities in [0, 1], result consistent with goals, distinct teams, match_order >= 1
-- and unique within its jackpot; plus the spec's own named constraints.
\ir include/setup.sql
SELECT plan(43);
\ir include/fixtures.sql

CREATE TEMP TABLE match_row AS
  SELECT 901 AS league_id, '2023-24'::text AS season, '2024-01-01'::date AS match_date,
         9001 AS home_team_id, 9002 AS away_team_id, 2 AS home_goals, 1 AS away_goals,
         'H'::jackpot.match_result AS result,
         '{"home": 2.1, "draw": 3.4, "away": 3.5, "source": "PSC"}'::jsonb AS closing_odds,
         0.46::float8 AS prob_home_market, 0.28::float8 AS prob_draw_market,
         0.26::float8 AS prob_away_market, '2024-05-01'::date AS snapshot_date;
CREATE FUNCTION pg_temp.insert_match(changes text) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.refusal(format(
    'INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals,
                                  result, closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date)
     SELECT league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result,
            closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date
       FROM (SELECT %s FROM pg_temp.match_row) AS m', changes))
$$;

-- models: one active model per league
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.models (version, league_id, model_type, trained_at, parameters)
                            VALUES ('m1-twin', 901, 'dixon-coles', now(), '{}')$$),
          '23505 uix_models_active_league', 'a league never has two active models');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.models (version, league_id, model_type, status, trained_at, parameters)
                            VALUES ('m1-old', 901, 'dixon-coles', 'archived', now(), '{}')$$),
          'allowed', 'archived models of a league are not limited');

-- matches
SELECT is(pg_temp.insert_match('*'), 'allowed', 'a consistent match is stored');
SELECT is(pg_temp.insert_match('*'), '23505 uix_match', 'uix_match: one row per league, season, date and teams');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 1 AS match_date, home_team_id, away_team_id, 1 AS home_goals, 1 AS away_goals, 'D'::jackpot.match_result AS result, '{}'::jsonb AS closing_odds, NULL::float8 AS prob_home_market, NULL::float8 AS prob_draw_market, NULL::float8 AS prob_away_market, snapshot_date$$),
          'allowed', 'a match without odds is stored with closing_odds {} and no market probabilities');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, away_team_id, -1 AS home_goals, 0 AS away_goals, 'A'::jackpot.match_result AS result, closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_goals', 'goals are never negative');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, away_team_id, 0 AS home_goals, 0 AS away_goals, 'H'::jackpot.match_result AS result, closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_result', 'the result agrees with the score');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, home_team_id AS away_team_id, home_goals, away_goals, result, closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_teams', 'a team never plays itself');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, away_team_id, home_goals, away_goals, result, '{"home": 1.0, "draw": 3.4, "away": 3.5}'::jsonb AS closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_closing_odds', 'decimal odds are > 1');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, away_team_id, home_goals, away_goals, result, '{"home": "2.1", "draw": 3.4, "away": 3.5}'::jsonb AS closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_closing_odds', 'odds are JSON numbers');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, away_team_id, home_goals, away_goals, result, '{"home": 2.1, "draw": 3.4}'::jsonb AS closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_closing_odds', 'odds come as a full 1X2 set');
SELECT is(pg_temp.insert_match($$league_id, season, match_date + 2 AS match_date, home_team_id, away_team_id, home_goals, away_goals, result, closing_odds, 1.2::float8 AS prob_home_market, prob_draw_market, prob_away_market, snapshot_date$$),
          '23514 check_match_market_probs', 'market probabilities lie in [0, 1]');

-- the result of a match follows its goals in every case
SELECT is(jackpot.result_from_goals(h, a), r::jackpot.match_result, format('%s-%s is %s', h, a, r))
  FROM (VALUES (1, 0, 'H'), (0, 0, 'D'), (3, 3, 'D'), (0, 2, 'A')) AS t(h, a, r);

-- jackpot_fixtures
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team) VALUES ('00000000-0000-0000-0000-0000000000c0', 1, '2024-05-04', 'Beta', 'Gamma')$$),
          '23505 uix_jackpot_fixture_order', 'match_order is unique within a jackpot');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team) VALUES ('00000000-0000-0000-0000-0000000000c0', 0, '2024-05-04', 'Beta', 'Gamma')$$),
          '23514 check_fixture_order', 'match_order starts at 1');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team) VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-04', 'Beta', 'Beta')$$),
          '23514 check_fixture_teams', 'a fixture has two different teams');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, home_team_id, away_team_id) VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-04', 'Beta', 'Beta FC', 9002, 9002)$$),
          '23514 check_fixture_teams', 'a fixture resolves to two different teams');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, odds_home, odds_draw, odds_away) VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-04', 'Beta', 'Gamma', 0.9, 3.2, 3.3)$$),
          '23514 check_fixture_odds', 'fixture odds are > 1');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, actual_home_goals, actual_away_goals) VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-04', 'Beta', 'Gamma', -1, 0)$$),
          '23514 check_fixture_goals', 'actual goals are never negative');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, odds_home, odds_draw, odds_away) VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-04', 'Beta', 'Gamma', 1.01, 30, 50)$$),
          'allowed', 'a fixture with odds just above 1 is stored');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team) VALUES ('00000000-0000-0000-0000-000000000999', 1, '2024-05-04', 'Beta', 'Gamma')$$),
          '23503 jackpot_fixtures_jackpot_id_fkey', 'a fixture belongs to an existing jackpot');

-- predictions
CREATE FUNCTION pg_temp.insert_prediction(ph float8, pd float8, pa float8, lh float8 DEFAULT 1.4, alpha float8 DEFAULT 0.6, mph float8 DEFAULT 0.5) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.refusal(format(
    'INSERT INTO jackpot.predictions (fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home, lambda_away, blend_alpha, model_prob_home)
     VALUES (9102, %L, %L, %s, %s, %s, %s, 1.1, %s, %s)', '00000000-0000-0000-0000-0000000000a1', 'C', ph, pd, pa, lh, alpha, mph))
$$;
SELECT is(pg_temp.insert_prediction(0.5, 0.3, 0.2), 'allowed', 'probabilities summing to 1 are stored');
SELECT is(pg_temp.insert_prediction(0.5, 0.3, 0.2000005), 'allowed', 'check_prob_sum tolerates 1e-6');
SELECT is(pg_temp.insert_prediction(0.5, 0.3, 0.3), '23514 check_prob_sum', 'check_prob_sum: probabilities sum to 1');
SELECT is(pg_temp.insert_prediction(1.2, -0.1, -0.1), '23514 check_prediction_probs', 'each probability lies in [0, 1]');
SELECT is(pg_temp.insert_prediction(0.5, 0.3, 0.2, -1), '23514 check_prediction_lambdas', 'expected goals are never negative');
SELECT is(pg_temp.insert_prediction(0.5, 0.3, 0.2, 1.4, 1.5), '23514 check_prediction_alpha', 'blend_alpha lies in [0, 1]');
SELECT is(pg_temp.insert_prediction(0.5, 0.3, 0.2, 1.4, 0.6, 1.01), '23514 check_prediction_probs', 'model probabilities lie in [0, 1]');

-- the spec's other named constraints
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.jackpots (user_id, league_id, model_version, status) VALUES ('alice', 901, 'm1', 'open')$$),
          '23514 check_jackpot_status', 'check_jackpot_status: calculating or finalized');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.validation_results (model_id, set_id, outcome, brier_score, sample_count, reliability, evaluated_from, evaluated_to) VALUES ('00000000-0000-0000-0000-0000000000a1', 'A', 'win', 0.2, 10, '{}', '2024-01-01', '2024-02-01')$$),
          '23514 check_outcome_type', 'check_outcome_type: home, draw or away');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.calibration_data (model_id, outcome, bins, frequencies, trained_on_end) VALUES ('00000000-0000-0000-0000-0000000000a1', 'loss', '[]', '[]', '2024-01-01')$$),
          '23514 check_calibration_outcome', 'check_calibration_outcome: home, draw or away');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.calibration_data (model_id, outcome, bins, frequencies, trained_on_end) VALUES ('00000000-0000-0000-0000-0000000000a1', 'draw', '[]', '[]', '2024-01-01')$$),
          'allowed', 'one calibration per model and outcome');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.calibration_data (model_id, outcome, bins, frequencies, trained_on_end) VALUES ('00000000-0000-0000-0000-0000000000a1', 'draw', '[]', '[]', '2024-02-01')$$),
          '23505 uix_calibration_model_outcome', 'uix_calibration_model_outcome: not two');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.teams (league_id, name, canonical_name) VALUES (901, 'ALPHA', 'alpha')$$),
          '23505 uix_team_league', 'uix_team_league: a canonical name once per league');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.team_features (team_id, snapshot_date, feature_version, attack_strength, defense_strength, home_advantage, decay_lambda) VALUES (9001, '2024-05-01', 'v1', 0, 0, 0.3, 0.0065), (9001, '2024-05-01', 'v1', 0, 0, 0.3, 0.0065)$$),
          '23505 uix_team_feature', 'uix_team_feature: one snapshot per team, date and version');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.team_features (team_id, snapshot_date, feature_version, attack_strength, defense_strength, home_advantage, decay_lambda, win_rate_5) VALUES (9001, '2024-05-02', 'v1', 0, 0, 0.3, 0.0065, 1.5)$$),
          '23514 check_team_feature_rates', 'team feature rates lie in [0, 1]');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.ingestion_logs (source, league_code, season, snapshot_date, records_loaded, records_inserted, records_updated, records_skipped, checksum) VALUES ('s', 'T0', '2023-24', '2024-05-01', 1, 1, 0, 0, repeat('0', 64)), ('s', 'T0', '2023-24', '2024-05-01', 1, 1, 0, 0, repeat('0', 64))$$),
          '23505 uix_ingestion_unique', 'uix_ingestion_unique: one log per source, league, season and snapshot');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.ingestion_logs (source, league_code, season, snapshot_date, records_loaded, records_inserted, records_updated, records_skipped, checksum) VALUES ('s', 'T0', '2023-24', '2024-05-02', 1, 1, 0, 0, 'not-a-sha')$$),
          '23514 check_ingestion_checksum', 'the checksum is a SHA-256 in hex');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.models (version, league_id, model_type, trained_at, parameters) VALUES ('m1', 901, 'dixon-coles', now(), '{}')$$),
          '23505 models_version_key', 'a model version is unique');
SELECT is(pg_temp.refusal($$INSERT INTO jackpot.leagues (code, name, country) VALUES ('T0', 'Again', 'Nowhere')$$),
          '23505 leagues_code_key', 'a league code is unique');

SELECT * FROM finish();
ROLLBACK;
