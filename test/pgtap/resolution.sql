-- Real coupons: a fixture's names resolved together (pair evidence over a single name, stale
-- clubs, namesakes across countries), create_jackpot's one error listing every unresolved
-- fixture, each basis's formulas against hand computations, verify_jackpot on every basis, and the
-- immutability of fallback fixtures.
\ir include/setup.sql
SELECT plan(27);

-- Three countries: RA (Atlantis) with a model, and two leagues sharing the club name "Nacional".
INSERT INTO jackpot.leagues (code, name, country) VALUES ('RA', 'Atlantic League', 'Atlantis'),
  ('RB', 'Boreal League', 'Borealis'), ('RC', 'Caledonian League', 'Caledonia');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT l.id, t.name, jackpot.canonical_team_name(t.name)
    FROM jackpot.leagues AS l JOIN (VALUES ('RA', 'Hull'), ('RA', 'QPR'), ('RA', 'Arsenal'), ('RA', 'Oxford'),
                                           ('RA', 'Oldtown'), ('RB', 'Nacional'), ('RB', 'Benfica'),
                                           ('RC', 'Nacional'), ('RC', 'Penarol')) AS t(code, name) ON t.code = l.code;
INSERT INTO jackpot.team_aliases (alias, team_id) SELECT 'Queens Park Rangers', id FROM jackpot.teams WHERE name = 'QPR';
-- a season of RA (three double round-robins, one match day a week from September 2023; scores
-- from the team numbers, so the data is the same on every run); RB and RC a few matches each;
-- Oldtown last played in 2020
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals,
                             result, closing_odds, prob_home_market, prob_draw_market, prob_away_market, snapshot_date)
SELECT h.league_id, '2023-24', date '2023-09-02' + 7 * (row_number() OVER (ORDER BY r, h.name, a.name))::int / 2,
       h.id, a.id, g.hg, g.ag, jackpot.result_from_goals(g.hg, g.ag), '{"home": 2.2, "draw": 3.4, "away": 3.3}',
       q[1], q[2], q[3], '2024-06-01'
  FROM jackpot.teams AS h JOIN jackpot.teams AS a ON a.league_id = h.league_id AND a.id <> h.id
 CROSS JOIN generate_series(1, 3) AS r
 CROSS JOIN LATERAL (SELECT (ascii(h.name) * 7 + ascii(a.name) * 3 + r) % 4 AS hg, (ascii(h.name) * 5 + ascii(a.name) + 2 * r) % 3 AS ag) AS g
 CROSS JOIN LATERAL (SELECT jackpot.remove_margin(ARRAY[2.2, 3.4, 3.3]) AS q) AS m
 WHERE h.league_id = (SELECT id FROM jackpot.leagues WHERE code = 'RA') AND 'Oldtown' NOT IN (h.name, a.name);
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result,
                             closing_odds, snapshot_date)
SELECT h.league_id, s.season, s.day, h.id, a.id, 1, 0, 'H', '{}', '2024-06-01'
  FROM (VALUES ('RB', 'Nacional', 'Benfica', '2024-03-02'::date, '2023-24'), ('RB', 'Benfica', 'Nacional', '2024-04-06', '2023-24'),
               ('RC', 'Nacional', 'Penarol', '2024-03-09', '2023-24'), ('RC', 'Penarol', 'Nacional', '2024-04-13', '2023-24'),
               ('RA', 'Oldtown', 'Hull', '2020-03-07', '2019-20')) AS s(code, home, away, day, season)
  JOIN jackpot.leagues AS l ON l.code = s.code
  JOIN jackpot.teams AS h ON h.league_id = l.id AND h.name = s.home JOIN jackpot.teams AS a ON a.league_id = l.id AND a.name = s.away;
SELECT version AS ra_model FROM jackpot.dixon_coles_fit('RA', '2024-06-01', seasons => ARRAY['2023-24']) \gset

