-- Tickets under prize rules (issue: tickets that pay): ticket_value for 17 fixtures (≤ 1 ms),
-- optimize_ticket for 17 fixtures and a 2,000-line budget (≤ 50 ms), optimize_tickets with
-- K = 10 (≤ 1 s), each beside the P(all) coupon arithmetic it extends. Needs ../shared (E0).
\if :{?shared_data}
SELECT count(*) FROM bench.files AS f, jackpot.ingest_football_data(f.data)
 WHERE f.name LIKE '%/E0.csv' AND NOT EXISTS (SELECT FROM jackpot.leagues WHERE code = 'E0');
VACUUM ANALYZE jackpot.matches;
SELECT CASE WHEN NOT EXISTS (SELECT FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id = m.league_id
                              WHERE l.code = 'E0' AND m.status = 'active')
            THEN (jackpot.dixon_coles_fit('E0', '2024-06-01')).version END;
-- 17 E0 fixtures of 2023-24 with their closing odds, as a coupon
SELECT jackpot.create_jackpot(
         (SELECT jsonb_agg(jsonb_build_object('home', h.name, 'away', a.name, 'date', m.match_date::text,
                                              'odds_home', (m.closing_odds ->> 'home')::float8,
                                              'odds_draw', (m.closing_odds ->> 'draw')::float8,
                                              'odds_away', (m.closing_odds ->> 'away')::float8) ORDER BY m.match_date, h.name)
            FROM (SELECT * FROM jackpot.matches m JOIN jackpot.leagues l ON l.id = m.league_id
                   WHERE l.code = 'E0' AND m.season = '2023-24' AND m.closing_odds <> '{}' ORDER BY m.match_date DESC, m.id LIMIT 17) m
            JOIN jackpot.teams h ON h.id = m.home_team_id JOIN jackpot.teams a ON a.id = m.away_team_id),
         user_id => 'bench', league_code => 'E0') AS ticket_jackpot \gset
SELECT count(*) FROM jackpot.predict_jackpot(:'ticket_jackpot');
SELECT format('%L', array_agg(CASE WHEN match_order % 4 = 0 THEN '1X' WHEN match_order % 7 = 0 THEN '1X2' ELSE '1' END ORDER BY match_order)) AS ticket
  FROM jackpot.jackpot_picks(:'ticket_jackpot', 'B') \gset
CALL bench.compare(
  'ticket_value, 17 fixtures, 36 lines, shared pools, 500,000 other entries',
  format($q$SELECT expected_prize FROM jackpot.ticket_value(%L, 'B', %s, 'example-mega-17', 500000)$q$, :'ticket_jackpot', :'ticket'),
  format($q$SELECT p_all_correct FROM jackpot.jackpot_summary(%L, 'B')$q$, :'ticket_jackpot'),
  'jackpot_summary of the same jackpot (P(all), the number-correct distribution)', '<= 1 ms', 15);
CALL bench.compare(
  'optimize_ticket, 17 fixtures, budget 2,000 lines, expected_return, shared pools',
  format($q$SELECT count(*) FROM jackpot.optimize_ticket(%L, 'B', 2000 * 99, 'example-mega-17', 'expected_return', 500000)$q$, :'ticket_jackpot'),
  format($q$SELECT count(*) FROM jackpot.optimize_ticket(%L, 'B', 2000)$q$, :'ticket_jackpot'),
  'the P(all)-optimal ticket for 2,000 lines (dynamic programming)', '<= 50 ms', 9);
CALL bench.compare(
  'optimize_tickets, 17 fixtures, K = 10, p_jackpot, budget 10 x 200 lines',
  format($q$SELECT count(*) FROM jackpot.optimize_tickets(%L, 'B', 2000 * 99, 'example-mega-17', 'p_jackpot', 0, 10)$q$, :'ticket_jackpot'),
  format($q$SELECT count(*) FROM jackpot.optimize_ticket(%L, 'B', 200)$q$, :'ticket_jackpot'),
  'one P(all)-optimal ticket of 200 lines', '<= 1 s', 5);
\endif
