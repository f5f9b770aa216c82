-- Backtest -> calibrate -> validate -> reliability diagram on a small league built here, and set A
-- calibrated from then on (the real leagues are in docs/validation.md).
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
SET client_min_messages = warning;
INSERT INTO jackpot.leagues (code, name, country) VALUES ('T1', 'Test League', 'Nowhere');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT l.id, 'Team ' || n, 'team ' || n FROM jackpot.leagues l, generate_series(1, 8) AS n;
-- four seasons of double round-robins, four matches a week from August 2020; scores from the
-- team numbers (strong low numbers), so the data is the same on every run
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals,
                             away_goals, result, closing_odds, prob_home_market, prob_draw_market,
                             prob_away_market, snapshot_date)
SELECT l.id, (2020 + y) || '-' || (21 + y), date '2020-08-01' + 365 * y + 7 * ((row_number() OVER (PARTITION BY y ORDER BY r, t.hn, t.an) - 1) / 4)::int,
       h.id, a.id, g.hg, g.ag, jackpot.result_from_goals(g.hg, g.ag),
       jsonb_build_object('home', o.h, 'draw', o.d, 'away', o.a), q[1], q[2], q[3], '2024-08-01'
  FROM jackpot.leagues l
  JOIN jackpot.teams h ON h.league_id = l.id JOIN jackpot.teams a ON a.league_id = l.id AND a.id <> h.id
  CROSS JOIN generate_series(0, 3) AS y CROSS JOIN generate_series(1, 2) AS r
  CROSS JOIN LATERAL (SELECT split_part(h.name, ' ', 2)::int AS hn, split_part(a.name, ' ', 2)::int AS an) AS t
  CROSS JOIN LATERAL (SELECT ((t.hn * 131 + t.an * 71 + r * 37 + y * 19)::bigint * 2654435761 % 1000) / 1000.0 AS u,
                             ((t.hn * 29 + t.an * 113 + r * 53 + y * 41)::bigint * 2246822519 % 1000) / 1000.0 AS v) AS s
  CROSS JOIN LATERAL (SELECT width_bucket(s.u + 0.02 * (t.an - t.hn), ARRAY[0.25, 0.6, 0.85]) AS hg,
                             width_bucket(s.v + 0.02 * (t.hn - t.an), ARRAY[0.35, 0.75, 0.93]) AS ag) AS g
  CROSS JOIN LATERAL (SELECT 1.4 + 0.25 * t.hn AS h, 3.3 AS d, 1.4 + 0.25 * t.an AS a) AS o
  CROSS JOIN LATERAL (SELECT jackpot.remove_margin(ARRAY[o.h, o.d, o.a]) AS q) AS m
 WHERE l.code = 'T1';
SELECT count(*) AS matches, min(match_date), max(match_date) FROM jackpot.matches;

-- a weekly backtest of seasons 2 and 3, then the model at the start of season 4
SELECT steps, predicted_matches, skipped_matches, refit_every, xi FROM jackpot.backtest('T1', '2021-08-01', '2023-07-31');
SELECT count(*) AS predictions, count(DISTINCT match_id) AS matches, count(DISTINCT fit_id) AS fits,
       bool_and(abs(prob_home + prob_draw + prob_away - 1) < 1e-9) AS sums_to_one
  FROM jackpot.backtest_predictions;
-- out of sample: every prediction's fit is dated after none of the matches it was fitted on
SELECT bool_and(m.match_date >= f.as_of) AS predicted_after_fit,
       bool_and(NOT EXISTS (SELECT FROM jackpot.matches AS t WHERE t.match_date >= f.as_of AND t.match_date < m.match_date + 1
                                 AND f.training_matches > (SELECT count(*) FROM jackpot.matches AS u WHERE u.match_date < f.as_of))) AS trained_before
  FROM jackpot.backtest_predictions p JOIN jackpot.backtest_fits f ON f.id = p.fit_id JOIN jackpot.matches m ON m.id = p.match_id;
SELECT set_id, round(jackpot.rps(ARRAY[prob_home, prob_draw, prob_away], m.result)::numeric, 4) AS rps
  FROM jackpot.backtest_predictions p JOIN jackpot.matches m ON m.id = p.match_id GROUP BY set_id ORDER BY 1;

