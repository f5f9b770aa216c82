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

-- Forecasts that approach the closing line: a second model type, market-implied ratings
-- (team strengths fitted to past closing prices), backtests of either type, and tuning of the
-- decay and of set B's weight out of sample, recorded.
ALTER TABLE jackpot.models ADD CONSTRAINT check_model_type CHECK (model_type IN ('dixon-coles', 'market-implied'));
ALTER TABLE jackpot.backtests ADD COLUMN model_type text NOT NULL DEFAULT 'dixon-coles';
ALTER TABLE jackpot.backtests ADD CONSTRAINT check_backtest_model_type CHECK (model_type IN ('dixon-coles', 'market-implied'));
COMMENT ON COLUMN jackpot.backtests.model_type IS
  'The model type refitted at every step: dixon-coles (goals) or market-implied (closing prices).';
COMMENT ON TABLE jackpot.backtest_fits IS
  'The fit (of the backtest''s model type) of one backtest step, on the league''s matches before as_of: parameters (rho, home_advantage, intercept, log_likelihood, gradient_norm, converged, league_statistics) and team_strengths by team id.';

CREATE TABLE jackpot.tunings (
  id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  league_id    integer NOT NULL REFERENCES jackpot.leagues (id),
  parameter    text NOT NULL,
  model_type   text NOT NULL,
  from_date    date NOT NULL,
  to_date      date NOT NULL,
  xi           double precision,
  candidates   jsonb NOT NULL,
  market       jsonb NOT NULL,
  chosen       double precision NOT NULL,
  matches      integer NOT NULL,
  data_sha256  text NOT NULL,
  settings     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
  CONSTRAINT check_tuning_parameter CHECK (parameter IN ('xi', 'blend_alpha')),
  CONSTRAINT check_tuning_model_type CHECK (model_type IN ('dixon-coles', 'market-implied')),
  CONSTRAINT check_tuning_window CHECK (from_date <= to_date),
  CONSTRAINT check_tuning_candidates CHECK (pg_catalog.jsonb_typeof(candidates) = 'array'),
  CONSTRAINT check_tuning_matches CHECK (matches >= 0)
);
CREATE INDEX idx_tunings_league ON jackpot.tunings (league_id, parameter, model_type);
COMMENT ON TABLE jackpot.tunings IS
  'One out-of-sample tuning of a league''s decay xi (tune_decay) or set B''s model weight alpha (tune_blend): the backtest window, each candidate''s scores beside the closing line''s on the same matches, the chosen value, and the checksum of the league''s matches it was measured on. Append-only.';
COMMENT ON COLUMN jackpot.tunings.parameter IS 'xi (the decay rate per day) or blend_alpha (set B''s model weight).';
COMMENT ON COLUMN jackpot.tunings.xi IS 'For blend_alpha: the decay of the backtest alpha was tuned on.';
COMMENT ON COLUMN jackpot.tunings.candidates IS
  '[{value, backtest_id, rps, log_loss, brier}, ...]: each candidate''s set-A (xi) or set-B (blend_alpha) scores over the matches every candidate predicted that have closing odds.';
COMMENT ON COLUMN jackpot.tunings.market IS '{rps, log_loss, brier} of the closing line (margin removed) on the same matches.';
COMMENT ON COLUMN jackpot.tunings.chosen IS 'The candidate with the lowest RPS (the first of equals); for blend_alpha the exact minimiser within the cap.';
COMMENT ON COLUMN jackpot.tunings.data_sha256 IS
  'SHA-256 of the league''s matches up to to_date (date, teams, goals, closing odds), in date order: what the backtests read.';

CREATE FUNCTION jackpot.market_implied_fit(
  league_code text,
  as_of date DEFAULT CURRENT_DATE,
  xi double precision DEFAULT NULL,
  seasons text[] DEFAULT NULL,
  version text DEFAULT NULL)
RETURNS jackpot.models
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_market_implied_fit';
COMMENT ON FUNCTION jackpot.market_implied_fit(text, date, double precision, text[], text) IS
  'Fits market-implied ratings on the league''s matches strictly before as_of (of the given seasons, NULL: all) that have a usable closing 1X2: each match''s margin-free 1X2 (prob_*_market) inverted exactly into expected goals under a score matrix with rho = jackpot.market_implied_rho, then attack and defence by weighted least squares (weights exp(-xi * days), xi NULL: jackpot.market_implied_xi; ridge jackpot.market_implied_ridge). Records the model version (model_type market-implied, now the league''s active model) like dixon_coles_fit; the same data and options return the same model.';

DROP FUNCTION jackpot.backtest(text, date, date, interval, double precision);
DROP FUNCTION jackpot.out_of_sample_predictions(integer, date);
CREATE FUNCTION jackpot.backtest(league_code text, from_date date, to_date date,
                                 refit_every interval DEFAULT '7 days', xi double precision DEFAULT NULL,
                                 model_type text DEFAULT 'dixon-coles')
RETURNS jackpot.backtests
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_backtest';
COMMENT ON FUNCTION jackpot.backtest(text, date, date, interval, double precision, text) IS
  'Rolling-origin backtest of a league from from_date to to_date: every refit_every it refits a model of model_type (''dixon-coles'' or ''market-implied'') on the matches before the step only (weights exp(-xi * days); xi NULL: jackpot.time_decay_xi, or jackpot.market_implied_xi for market-implied) and predicts the step''s matches under every set A-G with their closing odds as the market; writes the run, its fits and the out-of-sample predictions (append-only) and returns the run. Progress as NOTICEs.';

