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

-- validate_model, reliability_svg, resolve_team and the fixtures' immutability trigger in functions of one
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

CREATE FUNCTION jackpot.team_identity_scores(wanted text, scope_league integer)
RETURNS TABLE (identity text, score double precision)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  WITH scope AS (
    SELECT t.id, t.canonical_name FROM jackpot.teams AS t WHERE scope_league IS NULL OR t.league_id = scope_league
  ), seeds AS (
    SELECT jackpot.canonical_team_name(s.alias) AS canonical_alias, jackpot.canonical_team_name(s.team_name) AS team_canonical
      FROM jackpot.team_alias_seeds AS s
  ), candidates AS (
    SELECT t.id AS team_id, t.canonical_name AS candidate, true AS is_name FROM scope AS t
    UNION ALL
    SELECT a.team_id, a.canonical_alias, false FROM jackpot.team_aliases AS a JOIN scope AS t ON t.id = a.team_id
    UNION ALL
    SELECT t.id, s.canonical_alias, false FROM seeds AS s JOIN scope AS t ON t.canonical_name = s.team_canonical
  )
  SELECT t.canonical_name,
         max(CASE WHEN c.is_name AND c.candidate = wanted THEN 4
                  WHEN c.candidate = wanted THEN 3
                  ELSE jackpot.team_name_match_score(wanted, c.candidate) END) AS score
    FROM candidates AS c JOIN scope AS t ON t.id = c.team_id
   GROUP BY t.canonical_name
   ORDER BY score DESC, t.canonical_name
$$;
COMMENT ON FUNCTION jackpot.team_identity_scores(text, integer) IS
  'resolve_team''s ranking: every club (canonical name) of the league scope_league, or of every league when NULL, with how well the canonical name wanted designates it (4 its name, 3 an alias, 1..2 every word found, below 1 closeness only), best first.';

CREATE FUNCTION jackpot.team_identity_labels(identities text[], scope_league integer)
RETURNS text[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT array_agg(x.label ORDER BY x.rank)
    FROM (SELECT u.rank, string_agg(DISTINCT t.name || ' (' || l.code || ')', ', ') AS label
            FROM unnest(identities) WITH ORDINALITY AS u(identity, rank)
            JOIN jackpot.teams AS t ON t.canonical_name = u.identity
            JOIN jackpot.leagues AS l ON l.id = t.league_id
           WHERE scope_league IS NULL OR t.league_id = scope_league
           GROUP BY u.rank) AS x
$$;
COMMENT ON FUNCTION jackpot.team_identity_labels(text[], integer) IS
  'For each club (canonical name), its teams as "Name (league)" within scope_league (every league when NULL): the candidates resolve_team''s errors list.';

CREATE FUNCTION jackpot.nearest_teams(identity text, scope_league integer, reference_date date)
RETURNS TABLE (team jackpot.teams, distance integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT t, d.distance
    FROM jackpot.teams AS t
   CROSS JOIN LATERAL (SELECT min(abs(m.match_date - reference_date)) AS distance FROM jackpot.matches AS m
                        WHERE m.home_team_id = t.id OR m.away_team_id = t.id) AS d
   WHERE t.canonical_name = identity AND (scope_league IS NULL OR t.league_id = scope_league)
   ORDER BY d.distance NULLS LAST, t.id
   LIMIT 2
$$;
COMMENT ON FUNCTION jackpot.nearest_teams(text, integer, date) IS
  'The (at most two) teams of a club (canonical name) within scope_league (every league when NULL) that played nearest reference_date, nearest first, with the distance in days (NULL: never played).';

CREATE OR REPLACE FUNCTION jackpot.resolve_team(name text, league_code text DEFAULT NULL, on_date date DEFAULT NULL)
RETURNS jackpot.teams
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted text := jackpot.canonical_team_name(name);
  scope_league integer;
  reference_date date := coalesce(on_date, CURRENT_DATE);
  identities text[];
  scores double precision[];
  labels text[];
  nearest jackpot.teams[];
  distances integer[];
BEGIN
  IF wanted IS NULL OR wanted = '' THEN
    RAISE EXCEPTION 'resolve_team: the team name is empty' USING ERRCODE = '22023';
  ELSIF length(name) > 200 THEN
    RAISE EXCEPTION 'resolve_team: a team name of % characters is not a team name (at most 200)', length(name)
      USING ERRCODE = '22023';
  END IF;
  IF resolve_team.league_code IS NOT NULL THEN
    SELECT l.id INTO scope_league FROM jackpot.leagues AS l WHERE l.code = resolve_team.league_code;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'resolve_team: unknown league code "%"', resolve_team.league_code
        USING ERRCODE = '22023', HINT = 'Ingest the league first with jackpot.ingest_football_data().';
    END IF;
  END IF;
  SELECT array_agg(s.identity ORDER BY s.score DESC, s.identity), array_agg(s.score ORDER BY s.score DESC, s.identity)
    INTO identities, scores FROM jackpot.team_identity_scores(wanted, scope_league) AS s;
  labels := jackpot.team_identity_labels(identities[1:3], scope_league);
  IF identities IS NULL OR scores[1] < 1 THEN
    RAISE EXCEPTION 'resolve_team: no team matches "%" confidently', name
      USING ERRCODE = 'P0002',
            DETAIL = 'Closest candidates: ' || coalesce(array_to_string(labels, '; '), 'none (no teams in scope)') || '.',
            HINT = 'Teach the name with jackpot.add_team_alias(alias, team).';
  ELSIF cardinality(scores) > 1 AND scores[2] >= 1 AND scores[1] - scores[2] < 0.05 THEN
    RAISE EXCEPTION 'resolve_team: "%" matches several teams equally well: % and %', name, labels[1], labels[2]
      USING ERRCODE = 'P0003', HINT = 'Pass league_code, or teach the name with jackpot.add_team_alias(alias, team).';
  END IF;
  SELECT array_agg(n.team ORDER BY n.distance NULLS LAST, (n.team).id), array_agg(n.distance ORDER BY n.distance NULLS LAST, (n.team).id)
    INTO nearest, distances FROM jackpot.nearest_teams(identities[1], scope_league, reference_date) AS n;
  IF cardinality(distances) > 1 AND distances[2] IS NOT DISTINCT FROM distances[1] THEN
    RAISE EXCEPTION 'resolve_team: "%" names teams in several leagues that played equally near %: %', name, reference_date, labels[1]
      USING ERRCODE = 'P0003', HINT = 'Pass league_code.';
  END IF;
  RETURN nearest[1];
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
          'basis', 'basis_inputs', 'resolution', 'created_at']);
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

