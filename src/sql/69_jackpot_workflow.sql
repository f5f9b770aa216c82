-- The jackpot workflow: create (teams resolved, models and settings locked), predict (7 x N
-- rows in one statement), finalize, record results, summarise, optimise a ticket, verify.
-- docs/jackpots.md describes it; docs/prediction-sets.md and docs/formulas/jackpot-odds.md the
-- numbers.

CREATE FUNCTION jackpot.fixture_problem(fixture jsonb)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN pg_catalog.jsonb_typeof(fixture) IS DISTINCT FROM 'object'
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'home') IS DISTINCT FROM 'string'
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'away') IS DISTINCT FROM 'string'
    OR pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'date') IS DISTINCT FROM 'string'
    THEN 'home, away and date are required strings'
  WHEN (fixture OPERATOR(pg_catalog.-) ARRAY['home', 'away', 'date', 'odds_home', 'odds_draw', 'odds_away', 'league'])
       OPERATOR(pg_catalog.<>) '{}'::jsonb
    THEN 'unknown key ' || (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(k), ', ')
                              FROM pg_catalog.jsonb_object_keys(fixture) AS k
                             WHERE k OPERATOR(pg_catalog.<>) ALL (ARRAY['home', 'away', 'date', 'odds_home', 'odds_draw', 'odds_away', 'league']))
         || ' (a fixture has home, away, date and optionally odds_home, odds_draw, odds_away and league)'
  WHEN (fixture OPERATOR(pg_catalog.->>) 'date') OPERATOR(pg_catalog.!~) '^\d{4}-\d{2}-\d{2}([T ].*)?$'
    THEN 'date ' || pg_catalog.quote_literal(fixture OPERATOR(pg_catalog.->>) 'date') || ' is not YYYY-MM-DD or an ISO timestamp'
  WHEN pg_catalog.jsonb_typeof(fixture OPERATOR(pg_catalog.->) 'league') NOT IN ('string', 'null')
    THEN 'league must be a league code'
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
  'What is wrong with one fixture object of create_jackpot (shape, keys, date form, odds), or NULL when it is well formed.';

