-- Dixon–Coles in the database: a fit on a small league built here, what it records, prediction,
-- the score matrix and the aggregate. (The real-data reference values are in test/shared-data.)
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
\i test/fixtures/six_team_league.sql
SELECT count(*) AS matches, min(match_date), max(match_date) FROM jackpot.matches;

SELECT version ~ '^T1-2024-06-01-[0-9a-f]{12}$' AS deterministic_name, status, model_type, training_matches,
       training_seasons, round((parameters ->> 'rho')::numeric, 6) AS rho,
       round((parameters ->> 'home_advantage')::numeric, 6) AS home_advantage,
       round((parameters ->> 'log_likelihood')::numeric, 6) AS log_likelihood,
       (parameters ->> 'gradient_norm')::float8 <= 1e-8 AS at_optimum, parameters -> 'converged' AS converged,
       parameters -> 'xi' AS xi, parameters -> 'n_matches' AS n, parameters -> 'settings' ? 'max_goals' AS has_settings,
       (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(parameters) AS k) AS parameter_keys
  FROM jackpot.dixon_coles_fit('T1', '2024-06-01', 0.0065);
SELECT version AS v1 FROM jackpot.models \gset
-- what the fit recorded beside the model
SELECT run_type, objective, match_count, data_start, data_end, completed_at IS NOT NULL AS completed FROM jackpot.training_runs;
SELECT count(*) AS teams, count(*) FILTER (WHERE goals_scored_20 IS NOT NULL AND home_win_rate IS NOT NULL) AS with_form,
       bool_and(decay_lambda = 0.0065) AS decay, bool_and(feature_version = :'v1') AS versioned
  FROM jackpot.team_features;
SELECT round(sum(ln(attack_rating))::numeric, 12) AS sum_attack, round(sum(ln(defense_rating))::numeric, 12) AS sum_defence
  FROM jackpot.teams WHERE last_calculated IS NOT NULL;
SELECT count(*) AS strengths, bool_and(value ? 'attack_se' AND value ? 'defence_se') AS with_se
  FROM jackpot.models, jsonb_each(team_strengths);
-- the same data and options: the same model; other options: a new active model, the old archived
SELECT version = :'v1' AS same_model FROM jackpot.dixon_coles_fit('T1', '2024-06-01', 0.0065);
SELECT status, (parameters ->> 'rho')::float8 = -0.13 AS fixed_rho FROM jackpot.dixon_coles_fit('T1', '2024-06-01', 0.0065, fit_rho => false);
SELECT version = :'v1' AS first, status FROM jackpot.models ORDER BY version <> :'v1';

-- prediction through name resolution, and the score matrix behind it
SELECT round(prob_home::numeric, 6) AS home, round(prob_draw::numeric, 6) AS draw, round(prob_away::numeric, 6) AS away,
       round(lambda_home::numeric, 6) AS lambda_home, round(lambda_away::numeric, 6) AS lambda_away,
       abs(prob_home + prob_draw + prob_away - 1) < 1e-15 AS sums_to_one
  FROM jackpot.predict_fixture(:'v1', 'Team 1 FC', 'TEAM 2');
SELECT array_length(m, 1) AS rows, array_lower(m, 1) AS first_goal, round(m[0][0]::numeric, 6) AS p_0_0,
       round(m[1][1]::numeric, 6) AS p_1_1, round((SELECT sum(x) FROM unnest(m) AS x)::numeric, 12) AS total
  FROM jackpot.score_matrix(1.5, 1.1, -0.1, 8) AS m;
SET jackpot.max_goals = 3;
SELECT array_length(jackpot.score_matrix(1.5, 1.1, -0.1), 1) AS rows_with_max_goals_3;
RESET jackpot.max_goals;

-- the aggregate fits any query, and agrees with the stored fit (to rounding: it orders teams by
-- first appearance, so its sums run in another order)
SELECT abs((jackpot.dixon_coles_agg(h.name, a.name, m.home_goals, m.away_goals, exp(-0.0065 * (date '2024-06-01' - m.match_date)))
          ->> 'log_likelihood')::float8 / (SELECT (parameters ->> 'log_likelihood')::float8 FROM jackpot.models WHERE version = :'v1') - 1) < 1e-12
       AS agrees_with_fit
  FROM jackpot.matches m JOIN jackpot.teams h ON h.id = m.home_team_id JOIN jackpot.teams a ON a.id = m.away_team_id;

-- a dominant team (7-0 at home) among teams that mostly draw 0-0 and 1-1: the likelihood rises to
-- the edge of rho's feasible region, and the fit is the constrained maximum on it, where
-- tau(0,1) = 1 + lambda*rho is 0 for team 0's biggest home rates (KKT multipliers >= 0)
CREATE TEMP TABLE dominant AS
  SELECT 'T' || h AS home, 'T' || a AS away,
         CASE WHEN h = 0 THEN CASE WHEN a = 4 THEN 6 ELSE 7 END WHEN a = 0 THEN 0
              WHEN r < 2 THEN (ARRAY[0, 1, 2, 1])[(h * 7 + a * 3 + r) % 4 + 1]
              ELSE (ARRAY[0, 1, 1, 0])[(h * 7 + a * 3 + r) % 4 + 1] END AS hg,
         CASE WHEN h = 0 THEN CASE WHEN a = 4 THEN 1 ELSE 0 END WHEN a = 0 THEN 2
              WHEN r < 2 THEN (ARRAY[0, 1, 1, 0])[(h * 7 + a * 3 + r) % 4 + 1]
              ELSE (ARRAY[0, 1, 2, 0])[(h * 7 + a * 3 + r) % 4 + 1] END AS ag
    FROM generate_series(0, 2) AS r, generate_series(0, 4) AS h, generate_series(0, 4) AS a WHERE h <> a;
SELECT (f ->> 'converged')::boolean AS converged, (f ->> 'gradient_norm')::float8 <= 1e-8 AS gradient_below_1e_8,
       round((f ->> 'rho')::numeric, 6) AS rho, c ->> 'home' AS home, c ->> 'away' AS away, c ->> 'score' AS score,
       (c ->> 'multiplier')::float8 >= 0 AS multiplier_non_negative
  FROM (SELECT jackpot.dixon_coles_agg(home, away, hg, ag, 1) AS f FROM dominant) AS fit,
       jsonb_array_elements(f -> 'rho_boundary') AS c ORDER BY away;

-- bad input: a clear error, nothing written
SELECT count(*) AS models_before FROM jackpot.models;
SELECT * FROM jackpot.dixon_coles_fit('XX');
SELECT * FROM jackpot.dixon_coles_fit('T1', '2023-01-01');
SELECT * FROM jackpot.dixon_coles_fit('T1', '2024-06-01', -0.5);
SELECT * FROM jackpot.dixon_coles_fit('T1', '2023-08-20');
SELECT * FROM jackpot.predict_fixture(:'v1', 'Team 1', 'Team 1');
SELECT * FROM jackpot.predict_fixture('no such model', 'Team 1', 'Team 2');
SELECT jackpot.score_matrix(1.5, 1.1, 0.9, 8);
SELECT count(*) AS models_after FROM jackpot.models;
ROLLBACK;
