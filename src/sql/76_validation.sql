-- Validation of a model out of sample against the closing market (docs/validation.md,
-- docs/formulas/scoring.md).

-- Every set's one-vs-rest rows of a model's predictions of its league's matches in a window, with
-- the matches' closing odds as the market: three rows (home, draw, away) per set and match.
CREATE FUNCTION jackpot.validation_predictions(m jackpot.models, window_dates daterange)
RETURNS TABLE (set_id jackpot.prediction_set, outcome text, prob double precision, happened boolean,
               probs double precision[], result jackpot.match_result)
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT s.set_id, o.outcome, o.prob, o.happened, ARRAY[s.prob_home, s.prob_draw, s.prob_away], x.result
    FROM jackpot.matches AS x
   CROSS JOIN LATERAL jackpot.prediction_sets(m.version, x.home_team_id, x.away_team_id,
                                              (x.closing_odds ->> 'home')::float8, (x.closing_odds ->> 'draw')::float8,
                                              (x.closing_odds ->> 'away')::float8) AS s
   CROSS JOIN LATERAL (VALUES ('home', s.prob_home, x.result = 'H'), ('draw', s.prob_draw, x.result = 'D'),
                              ('away', s.prob_away, x.result = 'A')) AS o(outcome, prob, happened)
   WHERE x.league_id = m.league_id AND x.match_date OPERATOR(pg_catalog.<@) window_dates
     AND x.home_team_id IN (SELECT k::integer FROM pg_catalog.jsonb_object_keys(m.team_strengths) AS k)
     AND x.away_team_id IN (SELECT k::integer FROM pg_catalog.jsonb_object_keys(m.team_strengths) AS k);
END;
COMMENT ON FUNCTION jackpot.validation_predictions(jackpot.models, daterange) IS
  'A model''s predictions of its league''s matches within a window of dates (both teams rated), every set with the closing odds as the market, one-vs-rest: what validate_model scores.';

-- The model's own figures from set A of the validation window (pg_temp.validation_window): the
-- mean of the three one-vs-rest Brier scores (the 0.22 scale of jackpot.brier_score_threshold),
-- the multi-class log loss and the mean ECE, written once; an active model whose Brier exceeds
-- the threshold is marked failed.
CREATE FUNCTION jackpot.record_validation_metrics(m jackpot.models)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  brier double precision;
  multi_log_loss double precision;
  ece double precision;
BEGIN
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
END
$$;
COMMENT ON FUNCTION jackpot.record_validation_metrics(jackpot.models) IS
  'Writes a model''s brier_score, log_loss and calibration_error (once) from set A of the session''s validation window, and marks an active model failed when its Brier exceeds jackpot.brier_score_threshold (used by validate_model).';

CREATE FUNCTION jackpot.validate_model(model_version text, from_date date, to_date date)
RETURNS SETOF jackpot.validation_results
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m jackpot.models;
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
      from_date, m.parameters ->> 'as_of' USING ERRCODE = '22023', HINT = 'Validate on matches on or after the model''s as_of.';
  END IF;
  CREATE TEMP TABLE IF NOT EXISTS validation_window (set_id jackpot.prediction_set, outcome text, prob double precision,
                                                     happened boolean, probs double precision[], result jackpot.match_result)
    ON COMMIT DROP;
  TRUNCATE validation_window;
  INSERT INTO validation_window SELECT * FROM jackpot.validation_predictions(m, daterange(from_date, to_date, '[]'));
  IF NOT EXISTS (SELECT FROM validation_window) THEN
    RAISE EXCEPTION 'validate_model: no matches of the model''s teams between % and %', from_date, to_date USING ERRCODE = '02000';
  END IF;
  PERFORM jackpot.record_validation_metrics(m);
  RETURN QUERY
  INSERT INTO jackpot.validation_results (model_id, set_id, outcome, brier_score, log_loss, sample_count, reliability,
                                          evaluated_from, evaluated_to)
  SELECT m.id, g.set_id, g.outcome, g.brier, g.log_loss, g.n,
         jsonb_build_object('predicted', g.c -> 'mean_predicted', 'observed', g.c -> 'observed_frequency',
                            'count', g.c -> 'count', 'edges', g.c -> 'edges', 'ece', g.c -> 'ece'), from_date, to_date
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
