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

-- Whether text starts with a calendar date YYYY-MM-DD (years 1 to 9999): the date a fixture's
-- "date" field gives, checked without raising.
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

-- The first thing wrong with a coupon as a whole, in one statement: its shape and size, a
-- fixture's problem, a date that is not a date, a league code that names no league, or the same
-- fixture twice. (PL/pgSQL for its kept plan: a SQL function's would be made anew at every call.)
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

-- The same for a well-formed create_jackpot coupon (jackpot.coupon_problem is NULL), each fixture
-- in the league it names, else league_code. (PL/pgSQL for its kept plan.)
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
   CROSS JOIN LATERAL jackpot.fixture_prediction_sets(f.basis, f.model_id, f.home_team_id, f.away_team_id, f.basis_inputs,
                                                      f.odds_home, f.odds_draw, f.odds_away, j.settings, f.calibrated) AS s
   WHERE f.jackpot_id = j.id
   ORDER BY f.match_order, s.set_id
  RETURNING *;
END
$$;
COMMENT ON FUNCTION jackpot.predict_jackpot(uuid) IS
  'Writes the 7 x N prediction rows of a jackpot in one statement, each fixture on its locked basis (its model, or the market or prior inputs locked with it; jackpot.fixture_prediction_sets) with its odds and the jackpot''s locked settings, and returns them; a jackpot already predicted returns its rows unchanged.';

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