CREATE FUNCTION jackpot.create_jackpot(fixtures jsonb, user_id text DEFAULT NULL, league_code text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  fixture jsonb;
  position integer := 0;
  problem text;
  fixture_league text;
  fixture_date date;
  home jackpot.teams;
  away jackpot.teams;
  model_id uuid;
  main_league integer;
  main_model text;
  new_id uuid;
  resolved boolean := false;
  orders integer[] := '{}';
  dates date[] := '{}';
  home_names text[] := '{}';
  away_names text[] := '{}';
  odds_h double precision[] := '{}';
  odds_d double precision[] := '{}';
  odds_a double precision[] := '{}';
  home_ids integer[] := '{}';
  away_ids integer[] := '{}';
  league_ids integer[] := '{}';
  model_ids uuid[] := '{}';
  message text;
  detail text;
  hint text;
  state text;
BEGIN
  IF fixtures IS NULL OR jsonb_typeof(fixtures) <> 'array' THEN
    RAISE EXCEPTION 'create_jackpot: fixtures must be a JSON array of {home, away, date, odds_home?, odds_draw?, odds_away?, league?}'
      USING ERRCODE = '22023';
  END IF;
  IF jsonb_array_length(fixtures) NOT BETWEEN 1 AND 50 THEN
    RAISE EXCEPTION 'create_jackpot: a jackpot has 1 to 50 fixtures, not %', jsonb_array_length(fixtures)
      USING ERRCODE = '22023';
  END IF;
  IF create_jackpot.league_code IS NOT NULL THEN
    SELECT l.id INTO main_league FROM jackpot.leagues AS l WHERE l.code = create_jackpot.league_code;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'create_jackpot: unknown league code "%"', create_jackpot.league_code USING ERRCODE = '22023';
    END IF;
  END IF;

  -- Fast path, one statement: every fixture well formed and every name a team's exact canonical
  -- name, unique in its scope (for such a name resolve_team returns that team). Anything else
  -- (a fuzzy or ambiguous name, a bad fixture) takes the fixture-by-fixture path below, which
  -- resolves through resolve_team and names the fixture at fault.
  BEGIN
    SELECT bool_and(coalesce(x.problem IS NULL AND x.model_id IS NOT NULL AND x.home_id <> x.away_id, false)),
           array_agg(x.k ORDER BY x.k), array_agg(x.day ORDER BY x.k),
           array_agg(x.f ->> 'home' ORDER BY x.k), array_agg(x.f ->> 'away' ORDER BY x.k),
           array_agg((x.f ->> 'odds_home')::float8 ORDER BY x.k), array_agg((x.f ->> 'odds_draw')::float8 ORDER BY x.k),
           array_agg((x.f ->> 'odds_away')::float8 ORDER BY x.k), array_agg(x.home_id ORDER BY x.k),
           array_agg(x.away_id ORDER BY x.k), array_agg(x.league_id ORDER BY x.k), array_agg(x.model_id ORDER BY x.k)
      INTO resolved, orders, dates, home_names, away_names, odds_h, odds_d, odds_a, home_ids, away_ids, league_ids, model_ids
      FROM (SELECT e.k::integer AS k, e.f, p.problem, CASE WHEN p.problem IS NULL THEN left(e.f ->> 'date', 10)::date END AS day,
                   h.id AS home_id, h.league_id, a.id AS away_id, m.id AS model_id
              FROM jsonb_array_elements(fixtures) WITH ORDINALITY AS e(f, k)
             CROSS JOIN LATERAL (SELECT jackpot.fixture_problem(e.f) AS problem) AS p
              LEFT JOIN LATERAL (
                SELECT min(t.id) AS id, min(t.league_id) AS league_id
                  FROM jackpot.teams AS t JOIN jackpot.leagues AS l ON l.id = t.league_id
                 WHERE p.problem IS NULL AND t.canonical_name = jackpot.canonical_team_name(e.f ->> 'home')
                   AND (coalesce(e.f ->> 'league', create_jackpot.league_code) IS NULL
                        OR l.code = coalesce(e.f ->> 'league', create_jackpot.league_code))
                HAVING count(*) = 1) AS h ON true
              LEFT JOIN LATERAL (
                SELECT min(t.id) AS id FROM jackpot.teams AS t
                 WHERE t.league_id = h.league_id AND t.canonical_name = jackpot.canonical_team_name(e.f ->> 'away')
                HAVING count(*) = 1) AS a ON true
              LEFT JOIN jackpot.models AS m ON m.league_id = h.league_id AND m.status = 'active') AS x;
  EXCEPTION WHEN OTHERS THEN
    resolved := false;
  END;

  IF NOT coalesce(resolved, false) THEN
    orders := '{}'; dates := '{}'; home_names := '{}'; away_names := '{}'; odds_h := '{}'; odds_d := '{}';
    odds_a := '{}'; home_ids := '{}'; away_ids := '{}'; league_ids := '{}'; model_ids := '{}';
    BEGIN
      FOR fixture IN SELECT e FROM jsonb_array_elements(fixtures) AS e LOOP
        position := position + 1;
        problem := jackpot.fixture_problem(fixture);
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION '%', problem USING ERRCODE = '22023';
        END IF;
        fixture_date := left(fixture ->> 'date', 10)::date;
        fixture_league := coalesce(fixture ->> 'league', create_jackpot.league_code);
        home := jackpot.resolve_team(fixture ->> 'home', fixture_league, fixture_date);
        -- The away team is looked for in the home team's league: a league fixture has both.
        away := jackpot.resolve_team(fixture ->> 'away', (SELECT l.code FROM jackpot.leagues AS l WHERE l.id = home.league_id),
                                     fixture_date);
        IF home.id = away.id THEN
          RAISE EXCEPTION '"%" and "%" are the same team (%)', fixture ->> 'home', fixture ->> 'away', home.name
            USING ERRCODE = '22023';
        END IF;
        SELECT m.id INTO model_id FROM jackpot.models AS m WHERE m.league_id = home.league_id AND m.status = 'active';
        IF NOT FOUND THEN
          RAISE EXCEPTION 'league % has no active model', (SELECT l.code FROM jackpot.leagues AS l WHERE l.id = home.league_id)
            USING ERRCODE = '55000', HINT = 'Fit it first with jackpot.dixon_coles_fit(league_code, as_of).';
        END IF;
        orders := orders || position;
        dates := dates || fixture_date;
        home_names := home_names || (fixture ->> 'home');
        away_names := away_names || (fixture ->> 'away');
        odds_h := odds_h || (fixture ->> 'odds_home')::float8;
        odds_d := odds_d || (fixture ->> 'odds_draw')::float8;
        odds_a := odds_a || (fixture ->> 'odds_away')::float8;
        home_ids := home_ids || home.id;
        away_ids := away_ids || away.id;
        league_ids := league_ids || home.league_id;
        model_ids := model_ids || model_id;
      END LOOP;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT,
                              state = RETURNED_SQLSTATE;
      message := format('create_jackpot: fixture %s: %s', position, regexp_replace(message, '^[a-z_]+: ', ''));
      IF detail <> '' AND hint <> '' THEN
        RAISE EXCEPTION USING MESSAGE = message, ERRCODE = state, DETAIL = detail, HINT = hint;
      ELSIF detail <> '' THEN
        RAISE EXCEPTION USING MESSAGE = message, ERRCODE = state, DETAIL = detail;
      ELSIF hint <> '' THEN
        RAISE EXCEPTION USING MESSAGE = message, ERRCODE = state, HINT = hint;
      ELSE
        RAISE EXCEPTION USING MESSAGE = message, ERRCODE = state;
      END IF;
    END;
  END IF;

  -- The main league: the one given, else the league of most fixtures (ties: the first on the coupon).
  IF main_league IS NULL THEN
    SELECT u.league INTO main_league
      FROM unnest(league_ids) WITH ORDINALITY AS u(league, k)
     GROUP BY u.league ORDER BY count(*) DESC, min(u.k) LIMIT 1;
  END IF;
  SELECT m.version INTO main_model FROM jackpot.models AS m WHERE m.league_id = main_league AND m.status = 'active';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'create_jackpot: league % has no active model', create_jackpot.league_code
      USING ERRCODE = '55000', HINT = 'Fit it first with jackpot.dixon_coles_fit(league_code, as_of).';
  END IF;

  INSERT INTO jackpot.jackpots (user_id, league_id, model_version, settings)
  VALUES (coalesce(create_jackpot.user_id, jackpot.current_user_id()), main_league, main_model, jackpot.settings())
  RETURNING id INTO new_id;
  INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, odds_home,
                                        odds_draw, odds_away, home_team_id, away_team_id, league_id, model_id,
                                        calibrated)
  SELECT new_id, f.*, EXISTS (SELECT FROM jackpot.calibration_data AS c WHERE c.model_id = f.model)
    FROM unnest(orders, dates, home_names, away_names, odds_h, odds_d, odds_a, home_ids, away_ids, league_ids,
                model_ids) AS f(k, day, home, away, oh, od, oa, home_id, away_id, league, model);
  RETURN new_id;
