-- The reliability diagram of a validated model as an SVG document (docs/validation.md): a frame
-- (axes, grid, diagonal, labels), one layer of points and a legend entry per outcome, composed by
-- reliability_svg from the model's latest validation of a set.

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

CREATE FUNCTION jackpot.reliability_svg(model_version text, set_id jackpot.prediction_set DEFAULT 'A')
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
COMMENT ON FUNCTION jackpot.reliability_svg(text, jackpot.prediction_set) IS
  'A reliability diagram (SVG) of a model''s latest validation of one set: predicted against observed frequency per bin for home, draw and away, point area by count, the diagonal, axes with labels and each outcome''s ECE.';
