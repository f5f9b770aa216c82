-- Jackpot speed (issue #5): remove_margin over 1M odds triples in one statement (≤ 2 s), create +
-- predict a 17-fixture jackpot with its 7 × 17 rows (≤ 5 ms), optimize_ticket for 17 fixtures
-- and 3^17 lines (≤ 10 ms). The jackpot cases need ../shared (E0, loaded and fitted here unless
-- 30-dixon-coles did).
CREATE TABLE bench.odds AS
  SELECT 1.2 + (i % 97) / 20.0 AS h, 2.9 + (i % 13) / 10.0 AS d, 1.3 + (i % 89) / 15.0 AS a
    FROM generate_series(1, 1000000) AS i;
ANALYZE bench.odds;
CALL bench.compare(
  'remove_margin shin, 1M odds triples in one statement',
  $q$SELECT sum(p[1]) FROM bench.odds, LATERAL jackpot.remove_margin(ARRAY[h, d, a], 'shin') AS p$q$,
  $q$SELECT sum(p[1]) FROM bench.odds, LATERAL (SELECT ARRAY[1 / h / (1 / h + 1 / d + 1 / a)]) AS x(p)$q$,
  'the multiplicative formula in plain SQL over the same rows', '<= 2 s', 3);
CALL bench.compare(
  'remove_margin power, 1M odds triples in one statement',
  $q$SELECT sum(p[1]) FROM bench.odds, LATERAL jackpot.remove_margin(ARRAY[h, d, a], 'power') AS p$q$,
  $q$SELECT sum(p[1]) FROM bench.odds, LATERAL (SELECT ARRAY[1 / h / (1 / h + 1 / d + 1 / a)]) AS x(p)$q$,
  'the multiplicative formula in plain SQL over the same rows', '<= 2 s', 3);

\if :{?shared_data}
-- E0 and a model of it, unless the Dixon-Coles case (when it ran) has made them already
SELECT count(*) FROM bench.files AS f, jackpot.ingest_football_data(f.data)
 WHERE f.name LIKE '%/E0.csv' AND NOT EXISTS (SELECT FROM jackpot.leagues WHERE code = 'E0');
VACUUM ANALYZE jackpot.matches;
SELECT CASE WHEN NOT EXISTS (SELECT FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id = m.league_id
                              WHERE l.code = 'E0' AND m.status = 'active')
            THEN (jackpot.dixon_coles_fit('E0', '2024-06-01')).version END;
-- 17 E0 fixtures of 2024-25 with their closing odds, as a coupon (names as the data spells them)
CREATE TABLE bench.coupon AS
  SELECT jsonb_agg(jsonb_build_object('home', h.name, 'away', a.name, 'date', m.match_date::text,
                                      'odds_home', (m.closing_odds ->> 'home')::float8,
                                      'odds_draw', (m.closing_odds ->> 'draw')::float8,
                                      'odds_away', (m.closing_odds ->> 'away')::float8) ORDER BY m.match_date, h.name) AS fixtures
    FROM (SELECT * FROM jackpot.matches m JOIN jackpot.leagues l ON l.id = m.league_id
           WHERE l.code = 'E0' AND m.season = '2023-24' AND m.closing_odds <> '{}' ORDER BY m.match_date DESC, m.id LIMIT 17) m
    JOIN jackpot.teams h ON h.id = m.home_team_id JOIN jackpot.teams a ON a.id = m.away_team_id;
CALL bench.compare(
  'create_jackpot + predict_jackpot, 17 fixtures x 7 sets',
  $q$SELECT count(*) FROM jackpot.predict_jackpot(jackpot.create_jackpot((SELECT fixtures FROM bench.coupon), user_id => 'bench', league_code => 'E0'))$q$,
  $q$SELECT count(*) FROM (SELECT jsonb_array_elements(fixtures) FROM bench.coupon) AS x$q$,
  'reading the coupon''s 17 fixtures', '<= 5 ms', 15, true);
SELECT jackpot.create_jackpot((SELECT fixtures FROM bench.coupon), user_id => 'bench', league_code => 'E0') AS bench_jackpot \gset
SELECT count(*) FROM jackpot.predict_jackpot(:'bench_jackpot');
CALL bench.compare(
  'optimize_ticket, 17 fixtures, max_lines 3^17',
  format($q$SELECT count(*) FROM jackpot.optimize_ticket(%L, 'G', 129140163)$q$, :'bench_jackpot'),
  format($q$SELECT count(*) FROM jackpot.jackpot_picks(%L, 'G')$q$, :'bench_jackpot'),
  'reading the jackpot''s picks (jackpot_picks)', '<= 10 ms', 15);
\endif