-- Real coupons end to end: a fixture's names resolved together against a per-session team
-- directory, and every fixture predicted on a basis: its model, the market, or a prior.
ALTER TABLE jackpot.jackpots ALTER COLUMN league_id DROP NOT NULL, ALTER COLUMN model_version DROP NOT NULL;
ALTER TABLE jackpot.predictions ALTER COLUMN model_id DROP NOT NULL;
ALTER TABLE jackpot.jackpot_fixtures
  ADD COLUMN basis text NOT NULL DEFAULT 'model',
  ADD COLUMN basis_inputs jsonb,
  ADD COLUMN resolution jsonb,
  ADD CONSTRAINT check_fixture_basis CHECK (
    basis IN ('model', 'market', 'prior') AND
    (basis = 'model') = (basis_inputs IS NULL) AND
    (basis = 'model' OR model_id IS NULL) AND
    (basis <> 'market' OR odds_home IS NOT NULL));

COMMENT ON COLUMN jackpot.jackpots.league_id IS
  'The main league: the one given to create_jackpot, else the league of most fixtures predicted by a model; NULL when no fixture is.';

COMMENT ON COLUMN jackpot.jackpots.model_version IS
  'The active model of the jackpot''s main league (league_id), locked at creation; each fixture also locks its own league''s model (jackpot_fixtures.model_id), which is the one its predictions use. NULL when no fixture rests on a model.';

COMMENT ON COLUMN jackpot.jackpot_fixtures.league_id IS 'The league both teams were resolved in (NULL when they play in different leagues or either is unresolved).';

COMMENT ON COLUMN jackpot.jackpot_fixtures.basis IS
  'What the seven sets rest on: model (both teams rated by the active model of their league), market (no model; the margin-free odds) or prior (neither; the base rates of past matches). docs/prediction-sets.md#bases.';

COMMENT ON COLUMN jackpot.jackpot_fixtures.basis_inputs IS
  'A market or prior basis''s inputs, measured at creation and locked: base rates, mean draw and goals of the population of past matches, and the score matrix''s rho and max_goals. NULL for a model basis.';

COMMENT ON COLUMN jackpot.jackpot_fixtures.resolution IS
  'How each name was resolved (jackpot.resolve_fixture): team, league, confidence, evidence, the best candidates, and the reason a name stayed unresolved.';

COMMENT ON COLUMN jackpot.predictions.model_id IS 'The model the set was computed from; NULL for a fixture on a market or prior basis.';

-- The team directory: every club's names as jackpot.resolve_fixture searches them, built once
-- per session from teams, team_aliases and team_alias_seeds and rebuilt when this version
-- changes. Triggers raise it whenever a team is added, renamed, moved or removed, or an alias
-- changes, in the same transaction as the change (so a session sees both or neither).
CREATE TABLE jackpot.team_directory_version (
  singleton boolean PRIMARY KEY DEFAULT true,
  version   bigint NOT NULL,
  CONSTRAINT check_team_directory_singleton CHECK (singleton)
);
INSERT INTO jackpot.team_directory_version (version) VALUES (1);
COMMENT ON TABLE jackpot.team_directory_version IS
  'One row: the version of the team names that jackpot.resolve_fixture''s per-session index was built from; raised by triggers on teams, team_aliases and team_alias_seeds.';

CREATE FUNCTION jackpot.raise_team_directory_version()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE jackpot.team_directory_version SET version = version + 1;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION jackpot.raise_team_directory_version() IS
  'Trigger: raises jackpot.team_directory_version, so that every session rebuilds its index of team names.';
CREATE TRIGGER team_directory_changed AFTER INSERT OR DELETE OR UPDATE OF name, canonical_name, league_id
  ON jackpot.teams FOR EACH ROW EXECUTE FUNCTION jackpot.raise_team_directory_version();
