-- Isotonic calibration of a model on its league's out-of-sample backtest predictions
-- (docs/formulas/isotonic.md).

CREATE FUNCTION jackpot.calibrate_isotonic(model_version text)
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
  SELECT count(*) INTO samples FROM jackpot.out_of_sample_predictions(m.league_id, trained_on_end, m.model_type);
  IF samples < needed THEN
    RAISE EXCEPTION 'calibrate_isotonic: model % has % out-of-sample predictions before %, fewer than jackpot.min_calibration_samples (%)',
      m.version, samples, trained_on_end, needed
      USING ERRCODE = '55000',
            HINT = format('Backtest the league before %s first, e.g. SELECT jackpot.backtest(%L, %L, %L, model_type => %L);',
                          trained_on_end, (SELECT l.code FROM jackpot.leagues AS l WHERE l.id = m.league_id),
                          trained_on_end - 1000, trained_on_end - 1, m.model_type);
  END IF;
  RETURN QUERY
  INSERT INTO jackpot.calibration_data (model_id, outcome, bins, frequencies, trained_on_end)
  SELECT m.id, o.outcome, o.fit -> 'x_thresholds', o.fit -> 'y_thresholds', trained_on_end
    FROM (SELECT jackpot.isotonic_fit(p.prob_home, p.result = 'H') AS home,
                 jackpot.isotonic_fit(p.prob_draw, p.result = 'D') AS draw,
                 jackpot.isotonic_fit(p.prob_away, p.result = 'A') AS away
            FROM jackpot.out_of_sample_predictions(m.league_id, trained_on_end, m.model_type) AS p) AS f
   CROSS JOIN LATERAL (VALUES (1, 'home', f.home), (2, 'draw', f.draw), (3, 'away', f.away)) AS o(k, outcome, fit)
   ORDER BY o.k
  RETURNING *;
END
$$;
COMMENT ON FUNCTION jackpot.calibrate_isotonic(text) IS
  'Fits one isotonic map per outcome (one-vs-rest) on the league''s out-of-sample backtest predictions (by backtests of the model''s type) of matches before the model''s as_of, stores them (calibration_data, once per model) and returns them; from then on set A of this model is calibrated (the three values renormalised) in predict_fixture and in jackpots created afterwards. Fewer than jackpot.min_calibration_samples predictions: 55000.';