-- The league's out-of-sample set-A backtest predictions of matches before a date by backtests of
-- one model type, one per match (the latest backtest's when several cover it), with the result.
CREATE FUNCTION jackpot.out_of_sample_predictions(league_id integer, before date, model_type text DEFAULT 'dixon-coles')
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
     AND b.model_type = out_of_sample_predictions.model_type
     AND m.match_date < out_of_sample_predictions.before
   ORDER BY p.match_id, p.backtest_id DESC;
END;
COMMENT ON FUNCTION jackpot.out_of_sample_predictions(integer, date, text) IS
  'A league''s out-of-sample set-A (raw model) predictions of matches before a date by backtests of one model type, one per match (the latest backtest''s), with the result: what calibrate_isotonic fits a model of that type on.';

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

CREATE OR REPLACE FUNCTION jackpot.retrain(league_code text, recalibrate boolean DEFAULT false, validate boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  previous jackpot.models;
  fitted jackpot.models;
  previous_as_of date;
BEGIN
  IF league_code IS NULL OR recalibrate IS NULL OR validate IS NULL THEN
    RAISE EXCEPTION 'retrain: league_code, recalibrate and validate must not be NULL' USING ERRCODE = '22004';
  END IF;
  SELECT m.* INTO previous FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id = m.league_id
   WHERE l.code = retrain.league_code AND m.status = 'active';
  -- A league keeps the model type its analyst chose: the active model's.
  IF previous.model_type = 'market-implied' THEN
    fitted := jackpot.market_implied_fit(league_code, current_date);
  ELSE
    fitted := jackpot.dixon_coles_fit(league_code, current_date);
  END IF;
  IF recalibrate THEN
    PERFORM jackpot.calibrate_isotonic(fitted.version);
  END IF;
  -- The model being replaced is scored on the matches it predicted: those since its as_of.
  previous_as_of := (previous.parameters ->> 'as_of')::date;
  IF validate AND previous.version IS NOT NULL AND previous.version <> fitted.version
     AND EXISTS (SELECT FROM jackpot.matches AS x
                  WHERE x.league_id = previous.league_id AND x.match_date >= previous_as_of
                    AND x.match_date < current_date) THEN
    PERFORM jackpot.validate_model(previous.version, previous_as_of, current_date - 1);
  END IF;
  RETURN fitted.version;
END
$$;
COMMENT ON FUNCTION jackpot.retrain(text, boolean, boolean) IS
  'Refits the league''s model as of today, of the active model''s type (Dixon-Coles when there is none; the new model becomes active); with recalibrate, calibrates it (calibrate_isotonic); with validate, scores the model it replaces on the matches since that model''s as_of (validate_model), when there are any. Returns the new model''s version.';

-- SHA-256 of a league's matches up to a date, in the order the backtests read them.
CREATE FUNCTION jackpot.matches_sha256(league_id integer, to_date date)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  digest text;
BEGIN
  IF NOT isfinite(to_date) THEN
    RAISE EXCEPTION 'matches_sha256: to_date must be a finite date, not %', to_date USING ERRCODE = '22008';
  END IF;
  IF NOT EXISTS (SELECT FROM jackpot.leagues AS l WHERE l.id = matches_sha256.league_id) THEN
    RAISE EXCEPTION 'matches_sha256: unknown league id %', coalesce(league_id::text, 'NULL') USING ERRCODE = '22023';
  END IF;
  SELECT encode(sha256(convert_to(coalesce(string_agg(
           format('%s,%s,%s,%s,%s,%s', m.match_date, m.home_team_id, m.away_team_id, m.home_goals, m.away_goals,
                  m.closing_odds::text), E'\n' ORDER BY m.match_date, m.home_team_id, m.away_team_id), ''), 'UTF8')), 'hex')
    INTO digest
    FROM jackpot.matches AS m
   WHERE m.league_id = matches_sha256.league_id AND m.match_date <= matches_sha256.to_date;
  RETURN digest;
END
$$;
COMMENT ON FUNCTION jackpot.matches_sha256(integer, date) IS
  'SHA-256 (hex) of a league''s matches up to a date (date, teams, goals, closing odds, in date order): the data checksum of a tuning record. An infinite date: 22008; an unknown league: 22023.';

-- The arguments every tuning checks first.
CREATE FUNCTION jackpot.tuning_league(caller text, league_code text, from_date date, to_date date, model_type text)
RETURNS integer
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  found_id integer;
BEGIN
  IF league_code IS NULL OR from_date IS NULL OR to_date IS NULL OR model_type IS NULL THEN
    RAISE EXCEPTION '%: league_code, from_date, to_date and model_type must not be NULL', caller USING ERRCODE = '22004';
  END IF;
  IF model_type NOT IN ('dixon-coles', 'market-implied') THEN
    RAISE EXCEPTION '%: unknown model type "%": expected ''dixon-coles'' or ''market-implied''', caller, model_type
      USING ERRCODE = '22023';
  END IF;
  IF NOT (isfinite(from_date) AND isfinite(to_date)) THEN
    RAISE EXCEPTION '%: the window must have finite dates, not % .. %', caller, from_date, to_date USING ERRCODE = '22008';
  END IF;
  IF to_date < from_date THEN
    RAISE EXCEPTION '%: to_date % is before from_date %', caller, to_date, from_date USING ERRCODE = '22023';
  END IF;
  SELECT l.id INTO found_id FROM jackpot.leagues AS l WHERE l.code = tuning_league.league_code;
  IF NOT FOUND THEN
    RAISE EXCEPTION '%: unknown league "%"', caller, league_code USING ERRCODE = '22023';
  END IF;
  RETURN found_id;
END
$$;
COMMENT ON FUNCTION jackpot.tuning_league(text, text, date, date, text) IS
  'Checks a tuning''s arguments (no NULL, a known model type and league, a finite window in order) and returns the league''s id; errors name the calling function.';

CREATE FUNCTION jackpot.tune_decay(league_code text, from_date date, to_date date, model_type text,
                                   candidates double precision[], refit_every interval DEFAULT '7 days')
RETURNS double precision
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  league integer := jackpot.tuning_league('tune_decay', league_code, from_date, to_date, model_type);
  runs bigint[] := '{}';
  run jackpot.backtests;
  c double precision;
  scored jsonb;
  market_scores jsonb;
  best double precision;
  common integer;
BEGIN
  IF candidates IS NULL OR cardinality(candidates) = 0 THEN
    RAISE EXCEPTION 'tune_decay: candidates must hold at least one decay rate' USING ERRCODE = '22023';
  END IF;
  IF cardinality(candidates) > 50 THEN
    RAISE EXCEPTION 'tune_decay: at most 50 candidates, not %', cardinality(candidates) USING ERRCODE = '22023';
  END IF;
  FOREACH c IN ARRAY candidates LOOP
    IF c IS NULL OR c < 0 OR c > 1 OR c = 'NaN'::float8 THEN
      RAISE EXCEPTION 'tune_decay: a candidate decay rate must lie in [0, 1] per day, not %', coalesce(c::text, 'NULL')
        USING ERRCODE = '22023';
    END IF;
  END LOOP;
  FOREACH c IN ARRAY (SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(candidates) AS x) LOOP
    run := jackpot.backtest(league_code, from_date, to_date, refit_every, c, model_type);
    runs := runs || run.id;
  END LOOP;
  -- Every candidate is scored on the same matches: those all of them predicted, with odds; the
  -- closing line on those matches too. One pass over the runs' predictions.
  WITH predictions AS (
    SELECT b.id AS backtest_id, b.xi, p.match_id, ARRAY[p.prob_home, p.prob_draw, p.prob_away] AS probs,
           ARRAY[p.market_prob_home, p.market_prob_draw, p.market_prob_away] AS market, m.result
      FROM jackpot.backtests AS b
      JOIN jackpot.backtest_predictions AS p ON p.backtest_id = b.id AND p.set_id = 'A'
      JOIN jackpot.matches AS m ON m.id = p.match_id
     WHERE b.id = ANY (runs) AND p.market_prob_home IS NOT NULL),
  shared AS (
    SELECT match_id FROM predictions GROUP BY match_id HAVING count(*) = cardinality(runs)),
  per_candidate AS (
    SELECT p.backtest_id, p.xi, jackpot.rps(p.probs, p.result) AS rps, jackpot.log_loss(p.probs, p.result) AS log_loss,
           jackpot.brier_score(p.probs, p.result) AS brier
      FROM predictions AS p JOIN shared USING (match_id) GROUP BY p.backtest_id, p.xi),
  closing AS (
    SELECT DISTINCT ON (p.match_id) p.market, p.result
      FROM predictions AS p JOIN shared USING (match_id) ORDER BY p.match_id)
  SELECT (SELECT jsonb_agg(jsonb_build_object('value', pc.xi, 'backtest_id', pc.backtest_id, 'rps', pc.rps,
                                              'log_loss', pc.log_loss, 'brier', pc.brier) ORDER BY pc.xi)
            FROM per_candidate AS pc),
         (SELECT pc.xi FROM per_candidate AS pc ORDER BY pc.rps, pc.xi LIMIT 1),
         (SELECT count(*)::integer FROM closing),
         (SELECT jsonb_build_object('rps', jackpot.rps(c.market, c.result), 'log_loss', jackpot.log_loss(c.market, c.result),
                                    'brier', jackpot.brier_score(c.market, c.result)) FROM closing AS c)
    INTO scored, best, common, market_scores;
  IF common = 0 THEN
    RAISE EXCEPTION 'tune_decay: no match of league % between % and % was predicted by every candidate with closing odds',
      league_code, from_date, to_date USING ERRCODE = '02000';
  END IF;
  INSERT INTO jackpot.tunings (league_id, parameter, model_type, from_date, to_date, xi, candidates, market, chosen,
                               matches, data_sha256, settings)
  VALUES (league, 'xi', model_type, from_date, to_date, NULL, scored, market_scores, best, common,
          jackpot.matches_sha256(league, to_date), jackpot.settings());
  RETURN best;
END
$$;
COMMENT ON FUNCTION jackpot.tune_decay(text, date, date, text, double precision[], interval) IS
  'Backtests the league from from_date to to_date once per candidate decay xi (model_type dixon-coles or market-implied), scores set A of every candidate on the matches all of them predicted with closing odds (RPS, log loss, Brier, beside the closing line''s), records it in jackpot.tunings and returns the xi with the lowest RPS.';

CREATE FUNCTION jackpot.tune_blend(league_code text, from_date date, to_date date, model_type text,
                                   xi double precision DEFAULT NULL, refit_every interval DEFAULT '7 days')
RETURNS double precision
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  league integer := jackpot.tuning_league('tune_blend', league_code, from_date, to_date, model_type);
  cap double precision := jackpot.setting('max_market_weight')::float8;
  run jackpot.backtests;
  sxy double precision;
  sxx double precision;
  n integer;
  best double precision;
  scored jsonb;
  market_scores jsonb;
BEGIN
  run := jackpot.backtest(league_code, from_date, to_date, refit_every, xi, model_type);
  -- RPS is quadratic in alpha: the cumulative probabilities of alpha*model + (1-alpha)*market
  -- are linear in alpha, so the exact minimiser is -Sxy/Sxx, then held within the cap.
  SELECT count(*)::integer,
         sum((p.market_prob_home - (m.result = 'H')::int) * (p.model_prob_home - p.market_prob_home)
             + (p.market_prob_home + p.market_prob_draw - (m.result <> 'A')::int)
               * (p.model_prob_home + p.model_prob_draw - p.market_prob_home - p.market_prob_draw)),
         sum((p.model_prob_home - p.market_prob_home) ^ 2
             + (p.model_prob_home + p.model_prob_draw - p.market_prob_home - p.market_prob_draw) ^ 2)
    INTO n, sxy, sxx
    FROM jackpot.backtest_predictions AS p JOIN jackpot.matches AS m ON m.id = p.match_id
   WHERE p.backtest_id = run.id AND p.set_id = 'A' AND p.market_prob_home IS NOT NULL;
  IF n = 0 THEN
    RAISE EXCEPTION 'tune_blend: no match of league % between % and % was predicted with closing odds',
      league_code, from_date, to_date USING ERRCODE = '02000';
  END IF;
  best := greatest(1 - cap, least(1.0, CASE WHEN sxx > 0 THEN -sxy / sxx ELSE 1.0 END));
  WITH alphas AS (
    SELECT DISTINCT a FROM (SELECT best AS a UNION ALL
                            SELECT g::float8 / 20 FROM generate_series(0, 20) AS g WHERE g::float8 / 20 >= 1 - cap) AS x),
  blended AS (
    SELECT a.a, ARRAY[a.a * p.model_prob_home + (1 - a.a) * p.market_prob_home,
                      a.a * p.model_prob_draw + (1 - a.a) * p.market_prob_draw,
                      a.a * p.model_prob_away + (1 - a.a) * p.market_prob_away] AS probs, m.result
      FROM alphas AS a
     CROSS JOIN jackpot.backtest_predictions AS p JOIN jackpot.matches AS m ON m.id = p.match_id
     WHERE p.backtest_id = run.id AND p.set_id = 'A' AND p.market_prob_home IS NOT NULL)
  SELECT jsonb_agg(jsonb_build_object('value', s.a, 'backtest_id', run.id, 'rps', s.rps, 'log_loss', s.log_loss,
                                      'brier', s.brier) ORDER BY s.a)
    INTO scored
    FROM (SELECT b.a, jackpot.rps(b.probs, b.result) AS rps, jackpot.log_loss(b.probs, b.result) AS log_loss,
                 jackpot.brier_score(b.probs, b.result) AS brier
            FROM blended AS b GROUP BY b.a) AS s;
  SELECT jsonb_build_object('rps', jackpot.rps(q.market, q.result), 'log_loss', jackpot.log_loss(q.market, q.result),
                            'brier', jackpot.brier_score(q.market, q.result))
    INTO market_scores
    FROM (SELECT ARRAY[p.market_prob_home, p.market_prob_draw, p.market_prob_away] AS market, m.result
            FROM jackpot.backtest_predictions AS p JOIN jackpot.matches AS m ON m.id = p.match_id
           WHERE p.backtest_id = run.id AND p.set_id = 'A' AND p.market_prob_home IS NOT NULL) AS q;
  INSERT INTO jackpot.tunings (league_id, parameter, model_type, from_date, to_date, xi, candidates, market, chosen,
                               matches, data_sha256, settings)
  VALUES (league, 'blend_alpha', model_type, from_date, to_date, run.xi, scored, market_scores, best, n,
          jackpot.matches_sha256(league, to_date), jackpot.settings());
  RETURN best;
END
$$;
COMMENT ON FUNCTION jackpot.tune_blend(text, date, date, text, double precision, interval) IS
  'Backtests the league from from_date to to_date (model_type, decay xi; NULL: the type''s default) and returns set B''s model weight alpha minimising the RPS of alpha*model + (1 - alpha)*market over the predicted matches with closing odds: the exact minimiser of that quadratic, held within the cap (alpha >= 1 - jackpot.max_market_weight). Records it in jackpot.tunings with a grid of alphas scored beside it and the closing line''s scores. Apply it with SET jackpot.default_blend_alpha.';

CREATE FUNCTION jackpot.tuned_value(league_code text, parameter text, model_type text DEFAULT 'dixon-coles')
RETURNS double precision
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT t.chosen FROM jackpot.tunings AS t JOIN jackpot.leagues AS l ON l.id = t.league_id
   WHERE l.code = tuned_value.league_code AND t.parameter = tuned_value.parameter AND t.model_type = tuned_value.model_type
   ORDER BY t.id DESC LIMIT 1;
END;
COMMENT ON FUNCTION jackpot.tuned_value(text, text, text) IS
  'The value chosen by the league''s latest tuning of parameter (xi or blend_alpha) for a model type, NULL when none: e.g. jackpot.market_implied_fit(''E0'', xi => jackpot.tuned_value(''E0'', ''xi'', ''market-implied'')).';

CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.tunings
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.tunings IS 'Rule tunings.append_only (JP004).';
CREATE TRIGGER refuse_truncate BEFORE TRUNCATE ON jackpot.tunings
  FOR EACH STATEMENT EXECUTE FUNCTION jackpot.refuse_truncate();
COMMENT ON TRIGGER refuse_truncate ON jackpot.tunings IS 'Rule tunings.no_truncate (JP007).';
SELECT pg_catalog.pg_extension_config_dump('jackpot.tunings', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('jackpot.tunings', 'id')::regclass, '');

-- Their privileges, as 95_grants.sql gives them in a fresh install.
REVOKE EXECUTE ON FUNCTION jackpot.market_implied_fit(text, date, double precision, text[], text),
    jackpot.backtest(text, date, date, interval, double precision, text),
    jackpot.out_of_sample_predictions(integer, date, text), jackpot.matches_sha256(integer, date),
    jackpot.tuning_league(text, text, date, date, text),
    jackpot.tune_decay(text, date, date, text, double precision[], interval),
    jackpot.tune_blend(text, date, date, text, double precision, interval), jackpot.tuned_value(text, text, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jackpot.out_of_sample_predictions(integer, date, text), jackpot.matches_sha256(integer, date),
    jackpot.tuning_league(text, text, date, date, text), jackpot.tuned_value(text, text, text)
  TO jackpot_reader;
GRANT EXECUTE ON FUNCTION jackpot.market_implied_fit(text, date, double precision, text[], text),
    jackpot.backtest(text, date, date, interval, double precision, text),
    jackpot.tune_decay(text, date, date, text, double precision[], interval),
    jackpot.tune_blend(text, date, date, text, double precision, interval)
  TO jackpot_analyst;
GRANT SELECT ON jackpot.tunings TO jackpot_reader;
GRANT INSERT, UPDATE ON jackpot.tunings TO jackpot_analyst;
GRANT USAGE ON SEQUENCE jackpot.tunings_id_seq TO jackpot_analyst;

-- Tickets that pay: the operator's prize rules as data (maintained by a new role,
-- jackpot_operator), a ticket's exact value under them, and the best ticket or few within a
-- budget.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'jackpot_operator') THEN
    CREATE ROLE jackpot_operator NOLOGIN;
  END IF;
END
$$;
GRANT jackpot_reader TO jackpot_operator;
GRANT jackpot_operator TO jackpot_admin;
CREATE TABLE jackpot.prize_rules (
  name                 text PRIMARY KEY,
  description          text NOT NULL,
  fixtures             integer NOT NULL,
  stake_per_line       numeric NOT NULL,
  currency             text NOT NULL,
  tiers                jsonb NOT NULL,
  prize_per            text NOT NULL DEFAULT 'line',
  void_rule            text NOT NULL DEFAULT 'counts_correct',
  refund_beyond_voids  integer,
  min_lines            integer NOT NULL DEFAULT 1,
  max_lines            integer NOT NULL,
  is_example           boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
  CONSTRAINT check_prize_rules_name CHECK (name ~ '^[a-z0-9][a-z0-9_-]*$'),
  CONSTRAINT check_prize_rules_fixtures CHECK (fixtures BETWEEN 1 AND 30),
  CONSTRAINT check_prize_rules_stake CHECK (stake_per_line > 0),
  CONSTRAINT check_prize_rules_currency CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT check_prize_rules_per CHECK (prize_per IN ('line', 'ticket')),
  CONSTRAINT check_prize_rules_void CHECK (void_rule IN ('counts_correct', 'tier_drops')),
  CONSTRAINT check_prize_rules_refund CHECK (refund_beyond_voids >= 0),
  CONSTRAINT check_prize_rules_lines CHECK (min_lines >= 1 AND max_lines >= min_lines)
);
COMMENT ON TABLE jackpot.prize_rules IS
  'An operator''s prize rules: fixtures per coupon, stake per line and currency, the prize tiers, whether a prize is paid per line or once per ticket, the void rule and the lines a ticket may have. Maintained by jackpot_operator; every row is checked by the enforce_prize_rules trigger.';
COMMENT ON COLUMN jackpot.prize_rules.tiers IS
  '[{"correct": k, "prize": "fixed" | "pool", "amount": x}, ...] by ascending k: exactly k correct wins amount per winner (fixed) or a share of the pool amount among every entry''s winning lines (pool). Amounts may not fall as k rises.';
COMMENT ON COLUMN jackpot.prize_rules.prize_per IS
  'line: every winning line is paid its tier; ticket: the ticket is paid once, for its best line.';
COMMENT ON COLUMN jackpot.prize_rules.void_rule IS
  'counts_correct: a void fixture counts as correct on every line; tier_drops: it is removed and each tier needs one fewer correct (the same value; see docs/formulas/ticket-value.md).';
COMMENT ON COLUMN jackpot.prize_rules.refund_beyond_voids IS 'More void fixtures than this: every stake is refunded and nothing is won; NULL: never.';
COMMENT ON COLUMN jackpot.prize_rules.is_example IS 'An example shipped with the extension, not any operator''s current terms.';

-- The trigger's check: the tiers' shape here, their values in the core (jackpot.prize_rules_check).
CREATE FUNCTION jackpot.prize_rules_check(fixtures integer, stake_per_line double precision, tier_correct integer[],
                                          tier_kind text[], tier_amount double precision[], prize_per text,
                                          void_rule text, refund_beyond_voids integer, min_lines integer,
                                          max_lines integer)
RETURNS void
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'jackpot_prize_rules_check';
COMMENT ON FUNCTION jackpot.prize_rules_check(integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer) IS
  'Raises 22023 naming the problem of a prize rule set (fixtures outside 1..30, a stake that is not positive or above 1e12, a tier outside 1..fixtures, repeated or out of order, an amount that is not positive or above 1e15, tiers that are not monotone, lines bounds out of order); returns nothing for valid rules.';

-- The tiers as the C functions take them: numbers correct, kinds and amounts, in listed order.
CREATE FUNCTION jackpot.prize_tier_arrays(tiers jsonb, OUT correct integer[], OUT kind text[], OUT amount double precision[])
RETURNS record
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT array_agg((t ->> 'correct')::integer ORDER BY k), array_agg(t ->> 'prize' ORDER BY k),
         array_agg((t ->> 'amount')::double precision ORDER BY k)
    FROM jsonb_array_elements(prize_tier_arrays.tiers) WITH ORDINALITY AS e(t, k);
END;
COMMENT ON FUNCTION jackpot.prize_tier_arrays(jsonb) IS
  'A rule set''s tiers ([{"correct", "prize", "amount"}, ...]) as three arrays in listed order: what prize_rules_check, ticket_distribution and ticket_search take.';

CREATE FUNCTION jackpot.enforce_prize_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  problem text;
BEGIN
  IF jsonb_typeof(NEW.tiers) IS DISTINCT FROM 'array' OR jsonb_array_length(NEW.tiers) = 0
     OR EXISTS (SELECT FROM jsonb_array_elements(NEW.tiers) AS t
                 WHERE jsonb_typeof(t) <> 'object' OR (SELECT count(*) FROM jsonb_object_keys(t)) <> 3
                    OR coalesce(t ->> 'correct', '') !~ '^[0-9]{1,2}$' OR (t ->> 'prize') IS NULL
                    OR jsonb_typeof(t -> 'amount') IS DISTINCT FROM 'number') THEN
    RAISE EXCEPTION 'prize rules "%": tiers must be a non-empty array of {"correct": k, "prize": "fixed" or "pool", "amount": x}', NEW.name
      USING ERRCODE = '22023';
  END IF;
  BEGIN
    PERFORM jackpot.prize_rules_check(NEW.fixtures, NEW.stake_per_line::float8, a.correct, a.kind, a.amount,
                                      NEW.prize_per, NEW.void_rule, NEW.refund_beyond_voids, NEW.min_lines, NEW.max_lines)
       FROM jackpot.prize_tier_arrays(NEW.tiers) AS a;
  EXCEPTION WHEN invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS problem = MESSAGE_TEXT;
    RAISE EXCEPTION 'prize rules "%": %', NEW.name, problem USING ERRCODE = '22023';
  END;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_prize_rules() IS
  'Trigger: refuses prize rules whose tiers are malformed or whose values do not make sense (22023, naming the rule set and the problem), and stamps updated_at.';
CREATE TRIGGER enforce_prize_rules BEFORE INSERT OR UPDATE ON jackpot.prize_rules
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_prize_rules();
COMMENT ON TRIGGER enforce_prize_rules ON jackpot.prize_rules IS 'Rule prize_rules.valid (22023).';

-- Two examples, shaped like real coupons; the amounts are examples, not any operator's terms.
INSERT INTO jackpot.prize_rules (name, description, fixtures, stake_per_line, currency, tiers, prize_per, void_rule,
                                 refund_beyond_voids, min_lines, max_lines, is_example)
VALUES ('example-mega-17',
        'Example shaped like a 17-fixture mega jackpot: bonuses from 12 correct, the two top tiers shared pools. Amounts are examples, not any operator''s terms.',
        17, 99, 'KES',
        '[{"correct": 12, "prize": "fixed", "amount": 150}, {"correct": 13, "prize": "fixed", "amount": 1000},
          {"correct": 14, "prize": "fixed", "amount": 5000}, {"correct": 15, "prize": "fixed", "amount": 50000},
          {"correct": 16, "prize": "pool", "amount": 5000000}, {"correct": 17, "prize": "pool", "amount": 200000000}]',
        'line', 'counts_correct', 3, 1, 100000, true),
       ('example-midweek-13',
        'Example shaped like a 13-fixture midweek jackpot: bonuses from 10 correct, the top tier a shared pool. Amounts are examples, not any operator''s terms.',
        13, 50, 'KES',
        '[{"correct": 10, "prize": "fixed", "amount": 300}, {"correct": 11, "prize": "fixed", "amount": 2000},
          {"correct": 12, "prize": "fixed", "amount": 20000}, {"correct": 13, "prize": "pool", "amount": 15000000}]',
        'line', 'counts_correct', 2, 1, 50000, true);