COMMENT ON TRIGGER team_directory_changed ON jackpot.teams IS 'A team added, renamed, moved or removed changes the team directory.';
CREATE TRIGGER team_directory_changed AFTER INSERT OR DELETE OR UPDATE
  ON jackpot.team_aliases FOR EACH STATEMENT EXECUTE FUNCTION jackpot.raise_team_directory_version();
COMMENT ON TRIGGER team_directory_changed ON jackpot.team_aliases IS 'An alias added or removed changes the team directory.';
CREATE TRIGGER team_directory_changed AFTER INSERT OR DELETE OR UPDATE
  ON jackpot.team_alias_seeds FOR EACH STATEMENT EXECUTE FUNCTION jackpot.raise_team_directory_version();
COMMENT ON TRIGGER team_directory_changed ON jackpot.team_alias_seeds IS 'A shipped alias changed changes the team directory.';

CREATE FUNCTION jackpot.resolve_fixture(
  home text, away text, on_date date, league_code text DEFAULT NULL,
  OUT home_team_id integer, OUT home_team text, OUT home_league text, OUT home_confidence double precision,
  OUT home_evidence text, OUT home_candidates jsonb, OUT home_reason text,
  OUT away_team_id integer, OUT away_team text, OUT away_league text, OUT away_confidence double precision,
  OUT away_evidence text, OUT away_candidates jsonb, OUT away_reason text,
  OUT league text)
RETURNS record
LANGUAGE c STABLE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_resolve_fixture';
COMMENT ON FUNCTION jackpot.resolve_fixture(text, text, date, text) IS
  'The teams a fixture''s two names designate on a date, resolved together (docs/formulas/team-resolution.md): per side the team, its league, the name''s confidence (0-1), the evidence that settled it (name, league, country), the best candidates, and the reason a name stayed unresolved (NULL team: never a guess); league is the league both play in, if one. league_code restricts both sides to that league.';

CREATE FUNCTION jackpot.fixture_prediction_sets(
  basis text, model_id uuid, home_team_id integer, away_team_id integer, basis_inputs jsonb,
  odds_home double precision DEFAULT NULL, odds_draw double precision DEFAULT NULL,
  odds_away double precision DEFAULT NULL, settings jsonb DEFAULT NULL, use_calibration boolean DEFAULT true)
RETURNS TABLE (set_id jackpot.prediction_set,
               prob_home double precision, prob_draw double precision, prob_away double precision,
               lambda_home double precision, lambda_away double precision,
               model_prob_home double precision, model_prob_draw double precision, model_prob_away double precision,
               market_prob_home double precision, market_prob_draw double precision, market_prob_away double precision,
               blend_alpha double precision)
LANGUAGE c STABLE PARALLEL RESTRICTED ROWS 7
AS 'MODULE_PATHNAME', 'jackpot_fixture_prediction_sets';
COMMENT ON FUNCTION jackpot.fixture_prediction_sets(text, uuid, integer, integer, jsonb, double precision, double precision, double precision, jsonb, boolean) IS
  'The seven prediction sets of a jackpot fixture on its basis: model (jackpot.prediction_sets of the model of model_id and the team ids), market (the margin-free odds with the locked basis_inputs) or prior (the locked base rates and mean goals); what predict_jackpot writes and verify_jackpot recomputes (docs/prediction-sets.md#bases).';

