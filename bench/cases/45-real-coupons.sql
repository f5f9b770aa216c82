-- Real coupons at scale (the real-coupons issue): every league of ../shared/football-data loaded
-- (38 leagues, ~1,270 teams) and fitted as of 2024-03-01, then a 17-fixture coupon of
-- bookmaker-style names (prefixes, suffixes, upper case, the country appended) from 17 leagues'
-- real matches of the following week, with their closing odds: create_jackpot + predict_jackpot
-- ≤ 5 ms, beside reading the coupon; and resolve_fixture alone for its 17 fixtures.
\if :{?shared_data}
SELECT count(*) FROM bench.files AS f, jackpot.ingest_football_data(f.data);
VACUUM ANALYZE jackpot.matches, jackpot.teams;
-- every league that can be fitted as of the date (a league whose season has not started, or with
-- a team of too few matches, keeps no model)
CREATE TABLE bench.fitted AS SELECT code, NULL::text AS version FROM jackpot.leagues;
DO $$
DECLARE
  league record;
BEGIN
  FOR league IN SELECT code FROM bench.fitted LOOP
    BEGIN
      UPDATE bench.fitted SET version = (jackpot.dixon_coles_fit(league.code, '2024-03-01', 0.0065)).version
       WHERE code = league.code;
    EXCEPTION WHEN OTHERS THEN
      NULL;
    END;
  END LOOP;
END
$$;
CREATE TABLE bench.real_coupon AS
  SELECT jsonb_agg(jsonb_build_object(
           'home', CASE k % 5 WHEN 0 THEN 'FC ' || h.name WHEN 1 THEN h.name || ' FC' WHEN 2 THEN upper(h.name)
                              WHEN 3 THEN h.name || ' ' || l.country ELSE h.name END,
           'away', CASE k % 3 WHEN 0 THEN a.name || ' SC' WHEN 1 THEN 'AC ' || a.name ELSE a.name END,
           'date', m.match_date::text, 'odds_home', (m.closing_odds ->> 'home')::float8,
           'odds_draw', (m.closing_odds ->> 'draw')::float8, 'odds_away', (m.closing_odds ->> 'away')::float8)
           ORDER BY k) AS fixtures
    FROM (SELECT DISTINCT ON (m.league_id) m.*, row_number() OVER () AS k
            FROM jackpot.matches AS m JOIN bench.fitted AS f ON f.version IS NOT NULL
            JOIN jackpot.leagues AS l ON l.id = m.league_id AND l.code = f.code
           WHERE m.match_date BETWEEN '2024-03-02' AND '2024-03-10' AND m.closing_odds <> '{}'
           ORDER BY m.league_id, m.match_date, m.id LIMIT 17) AS m
    JOIN jackpot.teams AS h ON h.id = m.home_team_id JOIN jackpot.teams AS a ON a.id = m.away_team_id
    JOIN jackpot.leagues AS l ON l.id = m.league_id;
SELECT jsonb_array_length(fixtures) AS real_coupon_fixtures FROM bench.real_coupon;
SELECT count(*) FILTER (WHERE basis = 'model') AS model_fixtures, count(*) AS fixtures
  FROM jackpot.coupon_fixtures((SELECT fixtures FROM bench.real_coupon), NULL, 'fallback');
CALL bench.compare(
  'real coupon: create_jackpot + predict_jackpot, 17 bookmaker-named fixtures, every league loaded and fitted',
  $q$SELECT count(*) FROM jackpot.predict_jackpot(jackpot.create_jackpot((SELECT fixtures FROM bench.real_coupon), user_id => 'bench'))$q$,
  $q$SELECT count(*) FROM (SELECT jsonb_array_elements(fixtures) FROM bench.real_coupon) AS x$q$,
  'reading the coupon''s 17 fixtures', '<= 5 ms', 15, true);
CALL bench.compare(
  'real coupon: resolve_fixture of its 17 fixtures, every league loaded',
  $q$SELECT count(r.home_team_id) FROM bench.real_coupon, jsonb_array_elements(fixtures) AS e,
            jackpot.resolve_fixture(e ->> 'home', e ->> 'away', (e ->> 'date')::date) AS r$q$,
  $q$SELECT count(*) FROM (SELECT jsonb_array_elements(fixtures) FROM bench.real_coupon) AS x$q$,
  'reading the coupon''s 17 fixtures', '-', 15);
\else
\echo bench: ../shared/football-data not found, real-coupon benchmarks skipped
\endif