END
$$;
COMMENT ON FUNCTION jackpot.create_jackpot(jsonb, text, text) IS
  'Creates a jackpot from [{home, away, date, odds_home?, odds_draw?, odds_away?, league?}] (1-50 fixtures): teams resolved with jackpot.resolve_team, each fixture locking its league''s active model, the jackpot locking jackpot.settings() and its main league''s model. user_id defaults to jackpot.current_user_id() (the JWT sub claim, else the session user); row-level security refuses another user''s id. Returns the jackpot id.';

CREATE FUNCTION jackpot.jackpot_row(jackpot_id uuid, for_update boolean DEFAULT false)
RETURNS jackpot.jackpots
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  found_row jackpot.jackpots;
BEGIN
  IF for_update THEN
    SELECT * INTO found_row FROM jackpot.jackpots AS j WHERE j.id = jackpot_row.jackpot_id FOR UPDATE;
  ELSE
    SELECT * INTO found_row FROM jackpot.jackpots AS j WHERE j.id = jackpot_row.jackpot_id;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no jackpot %', coalesce(jackpot_row.jackpot_id::text, 'NULL') USING ERRCODE = 'P0002';
  END IF;
  RETURN found_row;
END
$$;
COMMENT ON FUNCTION jackpot.jackpot_row(uuid, boolean) IS
  'The jackpot of this id (locked FOR UPDATE when asked), or error P0002; used by the workflow functions.';