-- resolution ------------------------------------------------------------------------------------
SELECT is((SELECT home_team || ' ' || home_evidence || ' / ' || away_team || ' ' || away_evidence || ' / ' || league
             FROM jackpot.resolve_fixture('Hull City', 'Queens Park Rangers', '2024-06-08')),
          'Hull league / QPR league / RA', 'the pair resolves what the name alone would not: both play in RA');
SELECT is((SELECT (home_team_id IS NULL) || ' ' || (home_candidates -> 0 ->> 'team') || ' ' || (home_candidates -> 0 ->> 'unexplained')
             FROM jackpot.resolve_fixture('Hull City', 'Nobody Wanderers', '2024-06-08')),
          'true Hull city', '"Hull City" alone leaves "city" unexplained: unresolved, Hull its candidate');
SELECT ok((SELECT home_reason ~ 'unexplained' FROM jackpot.resolve_fixture('Hull City', 'Nobody Wanderers', '2024-06-08')),
          '... and the reason says why');
SELECT is((SELECT home_team || ' ' || home_league FROM jackpot.resolve_fixture('Nacional', 'Benfica', '2024-06-08')),
          'Nacional RB', 'namesakes in two countries: the opponent''s league decides (Borealis)');
SELECT is((SELECT home_team || ' ' || home_league FROM jackpot.resolve_fixture('Nacional', 'Penarol', '2024-06-08')),
          'Nacional RC', '... and the other one (Caledonia)');
SELECT is((SELECT (home_team_id IS NULL) || ' ' || jsonb_array_length(home_candidates)
             FROM jackpot.resolve_fixture('Nacional', 'Nobody Wanderers', '2024-06-08')),
          'true 2', 'without an opponent of the data, both namesakes stay candidates: unresolved');
SELECT is((SELECT (home_team_id IS NULL) || ' ' || (home_candidates -> 0 ->> 'stale')
             FROM jackpot.resolve_fixture('Oldtown', 'Arsenal', '2024-06-08')),
          'true true', 'a club that last played in 2020 is stale evidence: unresolved, reported stale');
SELECT is((SELECT home_team FROM jackpot.resolve_fixture('Nacional', 'Nobody Wanderers', '2024-06-08', 'RB')), 'Nacional',
          'the fixture''s league settles a single name');
SELECT is(pg_temp.refusal($$SELECT jackpot.resolve_fixture('', 'Hull', '2024-06-08')$$), '22023 a team name must not be empty',
          'an empty name: 22023');

-- create_jackpot: one error that lists every unresolved fixture -------------------------------------
CREATE TEMP TABLE coupon AS SELECT '[
  {"home": "Hull City", "away": "Queens Park Rangers", "date": "2024-06-08"},
  {"home": "Newcastle Jets", "away": "Central Coast Mariners", "date": "2024-06-08", "odds_home": 2.4, "odds_draw": 3.3, "odds_away": 2.9},
  {"home": "Atlantis", "away": "Borealis", "date": "2024-06-09"}]'::jsonb AS fixtures;
SELECT is(pg_temp.refusal('SELECT jackpot.create_jackpot(fixtures) FROM coupon'), 'P0002 create_jackpot',
          'unresolved names: P0002');
CREATE FUNCTION pg_temp.message_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLERRM;
END
$$;
SELECT ok((SELECT m ~ '^create_jackpot: 2 of 3 fixtures could not be resolved: fixture 2 \(Newcastle Jets v Central Coast Mariners\): home "Newcastle Jets": .*; away "Central Coast Mariners": .*; fixture 3 \(Atlantis v Borealis\)'
             FROM pg_temp.message_of('SELECT jackpot.create_jackpot(fixtures) FROM coupon') AS m),
          'the one error lists every unresolved fixture and name, not just the first');
SELECT is((SELECT count(*)::int FROM jackpot.jackpots), 0, 'nothing was written');