SELECT version AS v FROM jackpot.dixon_coles_fit('T1', '2023-08-01', 0.0065) \gset
SELECT prob_home AS raw_home FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 8') \gset
SELECT outcome, jsonb_array_length(bins) > 0 AS has_thresholds, jsonb_array_length(bins) = jsonb_array_length(frequencies) AS paired,
       trained_on_end
  FROM jackpot.calibrate_isotonic(:'v');
SELECT count(*) AS again_same_rows FROM jackpot.calibrate_isotonic(:'v');
-- set A is now calibrated: the three isotonic values, renormalised
SELECT prob_home <> :raw_home AS calibrated, abs(prob_home + prob_draw + prob_away - 1) < 1e-12 AS sums_to_one,
       prob_home = model_prob_home AS a_is_its_model_input
  FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 8');
SELECT abs(p.prob_home - (SELECT jackpot.isotonic_apply(jsonb_build_object('x_thresholds', bins, 'y_thresholds', frequencies), :raw_home)
                            FROM jackpot.calibration_data WHERE outcome = 'home')
                         / (SELECT sum(greatest(jackpot.isotonic_apply(jsonb_build_object('x_thresholds', c.bins, 'y_thresholds', c.frequencies),
                                                           CASE c.outcome WHEN 'home' THEN r.prob_home WHEN 'draw' THEN r.prob_draw ELSE r.prob_away END), 0.001))
                              FROM jackpot.calibration_data c, jackpot.predict_fixture(:'v', 'Team 1', 'Team 8') AS q,
                                   jackpot.prediction_sets(:'v', q.home_team_id, q.away_team_id, use_calibration => false) AS r
                             WHERE r.set_id = 'A')) < 1e-15 AS as_documented
  FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 8') AS p;
-- a jackpot created now locks the calibration; verify reproduces it
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 8", "date": "2023-08-05"}, {"home": "Team 3", "away": "Team 2", "date": "2023-08-05"}]') AS j \gset
SELECT bool_and(calibrated) AS locked_calibrated FROM jackpot.jackpot_fixtures WHERE jackpot_id = :'j';
SELECT count(*) AS predictions FROM jackpot.predict_jackpot(:'j');
SELECT count(*) AS differences FROM jackpot.verify_jackpot(:'j');

-- validation of the model on season 4
SELECT set_id, outcome, sample_count, round(brier_score::numeric, 4) AS brier, jsonb_typeof(reliability -> 'predicted') AS predicted,
       jsonb_typeof(reliability -> 'observed') AS observed
  FROM jackpot.validate_model(:'v', '2023-08-01', '2024-07-31') WHERE set_id IN ('A', 'G');
SELECT status, round(brier_score::numeric, 4) AS brier, round(log_loss::numeric, 4) AS log_loss,
       calibration_error IS NOT NULL AS has_ece
  FROM jackpot.models WHERE version = :'v';
SELECT xml_is_well_formed_document(jackpot.reliability_svg(:'v')) AS valid_svg,
       jackpot.reliability_svg(:'v') LIKE '<svg xmlns="http://www.w3.org/2000/svg"%' AS svg_root,
       (SELECT count(*) FROM regexp_matches(jackpot.reliability_svg(:'v'), '<circle', 'g')) > 3 AS has_points;

-- bad input
SELECT * FROM jackpot.backtest('XX', '2021-08-01', '2022-07-31');
SELECT * FROM jackpot.backtest('T1', '2022-08-01', '2021-07-31');
SELECT * FROM jackpot.backtest('T1', '2021-08-01', '2022-07-31', '1 month');
SELECT * FROM jackpot.backtest('T1', '2030-08-01', '2031-07-31');
SELECT * FROM jackpot.calibrate_isotonic('no such model');
SELECT version AS early FROM jackpot.dixon_coles_fit('T1', '2021-06-01', 0.0065) \gset
SELECT * FROM jackpot.calibrate_isotonic(:'early');
SELECT * FROM jackpot.validate_model(:'v', '2023-01-01', '2023-12-31');
SELECT jackpot.reliability_svg(:'early');
ROLLBACK;
