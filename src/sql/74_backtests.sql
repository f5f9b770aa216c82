-- Rolling-origin backtests, calibration on their out-of-sample predictions, and validation
-- (docs/backtests.md, docs/formulas/isotonic.md, docs/formulas/scoring.md).

CREATE FUNCTION jackpot.backtest(league_code text, from_date date, to_date date,
                                 refit_every interval DEFAULT '7 days', xi double precision DEFAULT NULL)
RETURNS jackpot.backtests
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_backtest';
COMMENT ON FUNCTION jackpot.backtest(text, date, date, interval, double precision) IS
  'Rolling-origin backtest of a league from from_date to to_date: every refit_every it refits Dixon-Coles on the matches before the step only (weights exp(-xi * days), xi NULL: jackpot.time_decay_xi) and predicts the step''s matches under every set A-G with their closing odds as the market; writes the run, its fits and the out-of-sample predictions (append-only) and returns the run. Progress as NOTICEs.';

-- The league's out-of-sample set-A backtest predictions of matches before a date, one per match
-- (the latest backtest's when several cover it), with the result.
CREATE FUNCTION jackpot.out_of_sample_predictions(league_id integer, before date)
RETURNS TABLE (match_id bigint, match_date date, prob_home double precision, prob_draw double precision,
               prob_away double precision, result jackpot.match_result)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT DISTINCT ON (p.match_id) p.match_id, m.match_date, p.prob_home, p.prob_draw, p.prob_away, m.result
    FROM jackpot.backtest_predictions AS p
    JOIN jackpot.backtests AS b ON b.id = p.backtest_id
    JOIN jackpot.matches AS m ON m.id = p.match_id
   WHERE b.league_id = out_of_sample_predictions.league_id AND p.set_id = 'A'
     AND m.match_date < out_of_sample_predictions.before
   ORDER BY p.match_id, p.backtest_id DESC;
END;
COMMENT ON FUNCTION jackpot.out_of_sample_predictions(integer, date) IS
  'A league''s out-of-sample set-A (raw model) backtest predictions of matches before a date, one per match (the latest backtest''s), with the result: what calibrate_isotonic fits on.';

CREATE FUNCTION jackpot.calibrate_isotonic(model_version text)
RETURNS SETOF jackpot.calibration_data
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m jackpot.models;
  trained_on_end date;
  samples bigint;
  needed integer := current_setting('jackpot.min_calibration_samples')::integer;
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

CREATE FUNCTION jackpot.validate_model(model_version text, from_date date, to_date date)
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
  IF brier > current_setting('jackpot.brier_score_threshold')::float8 AND m.status = 'active' THEN
    UPDATE jackpot.models AS u SET status = 'failed' WHERE u.id = m.id;
    RAISE NOTICE 'validate_model: model % has a Brier score of % (one-vs-rest mean), above jackpot.brier_score_threshold %: marked failed',
      m.version, round(brier::numeric, 4), current_setting('jackpot.brier_score_threshold');
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

CREATE FUNCTION jackpot.reliability_svg(model_version text, set_id jackpot.prediction_set DEFAULT 'A')
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m jackpot.models;
  size constant integer := 480;     -- the plot's side, in SVG units
  margin constant integer := 60;
  svg text;
  points text := '';
  legend text := '';
  ticks text := '';
  r record;
  total bigint;
  window_text text;
BEGIN
  SELECT * INTO m FROM jackpot.models AS x WHERE x.version = reliability_svg.model_version;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reliability_svg: unknown model version "%"', coalesce(model_version, 'NULL') USING ERRCODE = '22023';
  END IF;
  -- The latest validation of this model and set: one row per outcome.
  SELECT format('%s to %s', v.evaluated_from, v.evaluated_to), sum(v.sample_count) OVER () INTO window_text, total
    FROM jackpot.validation_results AS v
   WHERE v.model_id = m.id AND v.set_id = reliability_svg.set_id
   ORDER BY v.id DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reliability_svg: model % has no validation of set %', m.version, reliability_svg.set_id
      USING ERRCODE = '55000', HINT = 'Run jackpot.validate_model(model_version, from_date, to_date) first.';
  END IF;
  FOR k IN 0 .. 10 LOOP
    ticks := ticks || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="grid"/>'
                             '<text x="%s" y="%s" class="tick" text-anchor="middle">%s</text>'
                             '<text x="%s" y="%s" class="tick" text-anchor="end">%s</text>',
                             margin + k * size / 10, margin, margin + k * size / 10, margin + size,
                             margin + k * size / 10, margin + size + 18, to_char(k / 10.0, 'FM0.0'),
                             margin - 8, margin + size - k * size / 10 + 4, to_char(k / 10.0, 'FM0.0'));
  END LOOP;
  FOR r IN
    SELECT DISTINCT ON (v.outcome) v.outcome, v.reliability, v.sample_count,
           CASE v.outcome WHEN 'home' THEN '#1f77b4' WHEN 'draw' THEN '#7f7f7f' ELSE '#d62728' END AS colour,
           array_position(ARRAY['home', 'draw', 'away'], v.outcome) AS k
      FROM jackpot.validation_results AS v
     WHERE v.model_id = m.id AND v.set_id = reliability_svg.set_id
     ORDER BY v.outcome, v.id DESC
  LOOP
    SELECT points || string_agg(format('<circle cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="0.6"><title>%s: predicted %s, observed %s, %s matches</title></circle>',
                                       round((margin + size * p.x::float8)::numeric, 1), round((margin + size - size * p.y::float8)::numeric, 1),
                                       round((2 + 10 * sqrt(p.n::float8 / greatest(r.sample_count, 1)))::numeric, 1), r.colour, r.outcome,
                                       round(p.x::numeric, 3), round(p.y::numeric, 3), p.n), '')
      INTO points
      FROM jsonb_array_elements_text(r.reliability -> 'predicted') WITH ORDINALITY AS px(x, i)
      JOIN jsonb_array_elements_text(r.reliability -> 'observed') WITH ORDINALITY AS py(y, i) USING (i)
      JOIN jsonb_array_elements_text(r.reliability -> 'count') WITH ORDINALITY AS pn(n, i) USING (i)
      CROSS JOIN LATERAL (SELECT px.x, py.y, pn.n::integer AS n) AS p
     WHERE px.x IS NOT NULL AND py.y IS NOT NULL;
    points := coalesce(points, '');
    legend := legend || format('<circle cx="%s" cy="%s" r="6" fill="%s"/><text x="%s" y="%s" class="label">%s (ECE %s)</text>',
                               margin + 12, margin + 16 + 20 * (r.k - 1), r.colour, margin + 24, margin + 21 + 20 * (r.k - 1),
                               r.outcome, round((r.reliability ->> 'ece')::numeric, 4));
  END LOOP;
  svg := format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">',
                size + 2 * margin, size + 2 * margin, size + 2 * margin, size + 2 * margin)
      || '<style>.grid{stroke:#e5e5e5;stroke-width:1}.axis{stroke:#333;stroke-width:1.5;fill:none}'
      || '.tick{font:11px sans-serif;fill:#333}.label{font:13px sans-serif;fill:#111}.title{font:bold 14px sans-serif}</style>'
      || '<rect width="100%" height="100%" fill="white"/>'
      || ticks
      || format('<rect x="%s" y="%s" width="%s" height="%s" class="axis"/>', margin, margin, size, size)
      || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#999" stroke-dasharray="6,4"/>',
                margin, margin + size, margin + size, margin)
      || points || legend
      || format('<text x="%s" y="%s" class="label" text-anchor="middle">predicted probability</text>',
                margin + size / 2, margin + size + 40)
      || format('<text x="%s" y="%s" class="label" text-anchor="middle" transform="rotate(-90 %s %s)">observed frequency</text>',
                margin - 40, margin + size / 2, margin - 40, margin + size / 2)
      || format('<text x="%s" y="%s" class="title" text-anchor="middle">%s</text>', margin + size / 2, margin - 30,
                replace(replace(replace(format('Reliability of %s, set %s', m.version, reliability_svg.set_id),
                                        '&', '&amp;'), '<', '&lt;'), '>', '&gt;'))
      || format('<text x="%s" y="%s" class="tick" text-anchor="middle">validated %s, %s matches</text>', margin + size / 2,
                margin - 12, window_text, total / 3)
      || '</svg>';
  RETURN svg;
END
$$;
COMMENT ON FUNCTION jackpot.reliability_svg(text, jackpot.prediction_set) IS
  'A reliability diagram (SVG) of a model''s latest validation of one set: predicted against observed frequency per bin for home, draw and away, point area by count, the diagonal, axes with labels and each outcome''s ECE.';
