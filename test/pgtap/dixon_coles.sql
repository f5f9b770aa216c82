-- Dixon–Coles fitting rules: errors with their SQLSTATEs and nothing written, nothing read from
-- on or after as_of, determinism, and prediction errors.
\ir include/setup.sql
SELECT plan(20);

INSERT INTO jackpot.leagues (id, code, name, country) VALUES (801, 'T8', 'Test', 'Nowhere'), (802, 'T9', 'Split', 'Nowhere');
INSERT INTO jackpot.teams (id, league_id, name, canonical_name)
  SELECT 8000 + n, 801, 'Club ' || n, 'club ' || n FROM generate_series(1, 5) AS n;
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result, closing_odds, snapshot_date)
SELECT 801, '2023-24', date '2023-08-05' + 3 * row_number() OVER (ORDER BY r, h, a)::int, 8000 + h, 8000 + a, g.x, g.y,
       jackpot.result_from_goals(g.x, g.y), '{}', '2024-06-01'
  FROM generate_series(1, 5) AS h, generate_series(1, 5) AS a, generate_series(1, 3) AS r,
       LATERAL (SELECT (h * 3 + a + r) % 4 AS x, (h + 2 * a + r) % 3 AS y) AS g
 WHERE h <> a;
CREATE FUNCTION pg_temp.written() RETURNS bigint[] LANGUAGE sql AS $$
  SELECT ARRAY[(SELECT count(*) FROM jackpot.models), (SELECT count(*) FROM jackpot.training_runs),
               (SELECT count(*) FROM jackpot.team_features)]
$$;

SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('NOPE')$$), '22023 unknown league "NOPE"', 'an unknown league is refused');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', '2020-01-01')$$), 'P0002 no matches of league T8 before 2020-01-01',
          'no matches before as_of is refused (no_data_found)');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', '2024-06-01', -0.001)$$), '22023 xi must be a finite decay rate >= 0 per day, not -0.001000',
          'a negative xi is refused');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', 'infinity')$$), '22023 as_of must be a finite date, not infinity',
          'an infinite as_of is refused');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', '-infinity')$$), '22023 as_of must be a finite date, not -infinity',
          'and so is -infinity');
SAVEPOINT infinite_match;
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result, closing_odds, snapshot_date)
VALUES (801, '2023-24', '-infinity', 8001, 8002, 1, 0, 'H', '{}', '2024-06-01');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', '2024-06-01')$$),
          '22008 a training match is dated -infinity', 'a match dated -infinity is refused, not read as a number of days');
ROLLBACK TO SAVEPOINT infinite_match;
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', '2023-08-20')$$),
          '22023 league T8 before 2023-08-20', 'a team with too few matches is refused');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', seasons => ARRAY['1999-00'])$$), 'P0002 no matches of league T8 before ' || current_date || ' in the given seasons',
          'seasons select the training matches');
-- Seasons are a parameter of the training read, never part of its text: quotes, backslashes and
-- SQL in a season's name stay a value.
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_fit('T8', '2024-06-01', 0.01,
                                    ARRAY[E'2023-24''); DELETE FROM jackpot.matches; --', E'a\\''b', NULL])$$),
          'P0002 no matches of league T8 before 2024-06-01 in the given seasons',
          'seasons with quotes, backslashes and SQL in their names select nothing and run nothing');
SELECT is((SELECT count(*) FROM jackpot.matches WHERE league_id = 801), 60::bigint, '... and every match is still there');
SELECT lives_ok($$SELECT jackpot.dixon_coles_fit('T8', '2024-06-01', 0.01, ARRAY['2023-24', NULL]) IS NOT NULL$$,
                'a NULL among the seasons is no season, and the others are read');
SELECT is(pg_temp.written(), ARRAY[1, 1, 5]::bigint[], 'refused fits wrote nothing (the one fit wrote its rows)');

SELECT lives_ok($$SELECT jackpot.dixon_coles_fit('T8', '2024-01-01', 0.01)$$, 'a fit on good data succeeds');
SELECT is(pg_temp.written(), ARRAY[2, 2, 10]::bigint[], 'it writes one model, one training run and a feature row per team');
SELECT version AS first_version, parameters ->> 'training_data_sha256' AS first_sha FROM jackpot.models WHERE status = 'active' \gset
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result, closing_odds, snapshot_date)
VALUES (801, '2023-24', '2024-01-01', 8001, 8002, 9, 0, 'H', '{}', '2024-06-01'),
       (801, '2023-24', '2024-03-01', 8003, 8004, 0, 7, 'A', '{}', '2024-06-01');
SELECT is((SELECT version FROM jackpot.dixon_coles_fit('T8', '2024-01-01', 0.01)), :'first_version',
          'matches on or after as_of are never read: the same fit again is the same model');
SELECT is(pg_temp.written(), ARRAY[2, 2, 10]::bigint[], 'and writes nothing new');
SELECT isnt((SELECT parameters ->> 'training_data_sha256' FROM jackpot.dixon_coles_fit('T8', '2024-01-02', 0.01)), :'first_sha',
          'a match the day before as_of is read');

-- disconnected groups of teams cannot be compared
INSERT INTO jackpot.teams (id, league_id, name, canonical_name)
  SELECT 8100 + n, 802, 'Side ' || n, 'side ' || n FROM generate_series(1, 4) AS n;
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result, closing_odds, snapshot_date)
SELECT 802, '2023-24', date '2023-08-01' + 2 * k, 8100 + h, 8100 + a, 1 + k % 2, k % 2, jackpot.result_from_goals(1 + k % 2, k % 2), '{}', '2024-06-01'
  FROM (VALUES (1, 2), (2, 1), (3, 4), (4, 3)) AS p(h, a), generate_series(1, 4) AS k;
SELECT throws_like($$SELECT jackpot.dixon_coles_fit('T9', '2024-06-01')$$,
          '%the teams form disconnected groups (team Side 3 never meets team Side 1 through any chain of matches)%',
          'disconnected groups of teams are refused, naming the teams');

SELECT is(pg_temp.refusal(format('SELECT jackpot.predict_fixture(%L, %L, %L)', :'first_version', 'Club 1', 'Side 1')),
          'P0002 resolve_team', 'a team outside the model''s league is refused');
SELECT is(pg_temp.refusal($$SELECT jackpot.score_matrix(0, 1, 0)$$), '22023 expected goals lambda and mu must be finite and positive',
          'the score matrix needs positive expected goals');

SELECT * FROM finish();
ROLLBACK;
