-- The real collection (../shared/football-data), loaded by test/shared-data/run before this
-- file: counts against the manifests, and the two real SportPesa coupons resolved to the
-- data's teams. psql variables: manifest, manifest_new, coupon (files' contents, base64).
\set QUIET 1
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;
BEGIN;
SELECT plan(12);

CREATE TEMP TABLE main_manifest AS
  SELECT e->>'file' AS file, e->>'div' AS code,
         substr(e->>'season', 1, 2) AS yy, (e->>'rows')::int AS rows, (e->>'missing_score_rows')::int AS missing
    FROM jsonb_array_elements(convert_from(decode(:'manifest', 'base64'), 'UTF8')::jsonb) AS e;
CREATE TEMP TABLE extra_manifest AS
  SELECT e->>'code' AS code, (e->>'rows')::int AS rows
    FROM jsonb_array_elements(convert_from(decode(:'manifest_new', 'base64'), 'UTF8')::jsonb) AS e;

SELECT is((SELECT count(*)::int FROM main_manifest), 206, 'the manifest lists 206 main-league files');
SELECT is(ARRAY(SELECT m.file FROM main_manifest m
                  LEFT JOIN jackpot.ingestion_logs l
                    ON l.league_code = m.code AND l.season = '20' || m.yy || '-' || lpad(((m.yy::int + 1) % 100)::text, 2, '0')
                 WHERE l.records_loaded IS DISTINCT FROM m.rows ORDER BY 1),
          '{}'::text[], 'every main-league file loaded exactly its manifest row count');
SELECT is(ARRAY(SELECT m.file FROM main_manifest m
                  JOIN jackpot.ingestion_logs l
                    ON l.league_code = m.code AND l.season = '20' || m.yy || '-' || lpad(((m.yy::int + 1) % 100)::text, 2, '0')
                 WHERE l.records_loaded - l.records_inserted <> m.missing ORDER BY 1),
          '{}'::text[], 'rows without a full-time score are exactly the manifest''s (skipped and counted)');
SELECT is(ARRAY(SELECT x.code FROM extra_manifest x
                  LEFT JOIN (SELECT league_code, sum(records_loaded)::int AS loaded FROM jackpot.ingestion_logs GROUP BY 1) l
                    ON l.league_code = x.code
                 WHERE l.loaded IS DISTINCT FROM x.rows ORDER BY 1),
          '{}'::text[], 'every extra-league file loaded exactly its manifest row count, over all its seasons');
SELECT is((SELECT count(*)::int FROM jackpot.matches),
          (SELECT sum(records_inserted)::int FROM jackpot.ingestion_logs),
          'every played match is stored once (the second load inserted nothing)');
SELECT is((SELECT count(*)::int FROM jackpot.matches WHERE closing_odds <> '{}' AND prob_home_market IS NULL), 0,
          'every match with odds has market probabilities');

CREATE TEMP TABLE coupon AS
  SELECT f[1] AS jackpot, f[2]::int AS n, f[3]::timestamptz AS kickoff, f[4] AS home, f[5] AS away
    FROM regexp_split_to_table(convert_from(decode(:'coupon', 'base64'), 'UTF8'), E'\r?\n') WITH ORDINALITY AS l(line, k),
         LATERAL string_to_array(line, ',') AS f
   WHERE k > 1 AND line <> '';
