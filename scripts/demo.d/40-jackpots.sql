-- Both coupons as SportPesa published them (bookmaker team names), with the closing odds where
-- the data has the match, and a third coupon of fixtures outside the data (a national-team match,
-- a league the data does not have, an FA Cup tie between divisions), created with 'fallback'. Each
-- fixture's names are resolved together; it locks its basis (its league's model, or the market,
-- or a prior); the jackpot locks the settings. Predicted under the seven sets, then finalised.
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
                      WHERE m.home_team_id = (SELECT r.home_team_id FROM jackpot.resolve_fixture(c.home, c.away, c.day) AS r)
                        AND m.match_date = c.day AND m.closing_odds <> '{}'), '{}')
           ORDER BY c.n), user_id => 'demo'),
         min(c.day)
    FROM demo.coupon c GROUP BY c.coupon ORDER BY c.coupon;
INSERT INTO demo.jackpots
  SELECT 3, jackpot.create_jackpot('[
    {"home": "Fulham FC", "away": "Sunderland AFC", "date": "2023-01-28", "odds_home": 1.80, "odds_draw": 3.60, "odds_away": 4.50},
    {"home": "Israel", "away": "Romania", "date": "2023-03-25", "odds_home": 2.60, "odds_draw": 3.10, "odds_away": 2.90},
    {"home": "Ulsan Hyundai", "away": "Jeonbuk Motors", "date": "2023-02-25", "odds_home": 2.05, "odds_draw": 3.30, "odds_away": 3.60},
    {"home": "Real Betis Seville", "away": "Athletic Club", "date": "2023-01-29"},
    {"home": "Wrexham", "away": "Sheffield United", "date": "2023-01-29"}]', 'fallback', user_id => 'demo'),
         '2023-01-28';
SELECT j.coupon, sum(x.n) AS predictions FROM demo.jackpots j, LATERAL (SELECT count(*) AS n FROM jackpot.predict_jackpot(j.id)) x
 GROUP BY 1 ORDER BY 1;

\echo
\echo Per fixture: the teams as resolved, and P(home, draw, away) under set A (the calibrated model),
\echo B (the model pooled with the closing market) and G (the ensemble of sets A-F), and the pick of G.
SELECT j.coupon, f.match_order AS "#", l.code AS league, coalesce(h.name, f.home_team) || ' v ' || coalesce(a.name, f.away_team) AS fixture,
       f.basis,
       (SELECT to_char(p.prob_home, '0.00') || ' ' || to_char(p.prob_draw, '0.00') || ' ' || to_char(p.prob_away, '0.00')
          FROM jackpot.predictions p WHERE p.fixture_id = f.id AND p.set_id = 'A') AS "set A  H    D    A",
       (SELECT to_char(p.prob_home, '0.00') || ' ' || to_char(p.prob_draw, '0.00') || ' ' || to_char(p.prob_away, '0.00')
          FROM jackpot.predictions p WHERE p.fixture_id = f.id AND p.set_id = 'B') AS "set B  H    D    A",
       (SELECT to_char(p.prob_home, '0.00') || ' ' || to_char(p.prob_draw, '0.00') || ' ' || to_char(p.prob_away, '0.00')
          FROM jackpot.predictions p WHERE p.fixture_id = f.id AND p.set_id = 'G') AS "set G  H    D    A",
       (SELECT k.pick FROM jackpot.jackpot_picks(j.id, 'G') k WHERE k.match_order = f.match_order) AS pick
  FROM demo.jackpots j JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = j.id
  LEFT JOIN jackpot.teams h ON h.id = f.home_team_id LEFT JOIN jackpot.teams a ON a.id = f.away_team_id
  LEFT JOIN jackpot.leagues l ON l.id = f.league_id
 ORDER BY j.coupon, f.match_order;

\echo
\echo How the fixtures of each coupon rest: on a model, the market, or a prior (jackpot_summary).
SELECT j.coupon, x.fixtures, x.model_fixtures AS model, x.market_fixtures AS market, x.prior_fixtures AS prior
  FROM demo.jackpots j CROSS JOIN LATERAL jackpot.jackpot_summary(j.id, 'G') x ORDER BY 1;
\echo The third coupon, as resolved: each team and league with its evidence, or unresolved.
SELECT f.match_order AS "#", f.home_team || ' v ' || f.away_team AS coupon_names,
       coalesce((f.resolution -> 'home' ->> 'team') || ' (' || (f.resolution -> 'home' ->> 'league') || ', ' || (f.resolution -> 'home' ->> 'evidence') || ')', 'unresolved') AS home,
       coalesce((f.resolution -> 'away' ->> 'team') || ' (' || (f.resolution -> 'away' ->> 'league') || ', ' || (f.resolution -> 'away' ->> 'evidence') || ')', 'unresolved') AS away
  FROM demo.jackpots j JOIN jackpot.jackpot_fixtures f ON f.jackpot_id = j.id WHERE j.coupon = 3 ORDER BY 1;

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