CREATE FUNCTION jackpot.prize_rules_row(rules text)
RETURNS jackpot.prize_rules
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r jackpot.prize_rules;
BEGIN
  SELECT * INTO r FROM jackpot.prize_rules AS p WHERE p.name = prize_rules_row.rules;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown prize rules "%"', coalesce(rules, 'NULL') USING ERRCODE = '22023',
      HINT = (SELECT 'Known: ' || string_agg(p.name, ', ' ORDER BY p.name) FROM jackpot.prize_rules AS p);
  END IF;
  RETURN r;
END
$$;
COMMENT ON FUNCTION jackpot.prize_rules_row(text) IS 'The prize rules of this name, or 22023 naming the known ones.';

CREATE FUNCTION jackpot.ticket_distribution(probs double precision[], public_picks double precision[], selections text[],
                                            results text[], entries double precision, fixtures integer,
                                            stake_per_line double precision, tier_correct integer[], tier_kind text[],
                                            tier_amount double precision[], prize_per text, void_rule text,
                                            refund_beyond_voids integer, min_lines integer, max_lines integer,
                                            OUT lines bigint, OUT cost double precision, OUT voids integer,
                                            OUT refunded boolean, OUT best_line_pmf double precision[],
                                            OUT expected_lines double precision[], OUT tier_probabilities double precision[],
                                            OUT p_any_prize double precision, OUT expected_prize double precision,
                                            OUT prize_sd double precision, OUT expected_return double precision)
