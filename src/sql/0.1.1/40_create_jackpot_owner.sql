-- 0.1.1: a jackpot's owner defaults to jackpot.current_user_id() (the JWT's sub under PostgREST),
-- no longer to session_user, which under PostgREST is the authenticator role and would be
-- refused by the jackpots policy. The rest of create_jackpot is 0.1.0's, unchanged.
CREATE OR REPLACE FUNCTION jackpot.create_jackpot(fixtures jsonb, user_id text DEFAULT NULL, league_code text DEFAULT NULL)
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
