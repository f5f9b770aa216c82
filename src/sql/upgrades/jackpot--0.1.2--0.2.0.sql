-- jackpot 0.1.2 -> 0.2.0. The install script of 0.2.0 is assembled from the area files; this is
-- what differs from 0.1.2, by hand. test/operations checks that a 0.1.2 database upgraded by it
-- has the catalog of a fresh 0.2.0.

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

-- validate_model, reliability_svg and the fixtures' immutability trigger in functions of one
-- job each (same rows, messages and SQLSTATEs).

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

CREATE OR REPLACE FUNCTION jackpot.validate_model(model_version text, from_date date, to_date date)
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

CREATE FUNCTION jackpot.svg_reliability_frame(size integer, margin integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT pg_catalog.format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">',
                           size + 2 * margin, size + 2 * margin, size + 2 * margin, size + 2 * margin)
      || '<style>.grid{stroke:#e5e5e5;stroke-width:1}.axis{stroke:#333;stroke-width:1.5;fill:none}'
      || '.tick{font:11px sans-serif;fill:#333}.label{font:13px sans-serif;fill:#111}.title{font:bold 14px sans-serif}</style>'
      || '<rect width="100%" height="100%" fill="white"/>'
      || pg_catalog.string_agg(pg_catalog.format(
           '<line x1="%s" y1="%s" x2="%s" y2="%s" class="grid"/>'
           '<text x="%s" y="%s" class="tick" text-anchor="middle">%s</text>'
           '<text x="%s" y="%s" class="tick" text-anchor="end">%s</text>',
           margin + k * size / 10, margin, margin + k * size / 10, margin + size,
           margin + k * size / 10, margin + size + 18, pg_catalog.to_char(k / 10.0, 'FM0.0'),
           margin - 8, margin + size - k * size / 10 + 4, pg_catalog.to_char(k / 10.0, 'FM0.0')), '' ORDER BY k)
      || pg_catalog.format('<rect x="%s" y="%s" width="%s" height="%s" class="axis"/>', margin, margin, size, size)
      || pg_catalog.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#999" stroke-dasharray="6,4"/>',
                           margin, margin + size, margin + size, margin)
    FROM pg_catalog.generate_series(0, 10) AS k;
END;
COMMENT ON FUNCTION jackpot.svg_reliability_frame(integer, integer) IS
  'The opening of a reliability diagram''s SVG document: style, background, grid with ticks at 0.0-1.0, the plot''s box and its diagonal (used by jackpot.reliability_svg).';