-- 'fallback': every fixture on a basis ------------------------------------------------------------
SELECT jackpot.create_jackpot(fixtures, 'fallback') AS j FROM coupon \gset
SELECT results_eq(format('SELECT basis, model_id IS NULL, home_team_id IS NULL FROM jackpot.jackpot_fixtures WHERE jackpot_id = %L ORDER BY match_order', :'j'),
                  $$VALUES ('model', false, false), ('market', true, true), ('prior', true, true)$$,
                  'model for the resolved pair, market with odds, prior without');
SELECT is((SELECT count(*)::int FROM jackpot.predict_jackpot(:'j')), 21, '7 x 3 predictions on three bases');
SELECT is((SELECT model_fixtures || ' ' || market_fixtures || ' ' || prior_fixtures FROM jackpot.jackpot_summary(:'j', 'A')),
          '1 1 1', 'jackpot_summary counts the fixtures on each basis');
SELECT results_eq(format('SELECT basis, home_team FROM jackpot.jackpot_picks(%L, %L)', :'j', 'G'),
                  $$VALUES ('model', 'Hull'), ('market', 'Newcastle Jets'), ('prior', 'Atlantis')$$,
                  'jackpot_picks shows the basis, and the coupon''s names where unresolved');

-- each basis's formulas against hand computations
CREATE TEMP TABLE market AS
SELECT f.basis_inputs AS b, jackpot.remove_margin(ARRAY[f.odds_home, f.odds_draw, f.odds_away], j.settings ->> 'margin_method') AS q,
       (j.settings ->> 'conservative_shrinkage')::float8 AS kappa
  FROM jackpot.jackpot_fixtures AS f JOIN jackpot.jackpots AS j ON j.id = f.jackpot_id
 WHERE f.jackpot_id = :'j' AND f.match_order = 2;
SELECT is((SELECT ARRAY[p.prob_home, p.prob_draw, p.prob_away] FROM jackpot.predictions AS p
             JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id WHERE f.jackpot_id = :'j' AND f.match_order = 2 AND p.set_id = 'A'),
          (SELECT q FROM market), 'market basis, set A: the margin-free odds');
SELECT ok((SELECT abs(p.prob_home - ((1 - kappa) * q[1] + kappa * (b ->> 'home_rate')::float8)) < 1e-15
              AND abs(p.prob_draw - ((1 - kappa) * q[2] + kappa * (b ->> 'draw_rate')::float8)) < 1e-15
             FROM jackpot.predictions AS p JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id, market
            WHERE f.jackpot_id = :'j' AND f.match_order = 2 AND p.set_id = 'C'),
          'market basis, set C: (1 - kappa) q + kappa b, b the locked base rates');
SELECT ok((SELECT abs(s[1] - (q[1])) < 1e-12 AND abs(s[3] - q[3]) < 1e-12
             FROM (SELECT (SELECT ARRAY[sum(m[x][y]) FILTER (WHERE x > y), sum(m[x][y]) FILTER (WHERE x = y), sum(m[x][y]) FILTER (WHERE x < y)]
                             FROM generate_series(0, 8) AS x, generate_series(0, 8) AS y) AS s, q
                     FROM (SELECT jackpot.score_matrix(p.lambda_home, p.lambda_away, (mk.b ->> 'rho')::float8, (mk.b ->> 'max_goals')::int) AS m, mk.q
                             FROM jackpot.predictions AS p JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id, market AS mk
                            WHERE f.jackpot_id = :'j' AND f.match_order = 2 AND p.set_id = 'A') AS x) AS y),
          'market basis: the expected goals'' score matrix reproduces the market''s 1X2');