CREATE OR REPLACE FUNCTION jackpot.fixture_problem(fixture jsonb)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN pg_catalog.jsonb_typeof(fixture) IS DISTINCT FROM 'object'
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'home') IS DISTINCT FROM 'string'
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'away') IS DISTINCT FROM 'string'
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'date') IS DISTINCT FROM 'string'
    THEN 'home, away and date are required strings'
  WHEN (fixture OPERATOR(pg_catalog.-) ARRAY['home', 'away', 'date', 'odds_home', 'odds_draw', 'odds_away', 'league',
                                             'home_team_id', 'away_team_id'])
       OPERATOR(pg_catalog.<>) '{}'::jsonb
    THEN 'unknown key ' || (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(k), ', ')
                              FROM pg_catalog.jsonb_object_keys(fixture) AS k
                             WHERE k OPERATOR(pg_catalog.<>) ALL (ARRAY['home', 'away', 'date', 'odds_home', 'odds_draw', 'odds_away',
                                                                        'league', 'home_team_id', 'away_team_id']))
         || ' (a fixture has home, away, date and optionally odds_home, odds_draw, odds_away, league, home_team_id and away_team_id)'
  WHEN jackpot.canonical_team_name(fixture OPERATOR(pg_catalog.->>) 'home') OPERATOR(pg_catalog.=) ''
    OR jackpot.canonical_team_name(fixture OPERATOR(pg_catalog.->>) 'away') OPERATOR(pg_catalog.=) ''
    THEN 'a team name is empty'
  WHEN (fixture OPERATOR(pg_catalog.->>) 'date') OPERATOR(pg_catalog.!~) '^\d{4}-\d{2}-\d{2}([T ].*)?$'
    THEN 'date ' || pg_catalog.quote_literal(fixture OPERATOR(pg_catalog.->>) 'date') || ' is not YYYY-MM-DD or an ISO timestamp'
  WHEN pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'league') NOT IN ('string', 'null')
    THEN 'league must be a league code'
  WHEN pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'home_team_id') NOT IN ('number', 'null')
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'away_team_id') NOT IN ('number', 'null')
    THEN 'home_team_id and away_team_id must be team ids'
  WHEN (fixture OPERATOR(pg_catalog.?|) ARRAY['odds_home', 'odds_draw', 'odds_away'])
   AND NOT (fixture OPERATOR(pg_catalog.?&) ARRAY['odds_home', 'odds_draw', 'odds_away']
            AND pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'odds_home') OPERATOR(pg_catalog.=) 'number'
            AND pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'odds_draw') OPERATOR(pg_catalog.=) 'number'
            AND pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'odds_away') OPERATOR(pg_catalog.=) 'number')
    THEN 'odds_home, odds_draw and odds_away are three numbers or absent'
  WHEN fixture OPERATOR(pg_catalog.?) 'odds_home'
   AND NOT ((fixture OPERATOR(pg_catalog.->>) 'odds_home')::pg_catalog.float8 OPERATOR(pg_catalog.>) 1
            AND (fixture OPERATOR(pg_catalog.->>) 'odds_draw')::pg_catalog.float8 OPERATOR(pg_catalog.>) 1
            AND (fixture OPERATOR(pg_catalog.->>) 'odds_away')::pg_catalog.float8 OPERATOR(pg_catalog.>) 1)
    THEN 'decimal odds must be greater than 1, not ' || (fixture OPERATOR(pg_catalog.->>) 'odds_home') || ', '
         || (fixture OPERATOR(pg_catalog.->>) 'odds_draw') || ', ' || (fixture OPERATOR(pg_catalog.->>) 'odds_away')
END;
COMMENT ON FUNCTION jackpot.fixture_problem(jsonb) IS
  'What is wrong with one fixture object of create_jackpot (shape, keys, empty names, date form, ids, odds), or NULL when it is well formed.';

CREATE FUNCTION jackpot.is_calendar_date(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(value OPERATOR(pg_catalog.~) '^\d{4}-\d{2}-\d{2}', false)
   AND pg_catalog.substr(value, 1, 4)::integer OPERATOR(pg_catalog.>=) 1
   AND pg_catalog.substr(value, 6, 2)::integer BETWEEN 1 AND 12
   AND pg_catalog.substr(value, 9, 2)::integer BETWEEN 1 AND
       CASE pg_catalog.substr(value, 6, 2)::integer
         WHEN 2 THEN CASE WHEN pg_catalog.substr(value, 1, 4)::integer % 4 OPERATOR(pg_catalog.=) 0
                           AND (pg_catalog.substr(value, 1, 4)::integer % 100 OPERATOR(pg_catalog.<>) 0
                                OR pg_catalog.substr(value, 1, 4)::integer % 400 OPERATOR(pg_catalog.=) 0)
                          THEN 29 ELSE 28 END
         WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END;
COMMENT ON FUNCTION jackpot.is_calendar_date(text) IS
  'Whether text starts with a calendar date YYYY-MM-DD of the years 1-9999 (month lengths and leap years checked), without raising: how create_jackpot checks a fixture''s date.';

CREATE FUNCTION jackpot.coupon_problem(fixtures jsonb)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN CASE
    WHEN fixtures IS NULL OR jsonb_typeof(fixtures) <> 'array'
      THEN 'fixtures must be a JSON array of {home, away, date, odds_home?, odds_draw?, odds_away?, league?, home_team_id?, away_team_id?}'
    WHEN jsonb_array_length(fixtures) NOT BETWEEN 1 AND 50
      THEN format('a jackpot has 1 to 50 fixtures, not %s', jsonb_array_length(fixtures))
    ELSE coalesce(
      (SELECT format('fixture %s: %s', x.k, x.problem)
         FROM (SELECT e.k, coalesce(jackpot.fixture_problem(e.value),
                                    CASE WHEN NOT jackpot.is_calendar_date(e.value ->> 'date')
                                         THEN format('date %L is not a date', e.value ->> 'date') END,
                                    CASE WHEN (e.value ->> 'league') IS NOT NULL
                                          AND NOT EXISTS (SELECT FROM jackpot.leagues AS l WHERE l.code = e.value ->> 'league')
                                         THEN format('unknown league code "%s"', e.value ->> 'league') END) AS problem
                 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(fixtures) = 'array' THEN fixtures ELSE '[]' END)
                      WITH ORDINALITY AS e(value, k)) AS x
        WHERE x.problem IS NOT NULL ORDER BY x.k LIMIT 1),
      (SELECT format('fixtures %s and %s are the same fixture (%s v %s on %s)', min(e.k), max(e.k), min(e.value ->> 'home'),
                     min(e.value ->> 'away'), left(min(e.value ->> 'date'), 10))
         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(fixtures) = 'array' THEN fixtures ELSE '[]' END)
              WITH ORDINALITY AS e(value, k)
        GROUP BY jackpot.canonical_team_name(e.value ->> 'home'), jackpot.canonical_team_name(e.value ->> 'away'),
                 left(e.value ->> 'date', 10)
       HAVING count(*) > 1 ORDER BY min(e.k) LIMIT 1))
  END;
