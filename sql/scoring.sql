-- Scoring aggregates, reliability and isotonic calibration on small hand-checkable data (the
-- comparison with scikit-learn on 20,000 rows is test/sklearn).
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
CREATE TEMP TABLE f (probs float8[], outcome jackpot.match_result);
INSERT INTO f VALUES ('{0.5,0.3,0.2}', 'H'), ('{0.5,0.3,0.2}', 'D'), ('{0.5,0.3,0.2}', 'A'), (NULL, 'H'), ('{0.2,0.3,0.5}', NULL);
-- by hand: Brier (0.38 + 0.78 + 0.98) / 3, log loss -(ln .5 + ln .3 + ln .2) / 3, RPS (0.145 + 0.145 + 0.445) / 3
SELECT round(jackpot.brier_score(probs, outcome)::numeric, 15) AS brier,
       round(jackpot.log_loss(probs, outcome)::numeric, 15) AS log_loss,
       round(-(ln(0.5) + ln(0.3) + ln(0.2)) / 3, 15) AS log_loss_by_hand,
       round(jackpot.rps(probs, outcome)::numeric, 15) AS rps
  FROM f;
SELECT jackpot.brier_score(probs, outcome) IS NULL AS no_rows_no_score FROM f WHERE false;
CREATE TEMP TABLE g (prob float8, happened boolean);
INSERT INTO g VALUES (0.1, false), (0.3, true), (0.35, false), (0.8, true), (NULL, true), (0.4, NULL);
SELECT round(jackpot.brier_score(prob, happened)::numeric, 15) AS brier,
       round(((0.1 ^ 2) + (0.7 ^ 2) + (0.35 ^ 2) + (0.2 ^ 2)) / 4, 15) AS by_hand,
       round(jackpot.log_loss(prob, happened)::numeric, 15) AS log_loss
  FROM g;
SELECT jackpot.reliability_curve(prob, happened, 4) FROM g;
SELECT (jackpot.reliability_curve(prob, happened) ->> 'bins')::int AS default_bins FROM g;
SET jackpot.calibration_bins = 5;
SELECT (jackpot.reliability_curve(prob, happened) ->> 'bins')::int AS bins_from_setting FROM g;
RESET jackpot.calibration_bins;
SELECT jackpot.isotonic_fit(prob, happened) AS map FROM g \gset
SELECT :'map' AS isotonic_map;
SELECT x, jackpot.isotonic_apply(:'map', x) AS calibrated
  FROM unnest(ARRAY[0, 0.1, 0.2, 0.3, 0.325, 0.5, 0.8, 1]::float8[]) AS x;
SELECT jackpot.isotonic_apply(NULL, 0.5) IS NULL AS null_map, jackpot.isotonic_apply(:'map', NULL) IS NULL AS null_prob;

-- bad input: a clear error
SELECT jackpot.brier_score(probs, 'H') FROM (VALUES ('{0.5,0.5}'::float8[])) v(probs);
SELECT jackpot.brier_score(probs, 'H') FROM (VALUES ('{0.5,NULL,0.5}'::float8[])) v(probs);
SELECT jackpot.log_loss(probs, 'H') FROM (VALUES ('{0.5,0.7,-0.2}'::float8[])) v(probs);
SELECT jackpot.brier_score(p, true) FROM (VALUES ('NaN'::float8)) v(p);
SELECT jackpot.log_loss(p, true) FROM (VALUES (1.5::float8)) v(p);
SELECT jackpot.reliability_curve(p, true, 0) FROM (VALUES (0.5::float8)) v(p);
SELECT jackpot.reliability_curve(p, true, b) FROM (VALUES (0.5::float8, 4), (0.6, 5)) v(p, b);
SELECT jackpot.isotonic_fit(p, true) FROM (VALUES (2::float8)) v(p);
SELECT jackpot.isotonic_apply('{"x_thresholds": [0.5, 0.2], "y_thresholds": [0, 1]}', 0.3);
SELECT jackpot.isotonic_apply('{"x_thresholds": [0.5]}', 0.3);
SELECT jackpot.isotonic_apply(:'map', 1.5);
ROLLBACK;