RETURNS record
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'jackpot_ticket_distribution';
COMMENT ON FUNCTION jackpot.ticket_distribution(double precision[], double precision[], text[], text[], double precision, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer) IS
  'The exact value of one ticket (one selection per fixture) under prize rules given as arrays: probs and public_picks hold (home, draw, away) per fixture, results NULL (open), H/D/A (known) or void. What jackpot.ticket_value computes for a jackpot.';

CREATE FUNCTION jackpot.ticket_search(probs double precision[], public_picks double precision[], results text[],
                                      entries double precision, max_lines bigint, objective text, tickets integer,
                                      fixtures integer, stake_per_line double precision, tier_correct integer[],
                                      tier_kind text[], tier_amount double precision[], prize_per text, void_rule text,
                                      refund_beyond_voids integer, min_lines integer, max_lines_allowed integer)
RETURNS TABLE (ticket integer, selections text[], objective_value double precision, method text,
               gap_bound double precision, evaluated bigint)
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'jackpot_ticket_search';
COMMENT ON FUNCTION jackpot.ticket_search(double precision[], double precision[], text[], double precision, bigint, text, integer, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer) IS
  'The best ticket (tickets = 1) or the best few within max_lines lines each, for an objective (expected_return, p_jackpot, p_any_prize), with how each was found and the gap to the optimum it proves (0: exact; after a local search, a proven bound). What jackpot.optimize_ticket and optimize_tickets compute for a jackpot.';