END
$$;
COMMENT ON FUNCTION jackpot.coupon_problem(jsonb) IS
  'The first problem of a create_jackpot coupon (not an array, not 1-50 fixtures, a fixture''s problem or bad date or unknown league, the same fixture twice), naming the fixture; NULL when it is well formed.';

CREATE FUNCTION jackpot.coupon_fixture_rows(dates date[], homes text[], aways text[], leagues text[],
                                            home_team_ids integer[], away_team_ids integer[], odds_home double precision[],
                                            odds_draw double precision[], odds_away double precision[], on_unresolved text)
RETURNS SETOF jackpot.jackpot_fixtures
LANGUAGE c STABLE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_coupon_fixtures';
COMMENT ON FUNCTION jackpot.coupon_fixture_rows(date[], text[], text[], text[], integer[], integer[], double precision[], double precision[], double precision[], text) IS
  'A coupon''s fixtures, given as one array per field, as create_jackpot writes them (jackpot_fixtures rows without id or jackpot): each fixture''s names resolved together (jackpot.resolve_fixture), its basis decided (model when its league''s active model rates both teams, else market with odds, else prior) and a fallback basis''s inputs measured and locked. on_unresolved ''error'' refuses a coupon with an unresolved name in one error listing them all (P0002).';

CREATE FUNCTION jackpot.coupon_fixtures(fixtures jsonb, league_code text, on_unresolved text)
RETURNS SETOF jackpot.jackpot_fixtures
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
  SELECT c.* FROM (SELECT array_agg(left(e ->> 'date', 10)::date ORDER BY k) AS dates, array_agg(e ->> 'home' ORDER BY k) AS homes,
                          array_agg(e ->> 'away' ORDER BY k) AS aways,
                          array_agg(coalesce(e ->> 'league', coupon_fixtures.league_code) ORDER BY k) AS leagues,
                          array_agg((e ->> 'home_team_id')::integer ORDER BY k) AS home_ids,
                          array_agg((e ->> 'away_team_id')::integer ORDER BY k) AS away_ids,
                          array_agg((e ->> 'odds_home')::float8 ORDER BY k) AS oh, array_agg((e ->> 'odds_draw')::float8 ORDER BY k) AS od,
                          array_agg((e ->> 'odds_away')::float8 ORDER BY k) AS oa
                     FROM jsonb_array_elements(fixtures) WITH ORDINALITY AS x(e, k)) AS a
   CROSS JOIN LATERAL jackpot.coupon_fixture_rows(a.dates, a.homes, a.aways, a.leagues, a.home_ids, a.away_ids, a.oh, a.od, a.oa,
                                                  coupon_fixtures.on_unresolved) AS c;
END
$$;
COMMENT ON FUNCTION jackpot.coupon_fixtures(jsonb, text, text) IS
  'jackpot.coupon_fixture_rows of a well-formed create_jackpot coupon, each fixture in the league it names, else league_code.';

DROP FUNCTION jackpot.create_jackpot(jsonb, text, text);

CREATE FUNCTION jackpot.create_jackpot(fixtures jsonb, on_unresolved text DEFAULT 'error', user_id text DEFAULT NULL,
                                       league_code text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  problem text := jackpot.coupon_problem(fixtures);
  coupon jackpot.jackpot_fixtures[];
  main_league integer;
  new_id uuid;
BEGIN
  IF on_unresolved IS NULL OR on_unresolved NOT IN ('error', 'fallback') THEN
    RAISE EXCEPTION 'create_jackpot: on_unresolved must be ''error'' or ''fallback'', not %', coalesce(quote_literal(on_unresolved), 'NULL')
      USING ERRCODE = '22023';
  ELSIF problem IS NOT NULL THEN
    RAISE EXCEPTION 'create_jackpot: %', problem USING ERRCODE = '22023';
  ELSIF create_jackpot.league_code IS NOT NULL THEN
    SELECT l.id INTO main_league FROM jackpot.leagues AS l WHERE l.code = create_jackpot.league_code;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'create_jackpot: unknown league code "%"', create_jackpot.league_code USING ERRCODE = '22023';
    END IF;
  END IF;
  SELECT array_agg(c ORDER BY c.match_order) INTO coupon
    FROM jackpot.coupon_fixtures(fixtures, create_jackpot.league_code, on_unresolved) AS c;
  -- The main league: the one given, else the league of most fixtures on a model (ties: the first on the coupon).
  SELECT coalesce(main_league, (SELECT c.league_id FROM unnest(coupon) AS c WHERE c.basis = 'model'
                                 GROUP BY c.league_id ORDER BY count(*) DESC, min(c.match_order) LIMIT 1))
    INTO main_league;
  INSERT INTO jackpot.jackpots (user_id, league_id, model_version, settings)
  VALUES (coalesce(create_jackpot.user_id, jackpot.current_user_id()), main_league,
          (SELECT m.version FROM jackpot.models AS m WHERE m.league_id = main_league AND m.status = 'active'), jackpot.settings())
  RETURNING id INTO new_id;
  INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, odds_home, odds_draw,
                                        odds_away, home_team_id, away_team_id, league_id, model_id, calibrated, basis,
                                        basis_inputs, resolution)
  SELECT new_id, c.match_order, c.match_date, c.home_team, c.away_team, c.odds_home, c.odds_draw, c.odds_away,
         c.home_team_id, c.away_team_id, c.league_id, c.model_id, c.calibrated, c.basis, c.basis_inputs, c.resolution
    FROM unnest(coupon) AS c;
  RETURN new_id;
