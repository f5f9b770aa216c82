-- Both coupons as SportPesa published them (bookmaker team names), with the closing odds where
-- the data has the match. Each fixture's teams are resolved by name and it locks its league's
-- model; the jackpot locks the settings. Predicted under the seven sets, then finalised.
\pset footer off
CREATE TABLE demo.jackpots (coupon bigint PRIMARY KEY, id uuid, first_day date);
INSERT INTO demo.jackpots
  SELECT c.coupon,
         jackpot.create_jackpot(jsonb_agg(
           jsonb_build_object('home', c.home, 'away', c.away, 'date', c.day::text) ||
           coalesce((SELECT jsonb_build_object('odds_home', (m.closing_odds ->> 'home')::float8,
                                               'odds_draw', (m.closing_odds ->> 'draw')::float8,
                                               'odds_away', (m.closing_odds ->> 'away')::float8)
                       FROM jackpot.matches AS m
                      WHERE m.home_team_id = (jackpot.resolve_team(c.home, NULL, c.day)).id
                        AND m.match_date = c.day AND m.closing_odds <> '{}'), '{}')
           ORDER BY c.n), user_id => 'demo'),
         min(c.day)
    FROM demo.coupon c GROUP BY c.coupon ORDER BY c.coupon;
SELECT j.coupon, sum(x.n) AS predictions FROM demo.jackpots j, LATERAL (SELECT count(*) AS n FROM jackpot.predict_jackpot(j.id)) x
 GROUP BY 1 ORDER BY 1;

\echo
\echo Per fixture: the teams as resolved, and P(home, draw, away) under set A (the calibrated model),
\echo B (the model pooled with the closing market) and G (the ensemble of sets A-F), and the pick of G.
SELECT j.coupon, f.match_order AS "#", l.code AS league, h.name || ' v ' || a.name AS fixture,
       (SELECT to_char(p.prob_home, '0.00') || ' ' || to_char(p.prob_draw, '0.00') || ' ' || to_char(p.prob_away, '0.00')
          FROM jackpot.predictions p WHERE p.fixture_id = f.id AND p.set_id = 'A') AS "set A  H    D    A",
       (SELECT to_char(p.prob_home, '0.00') || ' ' || to_char(p.prob_draw, '0.00') || ' ' || to_char(p.prob_away, '0.00')
          FROM jackpot.predictions p WHERE p.fixture_id = f.id AND p.set_id = 'B') AS "set B  H    D    A",
       (SELECT to_char(p.prob_home, '0.00') || ' ' || to_char(p.prob_draw, '0.00') || ' ' || to_char(p.prob_away, '0.00')
          FROM jackpot.predictions p WHERE p.fixture_id = f.id AND p.set_id = 'G') AS "set G  H    D    A",
       (SELECT k.pick FROM jackpot.jackpot_picks(j.id, 'G') k WHERE k.match_order = f.match_order) AS pick
  FROM demo.jackpots j JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = j.id
  JOIN jackpot.teams h ON h.id = f.home_team_id JOIN jackpot.teams a ON a.id = f.away_team_id
  JOIN jackpot.leagues l ON l.id = f.league_id
 ORDER BY j.coupon, f.match_order;

\echo
\echo The jackpot summary of each set: P(all 17 right), the expected number right, P(at least 13).
SELECT j.coupon, s.set_id AS set, to_char(x.p_all_correct, '9.99EEEE') AS p_all_17,
       round(x.expected_correct::numeric, 2) AS expected_right,
       to_char((SELECT sum(v) FROM unnest(x.number_correct_distribution[13:17]) v), '9.99EEEE') AS p_13_or_more
  FROM demo.jackpots j CROSS JOIN (VALUES ('A'::jackpot.prediction_set), ('B'), ('G')) AS s(set_id)
  CROSS JOIN LATERAL jackpot.jackpot_summary(j.id, s.set_id) x
 ORDER BY 1, 2;

\echo
\echo The best ticket within 2^5 = 32 lines (set G): which fixtures to double or treble.
SELECT j.coupon, min(t.lines) AS lines, to_char(min(t.p_win), '9.99EEEE') AS p_win,
       string_agg(t.match_order || ':' || t.selection, ' ' ORDER BY t.match_order) AS "fixture:selection"
  FROM demo.jackpots j CROSS JOIN LATERAL jackpot.optimize_ticket(j.id, 'G', 32) t GROUP BY 1 ORDER BY 1;

SELECT j.coupon, x.status, x.finalized_at IS NOT NULL AS locked FROM demo.jackpots j, LATERAL jackpot.finalize_jackpot(j.id) x ORDER BY 1;