-- A jackpot's fixtures as the ticket arithmetic takes them: the set's probabilities, the public
-- pick distribution (given, or the market's probabilities where the fixture had odds, else the
-- set's, each sharpened by jackpot.public_pick_exponent) and the results so far.
CREATE FUNCTION jackpot.ticket_inputs(jackpot_id uuid, set_id jackpot.prediction_set, public_picks double precision[],
                                      OUT probs double precision[], OUT public double precision[], OUT results text[],
                                      OUT fixtures integer)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(ticket_inputs.jackpot_id);
  gamma double precision := jackpot.setting('public_pick_exponent')::float8;
BEGIN
  SELECT array_agg(v ORDER BY f.match_order, k), count(*) / 3
    INTO probs, fixtures
    FROM jackpot.jackpot_fixtures AS f
    JOIN jackpot.predictions AS p ON p.fixture_id = f.id AND p.set_id = ticket_inputs.set_id
   CROSS JOIN LATERAL (VALUES (1, p.prob_home), (2, p.prob_draw), (3, p.prob_away)) AS x(k, v)
   WHERE f.jackpot_id = j.id;
  IF probs IS NULL THEN
    RAISE EXCEPTION 'jackpot % has no predictions', j.id
      USING ERRCODE = '55000', HINT = 'Predict it first with jackpot.predict_jackpot(jackpot_id).';
  END IF;
  SELECT array_agg(CASE f.result_status WHEN 'played' THEN f.actual_result::text
                                         WHEN 'void' THEN coalesce(f.actual_result::text, 'void') END ORDER BY f.match_order)
    INTO results
    FROM jackpot.jackpot_fixtures AS f WHERE f.jackpot_id = j.id;
  IF ticket_inputs.public_picks IS NOT NULL THEN
    IF cardinality(ticket_inputs.public_picks) <> 3 * fixtures
       OR EXISTS (SELECT FROM unnest(ticket_inputs.public_picks) AS q WHERE q IS NULL OR q < 0 OR q > 1) THEN
      RAISE EXCEPTION 'public_picks must hold three shares in [0, 1] (home, draw, away) for each of the % fixtures, % values in all', fixtures, 3 * fixtures
        USING ERRCODE = '22023';
    END IF;
    public := ARRAY(SELECT q FROM unnest(ticket_inputs.public_picks) AS q);
    RETURN;
  END IF;
  IF gamma IS NULL OR gamma <= 0 THEN
    RAISE EXCEPTION 'jackpot.public_pick_exponent must be positive' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(b.v ^ gamma / s.total ORDER BY f.match_order, b.k)
    INTO public
    FROM jackpot.jackpot_fixtures AS f
    JOIN jackpot.predictions AS p ON p.fixture_id = f.id AND p.set_id = ticket_inputs.set_id
   CROSS JOIN LATERAL (VALUES (1, coalesce(p.market_prob_home, p.prob_home)), (2, coalesce(p.market_prob_draw, p.prob_draw)),
                              (3, coalesce(p.market_prob_away, p.prob_away))) AS b(k, v)
   CROSS JOIN LATERAL (SELECT coalesce(p.market_prob_home, p.prob_home) ^ gamma + coalesce(p.market_prob_draw, p.prob_draw) ^ gamma
                              + coalesce(p.market_prob_away, p.prob_away) ^ gamma AS total) AS s
   WHERE f.jackpot_id = j.id;
END
$$;
COMMENT ON FUNCTION jackpot.ticket_inputs(uuid, jackpot.prediction_set, double precision[]) IS
  'A jackpot''s fixtures as the ticket arithmetic takes them: the set''s probabilities (home, draw, away per fixture), the public pick distribution (public_picks when given, else the market probabilities where the fixture had odds, else the set''s, sharpened: p^gamma / sum p^gamma, gamma = jackpot.public_pick_exponent), and the results so far (NULL open, H/D/A, void). 55000 for a jackpot not yet predicted.';

CREATE FUNCTION jackpot.ticket_value(jackpot_id uuid, set_id jackpot.prediction_set, selections text[], rules text,
                                     entries integer DEFAULT 0, public_picks double precision[] DEFAULT NULL)
RETURNS TABLE (lines bigint, cost numeric, currency text, expected_prize double precision, prize_sd double precision,
               expected_return double precision, best_line_pmf double precision[], expected_lines double precision[],
               tier_correct integer[], tier_probabilities double precision[], p_any_prize double precision,
               p_jackpot double precision, voids integer, refunded boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r jackpot.prize_rules := jackpot.prize_rules_row(ticket_value.rules);
  i record;
  d record;
  tiers record;
BEGIN
  IF entries IS NULL OR entries < 0 THEN
    RAISE EXCEPTION 'ticket_value: entries (the other entries sharing a pool) must be >= 0, not %', coalesce(entries::text, 'NULL')
      USING ERRCODE = '22023';
  END IF;
  IF selections IS NULL THEN
    RAISE EXCEPTION 'ticket_value: selections must not be NULL' USING ERRCODE = '22004';
  END IF;
  i := jackpot.ticket_inputs(ticket_value.jackpot_id, ticket_value.set_id, ticket_value.public_picks);
  tiers := jackpot.prize_tier_arrays(r.tiers);
  d := jackpot.ticket_distribution(i.probs, i.public, ticket_value.selections, i.results, entries, r.fixtures,
                                   r.stake_per_line::float8, tiers.correct, tiers.kind, tiers.amount,
                                   r.prize_per, r.void_rule, r.refund_beyond_voids, r.min_lines, r.max_lines);
  RETURN QUERY SELECT d.lines, d.lines * r.stake_per_line, r.currency, d.expected_prize, d.prize_sd, d.expected_return,
                      ('[0:' || i.fixtures || ']=' || d.best_line_pmf::text)::float8[],
                      ('[0:' || i.fixtures || ']=' || d.expected_lines::text)::float8[],
                      tiers.correct, d.tier_probabilities, d.p_any_prize, d.best_line_pmf[i.fixtures + 1], d.voids, d.refunded;
END
$$;
COMMENT ON FUNCTION jackpot.ticket_value(uuid, jackpot.prediction_set, text[], text, integer, double precision[]) IS
  'The exact value of a ticket on a jackpot under a set and a rule set: selections one per fixture in match order (1 X 2 1X 12 X2 1X2); its lines and cost, the expected prize and its standard deviation, the expected return (prize - cost), the best line''s number-correct distribution and the expected lines per number correct (subscripts 0..n), each tier''s probability, P(any prize), P(all correct). entries other entries share the pools, their picks following public_picks (3 per fixture) or the market sharpened by jackpot.public_pick_exponent. Results and voids so far are settled by the rules'' void clause.';

-- The rules' arrays, once, for the two searches below.
CREATE FUNCTION jackpot.ticket_search_for(jackpot_id uuid, set_id jackpot.prediction_set, budget numeric, rules text,
                                          objective text, entries integer, tickets integer, public_picks double precision[])
RETURNS TABLE (ticket integer, selections text[], objective_value double precision, method text,
               gap_bound double precision, evaluated bigint)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r jackpot.prize_rules := jackpot.prize_rules_row(ticket_search_for.rules);
  i record;
  affordable numeric;
BEGIN
  IF budget IS NULL OR objective IS NULL OR entries IS NULL OR tickets IS NULL THEN
    RAISE EXCEPTION 'budget, objective, entries and tickets must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF entries < 0 THEN
    RAISE EXCEPTION 'entries (the other entries sharing a pool) must be >= 0, not %', entries USING ERRCODE = '22023';
  END IF;
  IF budget = 'NaN'::numeric OR budget IN ('Infinity'::numeric, '-Infinity'::numeric) THEN
    RAISE EXCEPTION 'the budget must be a finite amount, not %', budget USING ERRCODE = '22023';
  END IF;
  IF tickets < 1 OR tickets > 10 THEN
    RAISE EXCEPTION 'tickets must lie in 1 .. 10, not %', tickets USING ERRCODE = '22023';
  END IF;
  affordable := floor(budget / r.stake_per_line / tickets);
  IF affordable < r.min_lines THEN
    RAISE EXCEPTION 'a budget of % % buys % line(s) per ticket at % a line: below the rules'' minimum of % (a budget below one line)',
      budget, r.currency, affordable, r.stake_per_line, r.min_lines USING ERRCODE = '22023';
  END IF;
  i := jackpot.ticket_inputs(ticket_search_for.jackpot_id, ticket_search_for.set_id, ticket_search_for.public_picks);
  RETURN QUERY
  SELECT s.* FROM jackpot.prize_tier_arrays(r.tiers) AS a,
         jackpot.ticket_search(i.probs, i.public, i.results, entries, least(affordable, r.max_lines)::bigint, objective, tickets,
                               r.fixtures, r.stake_per_line::float8, a.correct, a.kind, a.amount,
                               r.prize_per, r.void_rule, r.refund_beyond_voids, r.min_lines, r.max_lines) AS s;
END
$$;
COMMENT ON FUNCTION jackpot.ticket_search_for(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[]) IS
  'The search behind optimize_ticket and optimize_tickets: checks the budget (at least the rules'' minimum lines per ticket), reads the jackpot and the rules, and runs jackpot.ticket_search.';

CREATE FUNCTION jackpot.optimize_ticket(jackpot_id uuid, set_id jackpot.prediction_set, budget numeric, rules text,
                                        objective text, entries integer DEFAULT 0, public_picks double precision[] DEFAULT NULL)
RETURNS TABLE (selections text[], lines bigint, cost numeric, currency text, expected_prize double precision,
               prize_sd double precision, expected_return double precision, best_line_pmf double precision[],
               tier_correct integer[], tier_probabilities double precision[], p_any_prize double precision,
               p_jackpot double precision, objective_value double precision, method text, gap_bound double precision)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT s.selections, v.lines, v.cost, v.currency, v.expected_prize, v.prize_sd, v.expected_return, v.best_line_pmf,
         v.tier_correct, v.tier_probabilities, v.p_any_prize, v.p_jackpot, s.objective_value, s.method, s.gap_bound
    FROM jackpot.ticket_search_for(optimize_ticket.jackpot_id, optimize_ticket.set_id, optimize_ticket.budget,
                                   optimize_ticket.rules, optimize_ticket.objective, optimize_ticket.entries, 1,
                                   optimize_ticket.public_picks) AS s
   CROSS JOIN LATERAL jackpot.ticket_value(optimize_ticket.jackpot_id, optimize_ticket.set_id, s.selections,
                                           optimize_ticket.rules, optimize_ticket.entries, optimize_ticket.public_picks) AS v;
END;
COMMENT ON FUNCTION jackpot.optimize_ticket(uuid, jackpot.prediction_set, numeric, text, text, integer, double precision[]) IS
  'The best ticket on a jackpot within a budget (in the rules'' currency) for an objective: expected_return (prize - cost), p_jackpot (P(all correct): exact, dynamic programming) or p_any_prize; selections and every column of ticket_value, with how it was found and the gap to the optimum it proves (0 exact; after a local search on instances too large to enumerate, a proven but loose bound).';

CREATE FUNCTION jackpot.optimize_tickets(jackpot_id uuid, set_id jackpot.prediction_set, budget numeric, rules text,
                                         objective text, entries integer DEFAULT 0, tickets integer DEFAULT 2,
                                         public_picks double precision[] DEFAULT NULL)
RETURNS TABLE (ticket integer, selections text[], lines bigint, cost numeric, expected_prize double precision,
               expected_return double precision, p_jackpot double precision, gain double precision,
               p_at_least_one_jackpot double precision, method text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT s.ticket, s.selections, v.lines, v.cost, v.expected_prize, v.expected_return, v.p_jackpot, s.objective_value,
         CASE WHEN optimize_tickets.objective = 'p_jackpot'
              THEN sum(s.objective_value) OVER (ORDER BY s.ticket) END,
         s.method
    FROM jackpot.ticket_search_for(optimize_tickets.jackpot_id, optimize_tickets.set_id, optimize_tickets.budget,
                                   optimize_tickets.rules, optimize_tickets.objective, optimize_tickets.entries,
                                   optimize_tickets.tickets, optimize_tickets.public_picks) AS s
   CROSS JOIN LATERAL jackpot.ticket_value(optimize_tickets.jackpot_id, optimize_tickets.set_id, s.selections,
                                           optimize_tickets.rules, optimize_tickets.entries, optimize_tickets.public_picks) AS v
   ORDER BY s.ticket;
END;
COMMENT ON FUNCTION jackpot.optimize_tickets(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[]) IS
  'K tickets (1..10) sharing a budget equally: p_jackpot maximises P(at least one ticket all correct) greedily (a coverage function: (1 - 1/e) of the best K when each step''s ticket is the best), exact by inclusion-exclusion; expected_return is additive, so the best ticket K times. Per ticket its selections, value, its gain and the running P(at least one all correct).';

SELECT pg_catalog.pg_extension_config_dump('jackpot.prize_rules', 'WHERE NOT is_example');
REVOKE EXECUTE ON FUNCTION jackpot.prize_rules_check(integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer),
    jackpot.enforce_prize_rules(), jackpot.prize_rules_row(text), jackpot.prize_tier_arrays(jsonb),
    jackpot.ticket_distribution(double precision[], double precision[], text[], text[], double precision, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer),
    jackpot.ticket_search(double precision[], double precision[], text[], double precision, bigint, text, integer, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer),
    jackpot.ticket_inputs(uuid, jackpot.prediction_set, double precision[]),
    jackpot.ticket_value(uuid, jackpot.prediction_set, text[], text, integer, double precision[]),
    jackpot.ticket_search_for(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[]),
    jackpot.optimize_ticket(uuid, jackpot.prediction_set, numeric, text, text, integer, double precision[]),
    jackpot.optimize_tickets(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[])
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jackpot.prize_rules_check(integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer),
    jackpot.enforce_prize_rules(), jackpot.prize_rules_row(text), jackpot.prize_tier_arrays(jsonb),
    jackpot.ticket_distribution(double precision[], double precision[], text[], text[], double precision, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer),
    jackpot.ticket_search(double precision[], double precision[], text[], double precision, bigint, text, integer, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer),
    jackpot.ticket_inputs(uuid, jackpot.prediction_set, double precision[]),
    jackpot.ticket_value(uuid, jackpot.prediction_set, text[], text, integer, double precision[]),
    jackpot.ticket_search_for(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[]),
    jackpot.optimize_ticket(uuid, jackpot.prediction_set, numeric, text, text, integer, double precision[]),
    jackpot.optimize_tickets(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[])
  TO jackpot_reader;
GRANT SELECT ON jackpot.prize_rules TO jackpot_reader;
GRANT INSERT, UPDATE, DELETE ON jackpot.prize_rules TO jackpot_operator;