CREATE FUNCTION jackpot.predict_jackpot(jackpot_id uuid)
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
    JOIN jackpot.models AS m ON m.id = f.model_id
   CROSS JOIN LATERAL jackpot.prediction_sets(m.version, f.home_team_id, f.away_team_id, f.odds_home, f.odds_draw,
                                              f.odds_away, j.settings, f.calibrated) AS s
   WHERE f.jackpot_id = j.id
   ORDER BY f.match_order, s.set_id
  RETURNING *;
END
$$;
COMMENT ON FUNCTION jackpot.predict_jackpot(uuid) IS
  'Writes the 7 x N prediction rows of a jackpot in one statement, from each fixture''s locked model, its odds and the jackpot''s locked settings, and returns them; a jackpot already predicted returns its rows unchanged.';

CREATE FUNCTION jackpot.finalize_jackpot(jackpot_id uuid)
RETURNS jackpot.jackpots
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(finalize_jackpot.jackpot_id, true);
  expected integer;
  written integer;
BEGIN
  IF j.status = 'finalized' THEN
    RETURN j;
  END IF;
  SELECT 7 * count(*) INTO expected FROM jackpot.jackpot_fixtures AS f WHERE f.jackpot_id = j.id;
  SELECT count(*) INTO written FROM jackpot.predictions AS p JOIN jackpot.jackpot_fixtures AS f ON f.id = p.fixture_id
   WHERE f.jackpot_id = j.id;
  IF written <> expected THEN
    RAISE EXCEPTION 'finalize_jackpot: jackpot % has % of its % predictions', j.id, written, expected
      USING ERRCODE = '55000', HINT = 'Predict it first with jackpot.predict_jackpot(jackpot_id).';
  END IF;
  UPDATE jackpot.jackpots AS u SET status = 'finalized' WHERE u.id = j.id RETURNING * INTO j;
  RETURN j;
END
$$;
COMMENT ON FUNCTION jackpot.finalize_jackpot(uuid) IS
  'Freezes a predicted jackpot (status finalized): from then on its fixtures and predictions never change and only results may be recorded, once. Finalizing twice returns the jackpot unchanged.';

CREATE FUNCTION jackpot.fixture_row(jackpot_id uuid, match_order integer)
RETURNS jackpot.jackpot_fixtures
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  found_row jackpot.jackpot_fixtures;
BEGIN
  PERFORM jackpot.jackpot_row(fixture_row.jackpot_id);
  SELECT * INTO found_row FROM jackpot.jackpot_fixtures AS f
   WHERE f.jackpot_id = fixture_row.jackpot_id AND f.match_order = fixture_row.match_order;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'jackpot % has no fixture %', fixture_row.jackpot_id, coalesce(fixture_row.match_order::text, 'NULL')
      USING ERRCODE = 'P0002';
  END IF;
  RETURN found_row;
END
$$;
COMMENT ON FUNCTION jackpot.fixture_row(uuid, integer) IS
  'The fixture at match_order of a jackpot, or error P0002; used by record_result and record_void.';