END
$$;
COMMENT ON FUNCTION jackpot.create_jackpot(jsonb, text, text, text) IS
  'Creates a jackpot from [{home, away, date, odds_home?, odds_draw?, odds_away?, league?, home_team_id?, away_team_id?}] (1-50 fixtures): each fixture''s names resolved together (jackpot.resolve_fixture), each fixture locking its basis (model: its league''s active model; market; prior) and the inputs of a fallback basis, the jackpot locking jackpot.settings() and its main league''s model. on_unresolved ''error'' (default) refuses a coupon with unresolved names in one error listing them all with their candidates (P0002); ''fallback'' keeps them, on the market or a prior. user_id defaults to jackpot.current_user_id() (the JWT sub claim, else the session user); row-level security refuses another user''s id. Returns the jackpot id.';

CREATE OR REPLACE FUNCTION jackpot.predict_jackpot(jackpot_id uuid)
RETURNS SETOF jackpot.predictions
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(predict_jackpot.jackpot_id, true);
BEGIN
  -- Predictions are locked: a jackpot already predicted returns them unchanged.
  IF EXISTS (SELECT 1 FROM jackpot.predictions AS p JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id
              WHERE f.jackpot_id = j.id) THEN
    RETURN QUERY SELECT p.* FROM jackpot.predictions AS p JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id
                  WHERE f.jackpot_id = j.id ORDER BY f.match_order, p.set_id;
    RETURN;
  END IF;
  RETURN QUERY
  INSERT INTO jackpot.predictions (fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home,
                                   lambda_away, model_prob_home, model_prob_draw, model_prob_away, market_prob_home,
                                   market_prob_draw, market_prob_away, blend_alpha)
  SELECT f.id, f.model_id, s.set_id, s.prob_home, s.prob_draw, s.prob_away, s.lambda_home, s.lambda_away,
         s.model_prob_home, s.model_prob_draw, s.model_prob_away, s.market_prob_home, s.market_prob_draw,
         s.market_prob_away, s.blend_alpha
    FROM jackpot.jackpot_fixtures AS f
   CROSS JOIN LATERAL jackpot.fixture_prediction_sets(f.basis, f.model_id, f.home_team_id, f.away_team_id, f.basis_inputs,
                                                      f.odds_home, f.odds_draw, f.odds_away, j.settings, f.calibrated) AS s
   WHERE f.jackpot_id = j.id
   ORDER BY f.match_order, s.set_id
  RETURNING *;
END
$$;
COMMENT ON FUNCTION jackpot.predict_jackpot(uuid) IS
  'Writes the 7 x N prediction rows of a jackpot in one statement, each fixture on its locked basis (its model, or the market or prior inputs locked with it; jackpot.fixture_prediction_sets) with its odds and the jackpot''s locked settings, and returns them; a jackpot already predicted returns its rows unchanged.';

CREATE OR REPLACE FUNCTION jackpot.verify_jackpot(jackpot_id uuid)
RETURNS TABLE (match_order integer, set_id jackpot.prediction_set, field text,
               stored double precision, recomputed double precision)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(verify_jackpot.jackpot_id);
BEGIN
  RETURN QUERY
  WITH stored AS (
    SELECT f.match_order, p.set_id, p.model_id IS NOT DISTINCT FROM f.model_id AS same_model,
           ARRAY[p.prob_home, p.prob_draw, p.prob_away, p.lambda_home, p.lambda_away, p.model_prob_home,
                 p.model_prob_draw, p.model_prob_away, p.market_prob_home, p.market_prob_draw, p.market_prob_away,
                 p.blend_alpha] AS v
      FROM jackpot.jackpot_fixtures AS f JOIN jackpot.predictions AS p ON p.fixture_id = f.id
     WHERE f.jackpot_id = j.id
  ), recomputed AS (
    SELECT f.match_order, s.set_id,
           ARRAY[s.prob_home, s.prob_draw, s.prob_away, s.lambda_home, s.lambda_away, s.model_prob_home,
                 s.model_prob_draw, s.model_prob_away, s.market_prob_home, s.market_prob_draw, s.market_prob_away,
                 s.blend_alpha] AS v
      FROM jackpot.jackpot_fixtures AS f
     CROSS JOIN LATERAL jackpot.fixture_prediction_sets(f.basis, f.model_id, f.home_team_id, f.away_team_id, f.basis_inputs,
                                                        f.odds_home, f.odds_draw, f.odds_away, j.settings, f.calibrated) AS s
     WHERE f.jackpot_id = j.id
  ), names(k, name) AS (
    SELECT n.position::integer, n.name FROM unnest(ARRAY['prob_home', 'prob_draw', 'prob_away', 'lambda_home', 'lambda_away', 'model_prob_home',
                               'model_prob_draw', 'model_prob_away', 'market_prob_home', 'market_prob_draw',
                               'market_prob_away', 'blend_alpha']) WITH ORDINALITY AS n(name, position)
  )
  SELECT coalesce(s.match_order, r.match_order), coalesce(s.set_id, r.set_id),
         CASE WHEN s.match_order IS NULL THEN 'missing prediction'
              WHEN r.match_order IS NULL THEN 'unexpected prediction'
              ELSE 'model_id' END,
         NULL::float8, NULL::float8
    FROM stored AS s FULL JOIN recomputed AS r ON r.match_order = s.match_order AND r.set_id = s.set_id
   WHERE s.match_order IS NULL OR r.match_order IS NULL OR NOT s.same_model
  UNION ALL
  SELECT s.match_order, s.set_id, n.name, s.v[n.k], r.v[n.k]
    FROM stored AS s JOIN recomputed AS r ON r.match_order = s.match_order AND r.set_id = s.set_id
   CROSS JOIN names AS n
   WHERE pg_catalog.float8send(s.v[n.k]) IS DISTINCT FROM pg_catalog.float8send(r.v[n.k])
   ORDER BY 1, 2, 3;
