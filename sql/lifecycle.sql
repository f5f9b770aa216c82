-- A jackpot's life as the database enforces it: predicted while calculating, locked when
-- finalized, results recorded once. (test/pgtap/immutability.sql walks every rule both ways.)
-- One transaction, rolled back at the end; ON_ERROR_ROLLBACK keeps it alive past the
-- expected errors, so no other test sees (or is disturbed by) this file's rows.
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
INSERT INTO jackpot.leagues (code, name, country) VALUES ('E0', 'Premier League', 'England');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT l.id, t.name, lower(t.name) FROM jackpot.leagues l,
         (VALUES ('Arsenal'), ('Chelsea'), ('Everton'), ('Fulham')) AS t(name);
INSERT INTO jackpot.models (version, league_id, model_type, trained_at, parameters, training_seasons)
  SELECT 'E0-2024-05-01', id, 'dixon-coles', '2024-05-01 04:00+00', '{"rho": -0.13, "xi": 0.0065}', '["2023-24"]'
    FROM jackpot.leagues WHERE code = 'E0';
INSERT INTO jackpot.jackpots (id, user_id, league_id, model_version)
  SELECT '11111111-1111-1111-1111-111111111111', 'alice', id, 'E0-2024-05-01' FROM jackpot.leagues WHERE code = 'E0';
-- (explicit ids: messages name them, and identity sequences do not roll back with other tests)
INSERT INTO jackpot.jackpot_fixtures (id, jackpot_id, match_order, match_date, home_team, away_team, odds_home, odds_draw, odds_away)
VALUES (901, '11111111-1111-1111-1111-111111111111', 1, '2024-05-04', 'Arsenal', 'Chelsea', 1.9, 3.6, 4.2),
       (902, '11111111-1111-1111-1111-111111111111', 2, '2024-05-04', 'Everton', 'Fulham', 2.4, 3.2, 3.1);
INSERT INTO jackpot.predictions (id, fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home, lambda_away, blend_alpha)
  SELECT 900 + row_number() OVER (ORDER BY f.match_order, s.set_id), f.id, m.id, s.set_id, 0.5, 0.3, 0.2, 1.6, 1.0, 0.6
    FROM jackpot.jackpot_fixtures f, jackpot.models m,
         unnest(enum_range(NULL::jackpot.prediction_set)) AS s(set_id);
SELECT count(*) AS predictions FROM jackpot.predictions;

-- While calculating, inputs may still be corrected, but predictions are locked
UPDATE jackpot.jackpot_fixtures SET odds_home = 1.95 WHERE match_order = 1;
UPDATE jackpot.predictions SET prob_home = 0.6 WHERE set_id = 'A';
DELETE FROM jackpot.predictions WHERE set_id = 'A';

-- Finalising stamps finalized_at, and the jackpot can never go back
UPDATE jackpot.jackpots SET status = 'finalized';
SELECT status, finalized_at IS NOT NULL AS stamped FROM jackpot.jackpots;
UPDATE jackpot.jackpots SET status = 'calculating';
UPDATE jackpot.jackpots SET model_version = 'other';
DELETE FROM jackpot.jackpots;

-- Its fixtures are frozen; the real result is recorded once and must match the score
UPDATE jackpot.jackpot_fixtures SET odds_home = 2.0 WHERE match_order = 1;
INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team)
  VALUES ('11111111-1111-1111-1111-111111111111', 3, '2024-05-04', 'Fulham', 'Arsenal');
UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 2, actual_away_goals = 1, actual_result = 'A' WHERE match_order = 1;
UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 2, actual_away_goals = 1, actual_result = 'H' WHERE match_order = 1;
UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 3 WHERE match_order = 1;
SELECT match_order, actual_result, actual_home_goals, actual_away_goals FROM jackpot.jackpot_fixtures ORDER BY match_order;

-- A model's record is frozen; its status moves forward and metrics are written once
UPDATE jackpot.models SET brier_score = 0.198;
UPDATE jackpot.models SET brier_score = 0.150;
UPDATE jackpot.models SET status = 'archived';
UPDATE jackpot.models SET status = 'active';
SELECT version, status, brier_score, updated_at >= created_at AS touched FROM jackpot.models;

-- A second, still-calculating jackpot can be deleted whole, predictions included
INSERT INTO jackpot.jackpots (id, user_id, league_id, model_version)
  SELECT '22222222-2222-2222-2222-222222222222', 'alice', id, 'E0-2024-05-01' FROM jackpot.leagues WHERE code = 'E0';
INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team)
  VALUES ('22222222-2222-2222-2222-222222222222', 1, '2024-05-11', 'Chelsea', 'Everton');
INSERT INTO jackpot.predictions (fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home, lambda_away)
  SELECT f.id, m.id, 'A', 0.45, 0.3, 0.25, 1.5, 1.1 FROM jackpot.jackpot_fixtures f, jackpot.models m
   WHERE f.jackpot_id = '22222222-2222-2222-2222-222222222222';
SELECT count(*) AS predictions FROM jackpot.predictions;
DELETE FROM jackpot.jackpots WHERE id = '22222222-2222-2222-2222-222222222222';
SELECT count(*) AS predictions FROM jackpot.predictions;
SELECT count(*) AS jackpots FROM jackpot.jackpots;
ROLLBACK;