CREATE FUNCTION jackpot.record_result(jackpot_id uuid, match_order integer, home_goals integer, away_goals integer)
RETURNS jackpot.jackpot_fixtures
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  f jackpot.jackpot_fixtures := jackpot.fixture_row(record_result.jackpot_id, record_result.match_order);
BEGIN
  IF home_goals IS NULL OR away_goals IS NULL OR home_goals < 0 OR away_goals < 0 THEN
    RAISE EXCEPTION 'record_result: goals must be two whole numbers >= 0, not % and %',
      coalesce(home_goals::text, 'NULL'), coalesce(away_goals::text, 'NULL')
      USING ERRCODE = '22023', HINT = 'Record a postponed or abandoned fixture with jackpot.record_void().';
  END IF;
  UPDATE jackpot.jackpot_fixtures AS u
     SET result_status = 'played', actual_home_goals = home_goals, actual_away_goals = away_goals,
         actual_result = jackpot.result_from_goals(home_goals, away_goals)
   WHERE u.id = f.id RETURNING * INTO f;
  RETURN f;
END
$$;
COMMENT ON FUNCTION jackpot.record_result(uuid, integer, integer, integer) IS
  'Records the full-time score of fixture match_order (and the result it implies); once only on a finalized jackpot.';

CREATE FUNCTION jackpot.record_void(jackpot_id uuid, match_order integer,
                                    settled_as jackpot.match_result DEFAULT NULL)
RETURNS jackpot.jackpot_fixtures
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  f jackpot.jackpot_fixtures := jackpot.fixture_row(record_void.jackpot_id, record_void.match_order);
BEGIN
  UPDATE jackpot.jackpot_fixtures AS u
     SET result_status = 'void', actual_result = settled_as
   WHERE u.id = f.id RETURNING * INTO f;
  RETURN f;
END
$$;
COMMENT ON FUNCTION jackpot.record_void(uuid, integer, jackpot.match_result) IS
  'Records fixture match_order as void (postponed or abandoned), with the result the operator settled it as when there is one (SportPesa''s "PD:X" is settled_as => ''D''); once only on a finalized jackpot.';