END
$$;
COMMENT ON FUNCTION jackpot.verify_jackpot(uuid) IS
  'Recomputes every stored prediction of a jackpot from its fixtures'' locked bases (models and team ids, or the market or prior inputs locked with them), odds and the jackpot''s locked settings, and lists each value that differs (compared bit for bit), each missing or unexpected row and each prediction of another model. No rows: every number reproduces exactly.';

DROP FUNCTION jackpot.jackpot_picks(uuid, jackpot.prediction_set);
DROP FUNCTION jackpot.jackpot_summary(uuid, jackpot.prediction_set);

CREATE FUNCTION jackpot.jackpot_picks(jackpot_id uuid, set_id jackpot.prediction_set)
RETURNS TABLE (match_order integer, league text, home_team text, away_team text, basis text, pick jackpot.match_result,
               pick_probability double precision, prob_home double precision, prob_draw double precision,
               prob_away double precision, result_status text, actual_result jackpot.match_result, correct boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT f.match_order, l.code, coalesce(ht.name, f.home_team), coalesce(at.name, f.away_team), f.basis, x.pick,
         x.probability, p.prob_home, p.prob_draw, p.prob_away, f.result_status, f.actual_result, x.pick = f.actual_result
    FROM jackpot.jackpot_fixtures AS f
    JOIN jackpot.predictions AS p ON p.fixture_id = f.id AND p.set_id = jackpot_picks.set_id
    LEFT JOIN jackpot.leagues AS l ON l.id = f.league_id
    LEFT JOIN jackpot.teams AS ht ON ht.id = f.home_team_id
    LEFT JOIN jackpot.teams AS at ON at.id = f.away_team_id
   CROSS JOIN LATERAL (
     SELECT CASE WHEN p.prob_home >= p.prob_draw AND p.prob_home >= p.prob_away THEN 'H'::jackpot.match_result
                 WHEN p.prob_draw >= p.prob_away THEN 'D'::jackpot.match_result
                 ELSE 'A'::jackpot.match_result END AS pick,
            greatest(p.prob_home, p.prob_draw, p.prob_away) AS probability) AS x
   WHERE f.jackpot_id = jackpot_picks.jackpot_id
   ORDER BY f.match_order;
END;
COMMENT ON FUNCTION jackpot.jackpot_picks(uuid, jackpot.prediction_set) IS
  'Per fixture of a jackpot under one set: resolved league and teams (the coupon''s names where unresolved), the basis its sets rest on (model, market, prior), the pick (argmax; ties home, draw, away) and its probability, the set''s probabilities, and once recorded the result and whether the pick was right.';

CREATE FUNCTION jackpot.jackpot_summary(jackpot_id uuid, set_id jackpot.prediction_set)
RETURNS TABLE (fixtures integer, picks jackpot.match_result[],
               pick_probabilities double precision[], p_all_correct double precision,
               expected_correct double precision, number_correct_distribution double precision[],
               p_at_least double precision[], results_recorded integer, void_fixtures integer,
               actual_correct integer, model_fixtures integer, market_fixtures integer, prior_fixtures integer)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(jackpot_summary.jackpot_id);
  probs double precision[];
  pick_list jackpot.match_result[];
  recorded integer;
  voided integer;
  correct integer;
  dist double precision[];
  tail double precision[];
  bases text[];
  running double precision := 0;
  product double precision := 1;
  k integer;
BEGIN
  IF jackpot_summary.set_id IS NULL THEN
    RAISE EXCEPTION 'jackpot_summary: set_id must not be NULL' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(x.pick_probability ORDER BY x.match_order), array_agg(x.pick ORDER BY x.match_order),
         count(*) FILTER (WHERE x.result_status IS NOT NULL), count(*) FILTER (WHERE x.result_status = 'void'),
         count(*) FILTER (WHERE x.correct), array_agg(x.basis)
    INTO probs, pick_list, recorded, voided, correct, bases
    FROM jackpot.jackpot_picks(j.id, jackpot_summary.set_id) AS x;
  IF probs IS NULL THEN
    RAISE EXCEPTION 'jackpot_summary: jackpot % has no predictions', j.id
      USING ERRCODE = '55000', HINT = 'Predict it first with jackpot.predict_jackpot(jackpot_id).';
  END IF;
  FOREACH running IN ARRAY probs LOOP
    product := product * running;
  END LOOP;
  dist := jackpot.number_correct_distribution(probs);
  tail := dist;  -- same subscripts (0 … n): P(at least k)
  running := 0;
  FOR k IN REVERSE cardinality(probs) .. 0 LOOP
    running := running + dist[k];
    tail[k] := running;
  END LOOP;
  RETURN QUERY
  SELECT cardinality(probs), pick_list, probs, product, (SELECT sum(p) FROM unnest(probs) AS p), dist, tail,
         recorded, voided, CASE WHEN recorded > 0 THEN correct END, cardinality(array_positions(bases, 'model')),
         cardinality(array_positions(bases, 'market')), cardinality(array_positions(bases, 'prior'));
END
$$;
COMMENT ON FUNCTION jackpot.jackpot_summary(uuid, jackpot.prediction_set) IS
  'A jackpot under one set: the picks and their probabilities, P(all correct) (their product), the exact distribution of the number correct (Poisson-binomial; subscripts 0..n) and P(at least k) (p_at_least[13] is P(13 or more)), the expected number correct, and once results are in the actual number correct (a void fixture counts when its settled result matches the pick); how many fixtures rest on each basis (model, market, prior).';

-- The documented form of a model's team strengths is the one the fits write.
COMMENT ON COLUMN jackpot.models.team_strengths IS '{team_id: {attack, defence, attack_se, defence_se}}: each team''s strengths on the log-rate scale and their standard errors.';

-- The new functions' privileges, as 95_grants.sql gives them in a fresh install.
REVOKE EXECUTE ON FUNCTION jackpot.setting(text), jackpot.validation_predictions(jackpot.models, daterange),
    jackpot.record_validation_metrics(jackpot.models), jackpot.svg_reliability_frame(integer, integer),
    jackpot.svg_reliability_points(text, jsonb, integer, text, integer, integer),
    jackpot.check_fixture_removal(jackpot.jackpot_fixtures, text),
    jackpot.check_finalized_fixture_change(jackpot.jackpot_fixtures, jackpot.jackpot_fixtures),
    jackpot.team_identity_scores(text, integer), jackpot.team_identity_labels(text[], integer),
    jackpot.nearest_teams(text, integer, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jackpot.setting(text), jackpot.validation_predictions(jackpot.models, daterange),
    jackpot.svg_reliability_frame(integer, integer), jackpot.svg_reliability_points(text, jsonb, integer, text, integer, integer),
    jackpot.check_fixture_removal(jackpot.jackpot_fixtures, text),
    jackpot.check_finalized_fixture_change(jackpot.jackpot_fixtures, jackpot.jackpot_fixtures),
    jackpot.team_identity_scores(text, integer), jackpot.team_identity_labels(text[], integer),
    jackpot.nearest_teams(text, integer, date) TO jackpot_reader;
GRANT EXECUTE ON FUNCTION jackpot.record_validation_metrics(jackpot.models) TO jackpot_analyst;
REVOKE EXECUTE ON FUNCTION jackpot.raise_team_directory_version(), jackpot.resolve_fixture(text, text, date, text),
    jackpot.fixture_prediction_sets(text, uuid, integer, integer, jsonb, double precision, double precision, double precision, jsonb, boolean),
    jackpot.coupon_problem(jsonb), jackpot.is_calendar_date(text),
    jackpot.coupon_fixture_rows(date[], text[], text[], text[], integer[], integer[], double precision[], double precision[], double precision[], text),
    jackpot.coupon_fixtures(jsonb, text, text), jackpot.create_jackpot(jsonb, text, text, text),
    jackpot.jackpot_picks(uuid, jackpot.prediction_set), jackpot.jackpot_summary(uuid, jackpot.prediction_set) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jackpot.raise_team_directory_version(), jackpot.resolve_fixture(text, text, date, text),
    jackpot.fixture_prediction_sets(text, uuid, integer, integer, jsonb, double precision, double precision, double precision, jsonb, boolean),
    jackpot.coupon_problem(jsonb), jackpot.is_calendar_date(text),
    jackpot.coupon_fixture_rows(date[], text[], text[], text[], integer[], integer[], double precision[], double precision[], double precision[], text),
    jackpot.coupon_fixtures(jsonb, text, text),
    jackpot.jackpot_picks(uuid, jackpot.prediction_set), jackpot.jackpot_summary(uuid, jackpot.prediction_set) TO jackpot_reader;
GRANT EXECUTE ON FUNCTION jackpot.create_jackpot(jsonb, text, text, text) TO jackpot_user;
GRANT SELECT ON jackpot.team_directory_version TO jackpot_reader;
GRANT UPDATE ON jackpot.team_directory_version TO jackpot_analyst;
