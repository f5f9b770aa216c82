-- jackpot 0.1.2 -> 0.2.0. The install script of 0.2.0 is assembled from the area files; this is
-- what differs from 0.1.2, by hand.
--
-- SQL reads settings through jackpot.setting(), a C function that loads the library, so that
-- calibrate_isotonic and validate_model work in a session that has called nothing else of the
-- extension yet (current_setting('jackpot.…') failed there: the parameters did not exist), and
-- remove_margin's default method reads it the same way.

CREATE FUNCTION jackpot.setting(name text)
RETURNS text
LANGUAGE c STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_setting';
COMMENT ON FUNCTION jackpot.setting(text) IS
  'The value of the setting jackpot.<name> in force, as current_setting() shows it; works in a fresh session (it loads the library that defines the settings). An unknown name: 22023.';

REVOKE EXECUTE ON FUNCTION jackpot.setting(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jackpot.setting(text) TO jackpot_reader;

CREATE OR REPLACE FUNCTION jackpot.remove_margin(
  odds double precision[],
  method text DEFAULT jackpot.setting('margin_method'))
RETURNS double precision[]
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_remove_margin';

CREATE OR REPLACE FUNCTION jackpot.calibrate_isotonic(model_version text)
RETURNS SETOF jackpot.calibration_data
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m jackpot.models;
  trained_on_end date;
  samples bigint;
  needed integer := jackpot.setting('min_calibration_samples')::integer;
BEGIN
  SELECT * INTO m FROM jackpot.models AS x WHERE x.version = calibrate_isotonic.model_version FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'calibrate_isotonic: unknown model version "%"', coalesce(model_version, 'NULL') USING ERRCODE = '22023';
  END IF;
  -- A model is calibrated once (calibration_data is append-only): again returns its maps.
  IF EXISTS (SELECT FROM jackpot.calibration_data AS c WHERE c.model_id = m.id) THEN
    RETURN QUERY SELECT * FROM jackpot.calibration_data AS c WHERE c.model_id = m.id ORDER BY c.id;
    RETURN;
  END IF;
  trained_on_end := (m.parameters ->> 'as_of')::date;
  SELECT count(*) INTO samples FROM jackpot.out_of_sample_predictions(m.league_id, trained_on_end);
  IF samples < needed THEN
    RAISE EXCEPTION 'calibrate_isotonic: model % has % out-of-sample predictions before %, fewer than jackpot.min_calibration_samples (%)',
      m.version, samples, trained_on_end, needed
      USING ERRCODE = '55000',
            HINT = format('Backtest the league before %s first, e.g. SELECT jackpot.backtest(%L, %L, %L);',
                          trained_on_end, (SELECT l.code FROM jackpot.leagues AS l WHERE l.id = m.league_id),
                          trained_on_end - 1000, trained_on_end - 1);
  END IF;
  RETURN QUERY
  INSERT INTO jackpot.calibration_data (model_id, outcome, bins, frequencies, trained_on_end)
  SELECT m.id, o.outcome, o.fit -> 'x_thresholds', o.fit -> 'y_thresholds', trained_on_end
    FROM (SELECT jackpot.isotonic_fit(p.prob_home, p.result = 'H') AS home,
                 jackpot.isotonic_fit(p.prob_draw, p.result = 'D') AS draw,
                 jackpot.isotonic_fit(p.prob_away, p.result = 'A') AS away
            FROM jackpot.out_of_sample_predictions(m.league_id, trained_on_end) AS p) AS f
   CROSS JOIN LATERAL (VALUES (1, 'home', f.home), (2, 'draw', f.draw), (3, 'away', f.away)) AS o(k, outcome, fit)
   ORDER BY o.k
  RETURNING *;
END
$$;
COMMENT ON FUNCTION jackpot.calibrate_isotonic(text) IS
  'Fits one isotonic map per outcome (one-vs-rest) on the league''s out-of-sample backtest predictions of matches before the model''s as_of, stores them (calibration_data, once per model) and returns them; from then on set A of this model is calibrated (the three values renormalised) in predict_fixture and in jackpots created afterwards. Fewer than jackpot.min_calibration_samples predictions: 55000.';

CREATE OR REPLACE FUNCTION jackpot.validate_model(model_version text, from_date date, to_date date)
RETURNS SETOF jackpot.validation_results
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m jackpot.models;
  samples bigint;
  brier double precision;
  multi_log_loss double precision;
  ece double precision;
BEGIN
  SELECT * INTO m FROM jackpot.models AS x WHERE x.version = validate_model.model_version FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'validate_model: unknown model version "%"', coalesce(model_version, 'NULL') USING ERRCODE = '22023';
  END IF;
  IF from_date IS NULL OR to_date IS NULL OR to_date < from_date THEN
    RAISE EXCEPTION 'validate_model: the window % .. % is empty', from_date, to_date USING ERRCODE = '22023';
  END IF;
  IF from_date < (m.parameters ->> 'as_of')::date THEN
    RAISE EXCEPTION 'validate_model: the window starts %, before the model''s training end %: those matches are in sample',
      from_date, m.parameters ->> 'as_of'
      USING ERRCODE = '22023', HINT = 'Validate on matches on or after the model''s as_of.';
  END IF;
  -- The model's predictions of the league's matches in the window, every set, with their odds.
  CREATE TEMP TABLE IF NOT EXISTS validation_window (set_id jackpot.prediction_set, outcome text, prob double precision,
                                                     happened boolean, probs double precision[], result jackpot.match_result)
    ON COMMIT DROP;
  TRUNCATE validation_window;
  INSERT INTO validation_window
  SELECT s.set_id, o.outcome, o.prob, o.happened, ARRAY[s.prob_home, s.prob_draw, s.prob_away], x.result
    FROM jackpot.matches AS x
   CROSS JOIN LATERAL jackpot.prediction_sets(m.version, x.home_team_id, x.away_team_id,
                                              (x.closing_odds ->> 'home')::float8, (x.closing_odds ->> 'draw')::float8,
                                              (x.closing_odds ->> 'away')::float8) AS s
   CROSS JOIN LATERAL (VALUES ('home', s.prob_home, x.result = 'H'), ('draw', s.prob_draw, x.result = 'D'),
                              ('away', s.prob_away, x.result = 'A')) AS o(outcome, prob, happened)
   WHERE x.league_id = m.league_id AND x.match_date BETWEEN from_date AND to_date
     AND x.home_team_id IN (SELECT k::integer FROM jsonb_object_keys(m.team_strengths) AS k)
     AND x.away_team_id IN (SELECT k::integer FROM jsonb_object_keys(m.team_strengths) AS k);
  SELECT count(*) / 21 INTO samples FROM validation_window;
  IF samples = 0 THEN
    RAISE EXCEPTION 'validate_model: no matches of the model''s teams between % and %', from_date, to_date
      USING ERRCODE = '02000';
  END IF;
  -- The model's own figures (set A): the mean of the three one-vs-rest Brier scores (the 0.22
  -- scale of jackpot.brier_score_threshold), the multi-class log loss, the mean ECE.
  SELECT avg(v.b), avg(v.e) INTO brier, ece
    FROM (SELECT jackpot.brier_score(w.prob, w.happened) AS b,
                 (jackpot.reliability_curve(w.prob, w.happened) ->> 'ece')::float8 AS e
            FROM validation_window AS w WHERE w.set_id = 'A' GROUP BY w.outcome) AS v;
  SELECT jackpot.log_loss(w.probs, w.result) INTO multi_log_loss FROM validation_window AS w
   WHERE w.set_id = 'A' AND w.outcome = 'home';
  UPDATE jackpot.models AS u SET brier_score = coalesce(u.brier_score, brier),
         log_loss = coalesce(u.log_loss, multi_log_loss), calibration_error = coalesce(u.calibration_error, ece)
   WHERE u.id = m.id;
  IF brier > jackpot.setting('brier_score_threshold')::float8 AND m.status = 'active' THEN
    UPDATE jackpot.models AS u SET status = 'failed' WHERE u.id = m.id;
    RAISE NOTICE 'validate_model: model % has a Brier score of % (one-vs-rest mean), above jackpot.brier_score_threshold %: marked failed',
      m.version, round(brier::numeric, 4), jackpot.setting('brier_score_threshold');
  END IF;
  RETURN QUERY
  INSERT INTO jackpot.validation_results (model_id, set_id, outcome, brier_score, log_loss, sample_count, reliability,
                                          evaluated_from, evaluated_to)
  SELECT m.id, g.set_id, g.outcome, g.brier, g.log_loss, g.n,
         jsonb_build_object('predicted', g.c -> 'mean_predicted', 'observed', g.c -> 'observed_frequency',
                            'count', g.c -> 'count', 'edges', g.c -> 'edges', 'ece', g.c -> 'ece'),
         from_date, to_date
    FROM (SELECT w.set_id, w.outcome, jackpot.brier_score(w.prob, w.happened) AS brier,
                 jackpot.log_loss(w.prob, w.happened) AS log_loss, count(*)::integer AS n,
                 jackpot.reliability_curve(w.prob, w.happened) AS c
            FROM validation_window AS w GROUP BY w.set_id, w.outcome) AS g
   ORDER BY g.set_id, array_position(ARRAY['home', 'draw', 'away'], g.outcome)
  RETURNING *;
END
$$;
COMMENT ON FUNCTION jackpot.validate_model(text, date, date) IS
  'Scores a model out of sample on its league''s matches from from_date (not before its as_of) to to_date, every set with the matches'' closing odds: one validation_results row per set and outcome (one-vs-rest Brier, log loss, count, reliability {predicted, observed}); writes the model''s brier_score (mean of the three one-vs-rest Brier scores of set A), log_loss (multi-class) and calibration_error (mean ECE) once, and marks an active model failed when its Brier exceeds jackpot.brier_score_threshold.';