CREATE TEMP TABLE expected (name text, team text, league text);
INSERT INTO expected VALUES
  ('Hull City', 'Hull', 'E1'), ('Queens Park Rangers', 'QPR', 'E1'), ('Blackburn Rovers', 'Blackburn', 'E1'),
  ('Birmingham City', 'Birmingham', 'E1'), ('Getafe CF', 'Getafe', 'SP1'), ('Real Betis Seville', 'Betis', 'SP1'),
  ('FC Twente Enschede', 'Twente', 'N1'), ('Feyenoord Rotterdam', 'Feyenoord', 'N1'), ('OGC Nice', 'Nice', 'F1'),
  ('Lille OSC', 'Lille', 'F1'), ('RSC Anderlecht', 'Anderlecht', 'B1'), ('Royal Antwerp FC', 'Antwerp', 'B1'),
  ('Real Valladolid', 'Valladolid', 'SP1'), ('Valencia CF', 'Valencia', 'SP1'), ('Brighton & Hove Albion', 'Brighton', 'E0'),
  ('Liverpool FC', 'Liverpool', 'E0'), ('AJ Auxerre', 'Auxerre', 'F1'), ('Montpellier HSC', 'Montpellier', 'F1'),
  ('Clermont Foot 63', 'Clermont', 'F1'), ('FC Nantes', 'Nantes', 'F1'), ('Schalke 04', 'Schalke 04', 'D1'),
  ('1. FC Cologne', 'FC Koln', 'D1'), ('Cercle Brugge', 'Cercle Brugge', 'B1'), ('KAA Gent', 'Gent', 'B1'),
  ('CA Osasuna', 'Osasuna', 'SP1'), ('Atletico Madrid', 'Ath Madrid', 'SP1'), ('SC Cambuur', 'Cambuur', 'N1'),
  ('Fortuna Sittard', 'For Sittard', 'N1'), ('Bayer Leverkusen', 'Leverkusen', 'D1'), ('Borussia Dortmund', 'Dortmund', 'D1'),
  ('RC Celta de Vigo', 'Celta', 'SP1'), ('Athletic Bilbao', 'Ath Bilbao', 'SP1'), ('Boavista Porto', 'Boavista', 'P1'),
  ('Portimonense SC', 'Portimonense', 'P1'), ('AFC Bournemouth', 'Bournemouth', 'E0'), ('Nottingham Forest', 'Nott''m Forest', 'E0'),
  ('Southampton FC', 'Southampton', 'E0'), ('Aston Villa', 'Aston Villa', 'E0'), ('Preston North End', 'Preston', 'E1'),
  ('Blackpool', 'Blackpool', 'E1'), ('Huddersfield Town', 'Huddersfield', 'E1'), ('Cardiff City', 'Cardiff', 'E1'),
  ('Millwall FC', 'Millwall', 'E1'), ('Swansea City', 'Swansea', 'E1'), ('Wigan Athletic', 'Wigan', 'E1'),
  ('Luton Town', 'Luton', 'E1'), ('Espanyol Barcelona', 'Espanol', 'SP1'), ('Sparta Rotterdam', 'Sparta Rotterdam', 'N1'),
  ('RKC Waalwijk', 'Waalwijk', 'N1'), ('Go Ahead Eagles', 'Go Ahead Eagles', 'N1'), ('Gaziantep FK', 'Gaziantep', 'T1'),
  ('Sivasspor', 'Sivasspor', 'T1'), ('Sunderland AFC', 'Sunderland', 'E1'), ('Middlesbrough FC', 'Middlesbrough', 'E1'),
  ('Ajax Amsterdam', 'Ajax', 'N1'), ('Leeds United', 'Leeds', 'E0'), ('Brentford FC', 'Brentford', 'E0'),
  ('AC Monza', 'Monza', 'I1'), ('Sassuolo Calcio', 'Sassuolo', 'I1'), ('Maritimo Madeira', 'Maritimo', 'P1'),
  ('Estoril Praia', 'Estoril', 'P1'), ('Borussia Monchengladbach', 'M''gladbach', 'D1');
SELECT is((SELECT count(*)::int FROM coupon), 34, 'the two real coupons hold 34 fixtures');
SELECT is(ARRAY(SELECT c.name || ' -> ' || coalesce(r.name || ' (' || l.code || ')', 'nothing')
                  FROM (SELECT home AS name, kickoff::date AS d FROM coupon UNION ALL SELECT away, kickoff::date FROM coupon) AS c
                  JOIN expected AS e ON e.name = c.name
                  CROSS JOIN LATERAL jackpot.resolve_team(c.name, NULL, c.d) AS r
                  JOIN jackpot.leagues AS l ON l.id = r.league_id
                 WHERE r.name <> e.team OR l.code <> e.league
                 UNION ALL
                SELECT c.name || ' has no expected team' FROM (SELECT home AS name FROM coupon UNION SELECT away FROM coupon) c
                 WHERE NOT EXISTS (SELECT 1 FROM expected e WHERE e.name = c.name)),
          '{}'::text[], 'all 68 names of the 34 fixtures resolve, without a league, to the right team and league');

-- Dixon-Coles against goalmodel's reference (E0 2012-13, unweighted): at least its
-- log-likelihood, at machine-level gradient; its rates within the precision goalmodel reached.
SELECT parameters AS reference FROM jackpot.dixon_coles_fit('E0', '2013-07-01', 0, ARRAY['2012-13']) \gset ref_
SELECT ok((:'ref_reference'::jsonb ->> 'log_likelihood')::float8 >= -1089.60435
          AND (:'ref_reference'::jsonb ->> 'gradient_norm')::float8 <= 1e-8,
          'E0 2012-13: log-likelihood >= goalmodel''s -1089.60435 at a gradient max-norm <= 1e-8');
SELECT ok(abs((:'ref_reference'::jsonb ->> 'rho')::float8 + 0.1141422) < 2e-4
          AND abs((:'ref_reference'::jsonb ->> 'home_advantage')::float8 - 0.2317020) < 2e-4,
          'E0 2012-13: rho and home advantage as goalmodel''s');
SET jackpot.max_goals = 25;
SELECT ok(abs(p.prob_home - 0.770636) < 3e-4 AND abs(p.prob_draw - 0.153914) < 3e-4 AND abs(p.prob_away - 0.075450) < 3e-4
          AND abs(p.lambda_home - 2.698948) < 2e-3 AND abs(p.lambda_away - 0.780314) < 2e-3,
          'Arsenal-Aston Villa as goalmodel''s')
  FROM jackpot.models m, jackpot.predict_fixture(m.version, 'Arsenal', 'Aston Villa') AS p
 WHERE m.parameters ->> 'training_data_sha256' = :'ref_reference'::jsonb ->> 'training_data_sha256';
RESET jackpot.max_goals;
SELECT ok((parameters ->> 'gradient_norm')::float8 <= 1e-8 AND (parameters ->> 'n_matches')::int = 3800,
          'E0 2014-15..2023-24 (3,800 matches, xi 0.0065) converges to a gradient max-norm <= 1e-8')
  FROM jackpot.dixon_coles_fit('E0', '2024-06-01', 0.0065,
         ARRAY['2014-15', '2015-16', '2016-17', '2017-18', '2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24']);

SELECT * FROM finish();
ROLLBACK;
