-- The reliability diagram of a validated model as an SVG document (docs/validation.md).

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
