-- The real collection (../shared/football-data), loaded by test/shared-data/run before this
-- file: counts against the manifests, and the two real SportPesa coupons resolved to the
-- data's teams. psql variables: manifest, manifest_new, coupon (files' contents, base64).
\set QUIET 1
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;
BEGIN;
SELECT plan(22);

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
  SELECT f[1] AS jackpot, f[2]::int AS n, f[3]::timestamptz AS kickoff, f[4] AS home, f[5] AS away,
         left(f[3], 10)::date AS day, f[6] AS pick, f[7] AS score
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
-- goalmodel sums the score matrix to 25 goals; a model predicts with the max_goals it was fitted with.
SET jackpot.max_goals = 25;
SELECT parameters AS reference FROM jackpot.dixon_coles_fit('E0', '2013-07-01', 0, ARRAY['2012-13']) \gset ref_
RESET jackpot.max_goals;
SELECT ok((:'ref_reference'::jsonb ->> 'log_likelihood')::float8 >= -1089.60435
          AND (:'ref_reference'::jsonb ->> 'gradient_norm')::float8 <= 1e-8,
          'E0 2012-13: log-likelihood >= goalmodel''s -1089.60435 at a gradient max-norm <= 1e-8');
SELECT ok(abs((:'ref_reference'::jsonb ->> 'rho')::float8 + 0.1141422) < 2e-4
          AND abs((:'ref_reference'::jsonb ->> 'home_advantage')::float8 - 0.2317020) < 2e-4,
          'E0 2012-13: rho and home advantage as goalmodel''s');
SELECT ok(abs(p.prob_home - 0.770636) < 3e-4 AND abs(p.prob_draw - 0.153914) < 3e-4 AND abs(p.prob_away - 0.075450) < 3e-4
          AND abs(p.lambda_home - 2.698948) < 2e-3 AND abs(p.lambda_away - 0.780314) < 2e-3,
          'Arsenal-Aston Villa as goalmodel''s')
  FROM jackpot.models m, jackpot.predict_fixture(m.version, 'Arsenal', 'Aston Villa') AS p
 WHERE m.parameters ->> 'training_data_sha256' = :'ref_reference'::jsonb ->> 'training_data_sha256';
SELECT ok((parameters ->> 'gradient_norm')::float8 <= 1e-8 AND (parameters ->> 'n_matches')::int = 3800,
          'E0 2014-15..2023-24 (3,800 matches, xi 0.0065) converges to a gradient max-norm <= 1e-8')
  FROM jackpot.dixon_coles_fit('E0', '2024-06-01', 0.0065,
         ARRAY['2014-15', '2015-16', '2016-17', '2017-18', '2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24']);