-- the prior's population: every league's matches in the 365 days before 2024-06-09 (RA has none of
-- its own here: the fixture has no league)
SELECT is((SELECT ARRAY[(basis_inputs ->> 'home_rate')::float8, (basis_inputs ->> 'draw_rate')::float8,
                        (basis_inputs ->> 'away_rate')::float8, (basis_inputs ->> 'mean_home_goals')::float8]
             FROM jackpot.jackpot_fixtures WHERE jackpot_id = :'j' AND match_order = 3),
          (SELECT ARRAY[(count(*) FILTER (WHERE result = 'H') + 1.0)::float8 / (count(*) + 3), (count(*) FILTER (WHERE result = 'D') + 1.0)::float8 / (count(*) + 3),
                        (count(*) FILTER (WHERE result = 'A') + 1.0)::float8 / (count(*) + 3), sum(home_goals)::float8 / count(*)]
             FROM jackpot.matches WHERE match_date < '2024-06-09' AND match_date >= date '2024-06-09' - 365),
          'prior basis: the add-one base rates and mean goals of the past year''s matches');
SELECT is((SELECT ARRAY[p.prob_home, p.prob_draw, p.prob_away, p.lambda_home] FROM jackpot.predictions AS p
             JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id WHERE f.jackpot_id = :'j' AND f.match_order = 3 AND p.set_id = 'A'),
          (SELECT ARRAY[(b ->> 'home_rate')::float8, (b ->> 'draw_rate')::float8, (b ->> 'away_rate')::float8, (b ->> 'mean_home_goals')::float8]
             FROM jackpot.jackpot_fixtures AS f, LATERAL (SELECT f.basis_inputs AS b) AS x WHERE f.jackpot_id = :'j' AND f.match_order = 3),
          'prior basis, set A: the base rates, with the mean goals as expected goals');

-- verify on every basis, and immutability of the fallback fixtures -------------------------------
SELECT is((SELECT count(*)::int FROM jackpot.verify_jackpot(:'j')), 0, 'verify_jackpot reproduces every basis bit for bit');
-- more matches arrive: the locked inputs keep the fixture's sets as they were
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result,
                             closing_odds, snapshot_date)
SELECT l.id, '2023-24', '2024-05-25', h.id, a.id, 5, 0, 'H', '{}', '2024-06-01'
  FROM jackpot.leagues AS l JOIN jackpot.teams AS h ON h.league_id = l.id AND h.name = 'Benfica'
  JOIN jackpot.teams AS a ON a.league_id = l.id AND a.name = 'Nacional' WHERE l.code = 'RB';
SELECT is((SELECT count(*)::int FROM jackpot.verify_jackpot(:'j')), 0, '... and still after more matches arrive');
SELECT status FROM jackpot.finalize_jackpot(:'j') \gset
SELECT is(pg_temp.refusal(format($$UPDATE jackpot.jackpot_fixtures SET basis_inputs = '{}' WHERE jackpot_id = %L AND match_order = 3$$, :'j')),
          'JP001 jackpot_fixtures.frozen_inputs', 'a finalized fallback fixture''s inputs never change');
SELECT is(pg_temp.refusal(format($$UPDATE jackpot.jackpot_fixtures SET basis = 'model', basis_inputs = NULL WHERE jackpot_id = %L AND match_order = 2$$, :'j')),
          'JP001 jackpot_fixtures.frozen_inputs', '... nor its basis');
SELECT is(pg_temp.refusal(format($$UPDATE jackpot.jackpot_fixtures SET resolution = '{}' WHERE jackpot_id = %L AND match_order = 2$$, :'j')),
          'JP001 jackpot_fixtures.frozen_inputs', '... nor its resolution record');
SET session_replication_role = replica;
UPDATE jackpot.predictions AS p SET prob_draw = p.prob_draw + 1e-16 FROM jackpot.jackpot_fixtures AS f
 WHERE f.id = p.fixture_id AND f.jackpot_id = :'j' AND f.match_order = 2 AND p.set_id = 'D';
RESET session_replication_role;
SELECT results_eq(format('SELECT match_order, set_id::text, field FROM jackpot.verify_jackpot(%L)', :'j'),
                  $$VALUES (2, 'D', 'prob_draw')$$, 'verify_jackpot catches a changed bit on a market fixture');

SELECT * FROM finish();
ROLLBACK;