CREATE FUNCTION jackpot.jackpot_picks(jackpot_id uuid, set_id jackpot.prediction_set)
RETURNS TABLE (match_order integer, league text, home_team text, away_team text, pick jackpot.match_result,
               pick_probability double precision, prob_home double precision, prob_draw double precision,
               prob_away double precision, result_status text, actual_result jackpot.match_result, correct boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT f.match_order, l.code, ht.name, at.name, x.pick, x.probability, p.prob_home, p.prob_draw, p.prob_away,
         f.result_status, f.actual_result, x.pick = f.actual_result
    FROM jackpot.jackpot_fixtures AS f
    JOIN jackpot.predictions AS p ON p.fixture_id = f.id AND p.set_id = jackpot_picks.set_id
    JOIN jackpot.leagues AS l ON l.id = f.league_id
    JOIN jackpot.teams AS ht ON ht.id = f.home_team_id
    JOIN jackpot.teams AS at ON at.id = f.away_team_id
   CROSS JOIN LATERAL (
     SELECT CASE WHEN p.prob_home >= p.prob_draw AND p.prob_home >= p.prob_away THEN 'H'::jackpot.match_result
                 WHEN p.prob_draw >= p.prob_away THEN 'D'::jackpot.match_result
                 ELSE 'A'::jackpot.match_result END AS pick,
            greatest(p.prob_home, p.prob_draw, p.prob_away) AS probability) AS x
   WHERE f.jackpot_id = jackpot_picks.jackpot_id
   ORDER BY f.match_order;
END;
COMMENT ON FUNCTION jackpot.jackpot_picks(uuid, jackpot.prediction_set) IS
  'Per fixture of a jackpot under one set: resolved league and teams, the pick (argmax; ties home, draw, away) and its probability, the set''s probabilities, and once recorded the result and whether the pick was right.';

CREATE FUNCTION jackpot.jackpot_summary(jackpot_id uuid, set_id jackpot.prediction_set)
RETURNS TABLE (fixtures integer, picks jackpot.match_result[],
               pick_probabilities double precision[], p_all_correct double precision,
               expected_correct double precision, number_correct_distribution double precision[],
               p_at_least double precision[], results_recorded integer, void_fixtures integer,
               actual_correct integer)
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
  running double precision := 0;
  product double precision := 1;
  k integer;
BEGIN
  IF jackpot_summary.set_id IS NULL THEN
    RAISE EXCEPTION 'jackpot_summary: set_id must not be NULL' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(x.pick_probability ORDER BY x.match_order), array_agg(x.pick ORDER BY x.match_order),
         count(*) FILTER (WHERE x.result_status IS NOT NULL), count(*) FILTER (WHERE x.result_status = 'void'),
         count(*) FILTER (WHERE x.correct)
    INTO probs, pick_list, recorded, voided, correct
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
         recorded, voided, CASE WHEN recorded > 0 THEN correct END;
END
$$;
COMMENT ON FUNCTION jackpot.jackpot_summary(uuid, jackpot.prediction_set) IS
  'A jackpot under one set: the picks and their probabilities, P(all correct) (their product), the exact distribution of the number correct (Poisson-binomial; subscripts 0..n) and P(at least k) (p_at_least[13] is P(13 or more)), the expected number correct, and once results are in the actual number correct (a void fixture counts when its settled result matches the pick).';

CREATE FUNCTION jackpot.optimize_ticket(jackpot_id uuid, set_id jackpot.prediction_set, max_lines integer)
RETURNS TABLE (match_order integer, home_team text, away_team text, selection text,
               selection_probability double precision, lines bigint, p_win double precision)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(optimize_ticket.jackpot_id);
  orders integer[];
  homes text[];
  aways text[];
  prob_home double precision[];
  prob_draw double precision[];
  prob_away double precision[];
  selections text[];
  selection_probs double precision[];
  ticket_lines bigint;
  ticket_p_win double precision;
BEGIN
  IF optimize_ticket.max_lines IS NULL OR optimize_ticket.max_lines < 1 THEN
    RAISE EXCEPTION 'optimize_ticket: max_lines must be at least 1' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(x.match_order ORDER BY x.match_order), array_agg(x.home_team ORDER BY x.match_order),
         array_agg(x.away_team ORDER BY x.match_order), array_agg(x.prob_home ORDER BY x.match_order),
         array_agg(x.prob_draw ORDER BY x.match_order), array_agg(x.prob_away ORDER BY x.match_order)
    INTO orders, homes, aways, prob_home, prob_draw, prob_away
    FROM jackpot.jackpot_picks(j.id, optimize_ticket.set_id) AS x;
  IF orders IS NULL THEN
    RAISE EXCEPTION 'optimize_ticket: jackpot % has no predictions', j.id
      USING ERRCODE = '55000', HINT = 'Predict it first with jackpot.predict_jackpot(jackpot_id).';
  END IF;
  SELECT t.selections, t.selection_probs, t.lines, t.p_win
    INTO selections, selection_probs, ticket_lines, ticket_p_win
    FROM jackpot.optimal_ticket(prob_home, prob_draw, prob_away, optimize_ticket.max_lines) AS t;
  RETURN QUERY
  SELECT u.match_order, u.home, u.away, u.selection, u.probability, ticket_lines, ticket_p_win
    FROM unnest(orders, homes, aways, selections, selection_probs)
         AS u(match_order, home, away, selection, probability)
   ORDER BY u.match_order;
END
$$;
COMMENT ON FUNCTION jackpot.optimize_ticket(uuid, jackpot.prediction_set, integer) IS
  'The ticket that maximises P(all correct) under a set with at most max_lines lines: per fixture a single, double or treble selection (1, X, 2, 1X, 12, X2, 1X2) and its probability, with the ticket''s lines and P(win) on every row.';

CREATE FUNCTION jackpot.verify_jackpot(jackpot_id uuid)
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
    SELECT f.match_order, p.set_id, p.model_id = f.model_id AS same_model,
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
      JOIN jackpot.models AS m ON m.id = f.model_id
     CROSS JOIN LATERAL jackpot.prediction_sets(m.version, f.home_team_id, f.away_team_id, f.odds_home, f.odds_draw,
                                                f.odds_away, j.settings, f.calibrated) AS s
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
  'Recomputes every stored prediction of a jackpot from its fixtures'' locked models, odds and team ids and the jackpot''s locked settings, and lists each value that differs (compared bit for bit), each missing or unexpected row and each prediction of another model. No rows: every number reproduces exactly.';