-- Both real SportPesa coupons end to end (issue #5). Every league of a coupon is fitted as of the
-- coupon's first kick-off (only matches strictly before it), fixtures carry the data's closing
-- odds where the data has the match, then: create, predict, finalize, a refused change, the real
-- results (PD:X / PD:2 are postponed games settled by the jackpot rule), summary, ticket, audit.
CREATE TEMP TABLE coupon_run (jackpot text PRIMARY KEY, id uuid, first_day date);
DO $$
DECLARE
  c record;
  f record;
  new_id uuid;
BEGIN
  FOR c IN SELECT jackpot, min(day) AS first_day FROM coupon GROUP BY jackpot ORDER BY 2 LOOP
    PERFORM jackpot.dixon_coles_fit(l.code, c.first_day)
       FROM (SELECT DISTINCT lg.code FROM coupon AS k
               CROSS JOIN LATERAL jackpot.resolve_team(k.home, NULL, k.day) AS t
               JOIN jackpot.leagues AS lg ON lg.id = t.league_id
              WHERE k.jackpot = c.jackpot) AS l;
    SELECT jackpot.create_jackpot(jsonb_agg(
             jsonb_build_object('home', k.home, 'away', k.away, 'date', k.day::text) ||
             coalesce((SELECT jsonb_build_object('odds_home', (m.closing_odds ->> 'home')::float8,
                                                 'odds_draw', (m.closing_odds ->> 'draw')::float8,
                                                 'odds_away', (m.closing_odds ->> 'away')::float8)
                         FROM jackpot.matches AS m
                        WHERE m.home_team_id = (jackpot.resolve_team(k.home, NULL, k.day)).id
                          AND m.match_date = k.day AND m.closing_odds <> '{}'), '{}')
             ORDER BY k.n))
      INTO new_id FROM coupon AS k WHERE k.jackpot = c.jackpot;
    INSERT INTO coupon_run VALUES (c.jackpot, new_id, c.first_day);
    PERFORM jackpot.predict_jackpot(new_id);
    PERFORM jackpot.finalize_jackpot(new_id);
    FOR f IN SELECT * FROM coupon AS k WHERE k.jackpot = c.jackpot LOOP
      IF f.score LIKE 'PD:%' THEN
        PERFORM jackpot.record_void(new_id, f.n, CASE split_part(f.score, ':', 2) WHEN '1' THEN 'H' WHEN 'X' THEN 'D' WHEN '2' THEN 'A' END::jackpot.match_result);
      ELSE
        PERFORM jackpot.record_result(new_id, f.n, split_part(f.score, ':', 1)::int, split_part(f.score, ':', 2)::int);
      END IF;
    END LOOP;
  END LOOP;
END
$$;
SELECT is((SELECT array_agg(x.n ORDER BY x.n) FROM (SELECT count(*)::int AS n FROM coupon_run r JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = r.id GROUP BY r.id) x),
          ARRAY[17, 17], 'both coupons created with their 17 fixtures');
SELECT is((SELECT count(*)::int FROM coupon_run r JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = r.id
             JOIN jackpot.models m ON m.id = f.model_id
            WHERE m.league_id = f.league_id AND (m.parameters ->> 'as_of')::date = r.first_day
              AND f.home_team_id IS NOT NULL AND f.away_team_id IS NOT NULL), 34,
          'every fixture locks its own league''s model, fitted as of the coupon''s first kick-off');
SELECT is((SELECT array_agg(DISTINCT l.code ORDER BY l.code) FROM coupon_run r JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = r.id
             JOIN jackpot.leagues l ON l.id = f.league_id),
          ARRAY['B1', 'D1', 'E0', 'E1', 'F1', 'I1', 'N1', 'P1', 'SP1', 'T1'], 'the coupons span the ten leagues');
SELECT ok((SELECT count(*) FROM coupon_run r JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = r.id WHERE f.odds_home IS NOT NULL) >= 25,
          'most fixtures carry the data''s closing odds (market-aware sets use them)');
SELECT is((SELECT count(*)::int FROM coupon_run r JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = r.id
             JOIN jackpot.predictions p ON p.fixture_id = f.id
            WHERE abs(p.prob_home + p.prob_draw + p.prob_away - 1) < 1e-9 AND least(p.prob_home, p.prob_draw, p.prob_away) > 0
              AND greatest(p.prob_home, p.prob_draw, p.prob_away) < 1 AND p.model_id = f.model_id), 238,
          '7 x 34 predictions, each in (0, 1) and summing to 1 within 1e-9');
SELECT throws_ok(format('UPDATE jackpot.predictions SET prob_home = 0.5 WHERE fixture_id = (SELECT min(f.id) FROM jackpot.jackpot_fixtures f WHERE f.jackpot_id = %L)',
                        (SELECT id FROM coupon_run ORDER BY first_day LIMIT 1)),
                 'JP004', NULL, 'a finalized coupon''s prediction cannot be changed');
SELECT is((SELECT count(*)::int FROM coupon_run r JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = r.id
             JOIN coupon k ON k.jackpot = r.jackpot AND k.n = f.match_order
            WHERE f.actual_result = CASE k.pick WHEN 'Home' THEN 'H' WHEN 'Draw' THEN 'D' WHEN 'Away' THEN 'A' END::jackpot.match_result
              AND f.result_status = CASE WHEN k.score LIKE 'PD:%' THEN 'void' ELSE 'played' END), 34,
          'all 34 real results recorded as the coupon settled them (2 postponed games void, settled by the rule)');
SELECT is((SELECT count(*)::int FROM coupon_run r CROSS JOIN LATERAL jackpot.verify_jackpot(r.id)), 0,
          'verify_jackpot recomputes every one of the 238 stored predictions bit for bit');
SELECT ok(bool_and(abs(s.p_all_correct / (SELECT exp(sum(ln(p))) FROM unnest(s.pick_probabilities) p) - 1) < 1e-12
                   AND abs((SELECT sum(d) FROM unnest(s.number_correct_distribution) d) - 1) < 1e-12
                   AND s.p_at_least[17] = s.p_all_correct AND s.results_recorded = 17
                   AND s.actual_correct = (SELECT count(*) FROM jackpot.jackpot_picks(r.id, set_id) x
                                           JOIN coupon k ON k.jackpot = r.jackpot AND k.n = x.match_order
                                          WHERE x.pick::text = left(k.pick, 1))),
          'every set''s summary: P(all) the product, the distribution sums to 1, actual correct as the coupon''s results')
  FROM coupon_run r CROSS JOIN unnest(enum_range(NULL::jackpot.prediction_set)) AS set_id
  CROSS JOIN LATERAL jackpot.jackpot_summary(r.id, set_id) AS s;
SELECT ok(bool_and(t.lines <= 32 AND t.p_win >= s.p_all_correct),
          'the 32-line ticket is within budget and at least as likely to win as the single picks')
  FROM coupon_run r CROSS JOIN LATERAL (SELECT DISTINCT lines, p_win FROM jackpot.optimize_ticket(r.id, 'G', 32)) AS t
  CROSS JOIN LATERAL jackpot.jackpot_summary(r.id, 'G') AS s;
SELECT diag(format('coupon of %s, set %s: %s of 17 picks right; P(all 17) %s, expected correct %s, P(>=13) %s',
                   r.first_day, set_id, s.actual_correct, to_char(s.p_all_correct, '9.99EEEE'),
                   round(s.expected_correct::numeric, 2), to_char(s.p_at_least[13], '9.99EEEE')))
  FROM coupon_run r CROSS JOIN unnest(ARRAY['A', 'B', 'G']::jackpot.prediction_set[]) AS set_id
  CROSS JOIN LATERAL jackpot.jackpot_summary(r.id, set_id) AS s ORDER BY r.first_day, set_id;

SELECT * FROM finish();
ROLLBACK;