CREATE FUNCTION jackpot.svg_reliability_points(outcome text, reliability jsonb, sample_count integer, colour text,
                                               size integer, margin integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(pg_catalog.string_agg(pg_catalog.format(
           '<circle cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="0.6"><title>%s: predicted %s, observed %s, %s matches</title></circle>',
           pg_catalog.round((margin + size * p.x::float8)::numeric, 1), pg_catalog.round((margin + size - size * p.y::float8)::numeric, 1),
           pg_catalog.round((2 + 10 * pg_catalog.sqrt(p.n::float8 / greatest(sample_count, 1)))::numeric, 1),
           colour, outcome, pg_catalog.round(p.x::numeric, 3), pg_catalog.round(p.y::numeric, 3), p.n), ''), '')
    FROM pg_catalog.jsonb_array_elements_text(reliability -> 'predicted') WITH ORDINALITY AS px(x, i)
    JOIN pg_catalog.jsonb_array_elements_text(reliability -> 'observed') WITH ORDINALITY AS py(y, i) USING (i)
    JOIN pg_catalog.jsonb_array_elements_text(reliability -> 'count') WITH ORDINALITY AS pn(n, i) USING (i)
   CROSS JOIN LATERAL (SELECT px.x, py.y, pn.n::integer AS n) AS p
   WHERE px.x IS NOT NULL AND py.y IS NOT NULL;
END;
COMMENT ON FUNCTION jackpot.svg_reliability_points(text, jsonb, integer, text, integer, integer) IS
  'One outcome''s bins of a reliability diagram as SVG circles (predicted against observed, area by count; used by jackpot.reliability_svg).';

CREATE OR REPLACE FUNCTION jackpot.reliability_svg(model_version text, set_id jackpot.prediction_set DEFAULT 'A')
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  size constant integer := 480;     -- the plot's side, in SVG units
  margin constant integer := 60;
  m jackpot.models;
  latest record;
  layers record;
BEGIN
  SELECT * INTO m FROM jackpot.models AS x WHERE x.version = reliability_svg.model_version;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reliability_svg: unknown model version "%"', coalesce(model_version, 'NULL') USING ERRCODE = '22023';
  END IF;
  -- The latest validation of this model and set: one row per outcome.
  SELECT format('%s to %s', v.evaluated_from, v.evaluated_to) AS window_text, sum(v.sample_count) OVER () AS total
    INTO latest FROM jackpot.validation_results AS v
   WHERE v.model_id = m.id AND v.set_id = reliability_svg.set_id ORDER BY v.id DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reliability_svg: model % has no validation of set %', m.version, reliability_svg.set_id
      USING ERRCODE = '55000', HINT = 'Run jackpot.validate_model(model_version, from_date, to_date) first.';
  END IF;
  SELECT string_agg(jackpot.svg_reliability_points(o.outcome, o.reliability, o.sample_count, o.colour, size, margin), '' ORDER BY o.outcome) AS points,
         string_agg(format('<circle cx="%s" cy="%s" r="6" fill="%s"/><text x="%s" y="%s" class="label">%s (ECE %s)</text>',
                           margin + 12, margin + 16 + 20 * (o.k - 1), o.colour, margin + 24, margin + 21 + 20 * (o.k - 1),
                           o.outcome, round((o.reliability ->> 'ece')::numeric, 4)), '' ORDER BY o.outcome) AS legend
    INTO layers
    FROM (SELECT DISTINCT ON (v.outcome) v.outcome, v.reliability, v.sample_count,
                 CASE v.outcome WHEN 'home' THEN '#1f77b4' WHEN 'draw' THEN '#7f7f7f' ELSE '#d62728' END AS colour,
                 array_position(ARRAY['home', 'draw', 'away'], v.outcome) AS k
            FROM jackpot.validation_results AS v
           WHERE v.model_id = m.id AND v.set_id = reliability_svg.set_id ORDER BY v.outcome, v.id DESC) AS o;
  RETURN jackpot.svg_reliability_frame(size, margin) || layers.points || layers.legend
      || format('<text x="%s" y="%s" class="label" text-anchor="middle">predicted probability</text>', margin + size / 2, margin + size + 40)
      || format('<text x="%s" y="%s" class="label" text-anchor="middle" transform="rotate(-90 %s %s)">observed frequency</text>',
                margin - 40, margin + size / 2, margin - 40, margin + size / 2)
      || format('<text x="%s" y="%s" class="title" text-anchor="middle">%s</text>', margin + size / 2, margin - 30,
                replace(replace(replace(format('Reliability of %s, set %s', m.version, reliability_svg.set_id),
                                        '&', '&amp;'), '<', '&lt;'), '>', '&gt;'))
      || format('<text x="%s" y="%s" class="tick" text-anchor="middle">validated %s, %s matches</text>', margin + size / 2,
                margin - 12, latest.window_text, latest.total / 3)
      || '</svg>';
END
$$;

CREATE FUNCTION jackpot.check_fixture_removal(fixture jackpot.jackpot_fixtures, jackpot_status text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF jackpot_status = 'finalized' THEN
    RAISE EXCEPTION 'jackpot_fixtures.finalized_locked: jackpot % is finalized; its fixtures cannot be removed', fixture.jackpot_id
      USING ERRCODE = 'JP005';
  END IF;
  IF jackpot_status IS NOT NULL
     AND EXISTS (SELECT 1 FROM jackpot.predictions AS p WHERE p.fixture_id = fixture.id) THEN
    RAISE EXCEPTION 'predictions.delete_with_jackpot: fixture % has locked predictions and can only be deleted with its jackpot', fixture.id
      USING ERRCODE = 'JP006', HINT = 'Delete the whole jackpot while it is still calculating.';
  END IF;
END
$$;
COMMENT ON FUNCTION jackpot.check_fixture_removal(jackpot.jackpot_fixtures, text) IS
  'Trigger helper: refuses to delete a fixture of a finalized jackpot (JP005), or one with predictions except with its jackpot (JP006).';

CREATE FUNCTION jackpot.check_finalized_fixture_change(old_row jackpot.jackpot_fixtures, new_row jackpot.jackpot_fixtures)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  frozen text[] := jackpot.changed_columns(to_jsonb(old_row), to_jsonb(new_row),
    ARRAY['id', 'jackpot_id', 'match_order', 'match_date', 'home_team', 'away_team', 'odds_home',
          'odds_draw', 'odds_away', 'home_team_id', 'away_team_id', 'league_id', 'model_id', 'calibrated',
          'created_at']);
  rewritten text[] := jackpot.rewritten_columns(to_jsonb(old_row), to_jsonb(new_row),
    ARRAY['result_status', 'actual_result', 'actual_home_goals', 'actual_away_goals']);
BEGIN
  IF cardinality(frozen) > 0 THEN
    RAISE EXCEPTION 'jackpot_fixtures.frozen_inputs: column % of fixture % is frozen because jackpot % is finalized', frozen[1], old_row.id, old_row.jackpot_id
      USING ERRCODE = 'JP001', HINT = 'Only result_status, actual_result, actual_home_goals and actual_away_goals may be recorded, once.';
  END IF;
  IF cardinality(rewritten) > 0 THEN
    RAISE EXCEPTION 'jackpot_fixtures.result_write_once: % of fixture % is already recorded', rewritten[1], old_row.id
      USING ERRCODE = 'JP003', HINT = 'The actual result of a finalized jackpot''s fixture is recorded once.';
  END IF;
END
$$;
COMMENT ON FUNCTION jackpot.check_finalized_fixture_change(jackpot.jackpot_fixtures, jackpot.jackpot_fixtures) IS
  'Trigger helper: the inputs of a finalized jackpot''s fixture never change (JP001) and its actual result is written once (JP003).';

CREATE OR REPLACE FUNCTION jackpot.enforce_fixture_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM jackpot.check_fixture_removal(OLD, jackpot.jackpot_status(OLD.jackpot_id));
    RETURN OLD;
  END IF;
  IF jackpot.jackpot_status(OLD.jackpot_id) = 'finalized' THEN
    PERFORM jackpot.check_finalized_fixture_change(OLD, NEW);
  ELSIF jackpot.jackpot_status(NEW.jackpot_id) = 'finalized' THEN
    RAISE EXCEPTION 'jackpot_fixtures.finalized_locked: jackpot % is finalized; no fixture can be moved into it', NEW.jackpot_id
      USING ERRCODE = 'JP005';
  END IF;
  RETURN NEW;
END
$$;

-- The documented form of a model's team strengths is the one the fits write.
COMMENT ON COLUMN jackpot.models.team_strengths IS '{team_id: {attack, defence, attack_se, defence_se}}: each team''s strengths on the log-rate scale and their standard errors.';

-- The new functions' privileges, as 95_grants.sql gives them in a fresh install.
REVOKE EXECUTE ON FUNCTION jackpot.setting(text), jackpot.validation_predictions(jackpot.models, daterange),
    jackpot.record_validation_metrics(jackpot.models), jackpot.svg_reliability_frame(integer, integer),
    jackpot.svg_reliability_points(text, jsonb, integer, text, integer, integer),
    jackpot.check_fixture_removal(jackpot.jackpot_fixtures, text),
    jackpot.check_finalized_fixture_change(jackpot.jackpot_fixtures, jackpot.jackpot_fixtures) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jackpot.setting(text), jackpot.validation_predictions(jackpot.models, daterange),
    jackpot.svg_reliability_frame(integer, integer), jackpot.svg_reliability_points(text, jsonb, integer, text, integer, integer),
    jackpot.check_fixture_removal(jackpot.jackpot_fixtures, text),
    jackpot.check_finalized_fixture_change(jackpot.jackpot_fixtures, jackpot.jackpot_fixtures) TO jackpot_reader;
GRANT EXECUTE ON FUNCTION jackpot.record_validation_metrics(jackpot.models) TO jackpot_analyst;
