-- No input crashes a backend or ends in an internal error: every SQL function of the schema is
-- called with each argument in turn set to hostile values of its type (NaN, ±Infinity, NULL,
-- empty and huge arrays and texts, negative and extreme numbers, absurd dates, unknown names and
-- ids) and the others to working values. Each call runs in a subtransaction that is rolled back;
-- what it raised is recorded. Every refusal must be a clear error of its own class (never XX000
-- internal_error or a system error), no call may run away (statement_timeout), and the session
-- lives on. The aggregates get the same values as rows.
\ir include/setup.sql
SELECT plan(10);
\ir include/fixtures.sql

-- Working values by argument name (falling back on the type), so that varying one argument
-- reaches past the checks of the others.
CREATE TEMP TABLE working (name text PRIMARY KEY, value text);
INSERT INTO working VALUES
  ('league_code', '''T0'''), ('league', '''T0'''), ('model_version', '''m1'''), ('version', '''m9'''),
  ('home_team', '''Alpha'''), ('away_team', '''Beta'''), ('name', '''Alpha'''), ('alias', '''Alfa'''),
  ('team_id', '9001'), ('home_team_id', '9001'), ('away_team_id', '9002'), ('league_id', '901'),
  ('jackpot_id', '''00000000-0000-0000-0000-0000000000c0'''), ('match_order', '1'),
  ('odds_home', '2.1'), ('odds_draw', '3.3'), ('odds_away', '3.6'), ('odds', 'ARRAY[2.1, 3.3, 3.6]'),
  ('model', 'ARRAY[0.5, 0.3, 0.2]'), ('market', 'ARRAY[0.45, 0.3, 0.25]'), ('alpha', '0.5'),
  ('probs', 'ARRAY[0.5, 0.3, 0.2]'), ('prob_home', 'ARRAY[0.5, 0.4]'), ('prob_draw', 'ARRAY[0.3, 0.3]'),
  ('prob_away', 'ARRAY[0.2, 0.3]'), ('max_lines', '4'), ('lambda_home', '1.5'), ('lambda_away', '1.1'),
  ('rho', '-0.1'), ('max_goals', '8'), ('home_goals', '2'), ('away_goals', '1'), ('goal_line', '2.5'),
  ('as_of', '''2024-06-01'''), ('on_date', '''2024-06-01'''), ('from_date', '''2024-01-01'''),
  ('to_date', '''2024-06-01'''), ('before', '''2024-06-01'''), ('snapshot_date', '''2024-06-01'''),
  ('xi', '0.0065'), ('refit_every', '''7 days'''), ('method', '''shin'''), ('cron', '''0 4 * * *'''),
  ('fixtures', $$'[{"home": "Alpha", "away": "Beta", "date": "2024-05-11"}]'$$),
  ('fixture', $${"home": "Alpha", "away": "Beta", "date": "2024-05-11"}$$),
  ('calibration', $$'{"x_thresholds": [0, 1], "y_thresholds": [0.1, 0.9]}'$$), ('prob', '0.4'),
  ('data', $$convert_to(E'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nT0,10/08/2019,Alpha,Beta,1,0\n', 'UTF8')$$),
  ('source', '''hostile'''), ('season', '''2023-24'''), ('set_id', '''A'''), ('settled_as', '''H'''),
  ('seasons', 'ARRAY[''2023-24'']'), ('user_id', '''alice'''), ('canonical_name', '''alpha'''),
  ('canonical_candidate', '''alfa'''), ('columns', 'ARRAY[''a'']'), ('old_row', '''{}'''), ('new_row', '''{}'''),
  ('window_dates', '''[2024-01-01,2024-06-01]''');
CREATE FUNCTION pg_temp.working_value(arg text, type text) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce((SELECT value FROM working WHERE name = arg),
                  CASE type WHEN 'double precision' THEN '0.5' WHEN 'integer' THEN '1' WHEN 'bigint' THEN '1'
                            WHEN 'boolean' THEN 'true' WHEN 'date' THEN '''2024-06-01''' WHEN 'text' THEN '''x'''
                            WHEN 'jsonb' THEN '''{}''' WHEN 'uuid' THEN '''00000000-0000-0000-0000-0000000000c0'''
                            WHEN 'double precision[]' THEN 'ARRAY[0.5, 0.3, 0.2]' WHEN 'text[]' THEN 'ARRAY[''x'']'
                            WHEN 'jackpot.match_result' THEN '''H''' WHEN 'jackpot.prediction_set' THEN '''A'''
                            WHEN 'interval' THEN '''7 days''' WHEN 'bytea' THEN '''\x00'''
                            WHEN 'jackpot.teams' THEN '(SELECT t FROM jackpot.teams t WHERE id = 9001)'
                            WHEN 'jackpot.models' THEN '(SELECT m FROM jackpot.models m WHERE version = ''m1'')'
                            WHEN 'jackpot.jackpot_fixtures' THEN '(SELECT f FROM jackpot.jackpot_fixtures f WHERE id = 9101)' END)
$$;

CREATE TEMP TABLE hostile (type text, value text);
INSERT INTO hostile VALUES
  ('double precision', '''NaN'''), ('double precision', '''Infinity'''), ('double precision', '''-Infinity'''),
  ('double precision', 'NULL'), ('double precision', '-1'), ('double precision', '0'), ('double precision', '1e308'),
  ('double precision', '5e-324'),
  ('integer', 'NULL'), ('integer', '-1'), ('integer', '0'), ('integer', '2147483647'), ('integer', '-2147483648'),
  ('bigint', 'NULL'), ('bigint', '-1'), ('bigint', '0'), ('bigint', '9223372036854775807'),
  ('boolean', 'NULL'),
  ('text', 'NULL'), ('text', ''''''), ('text', 'repeat(''x'', 100000)'), ('text', 'E''\u00e9\u0001'''),
  ('text', '''no such thing'''),
  ('date', 'NULL'), ('date', '''infinity'''), ('date', '''-infinity'''), ('date', '''4713-01-01 BC'''),
  ('date', '''5874897-12-31'''),
  ('double precision[]', 'NULL'), ('double precision[]', '''{}'''), ('double precision[]', '''{NaN,NaN,NaN}'''),
  ('double precision[]', '''{Infinity,-Infinity,0}'''), ('double precision[]', '''{NULL,NULL,NULL}'''),
  ('double precision[]', '''{{0.5,0.3},{0.1,0.1}}'''), ('double precision[]', '''[5:7]={0.5,0.3,0.2}'''),
  ('double precision[]', 'array_fill(0.5::float8, ARRAY[1000000])'), ('double precision[]', '''{-1,2,0}'''),
  ('text[]', 'NULL'), ('text[]', '''{}'''), ('text[]', '''{NULL}'''), ('text[]', 'array_fill(''x''::text, ARRAY[100000])'),
  ('jsonb', 'NULL'), ('jsonb', '''[]'''), ('jsonb', '''null'''), ('jsonb', '''"x"'''), ('jsonb', '''{"x_thresholds": "no"}'''),
  ('jsonb', '(SELECT jsonb_agg(jsonb_build_object(''home'', ''Alpha'', ''away'', ''Beta'', ''date'', ''2024-05-11'')) FROM generate_series(1, 10000))'),
  ('jsonb', $$'[{"home": "Alpha", "away": "Beta", "date": "2024-05-11", "odds_home": "NaN"}]'$$),
  ('jsonb', $$'[{"home": "Nobody", "away": "Beta", "date": "0001-01-01"}]'$$),
  ('bytea', 'NULL'), ('bytea', ''''''), ('bytea', '''\x00ff00ff'''), ('bytea', 'convert_to(repeat(E''a,b\n'', 200000), ''UTF8'')'),
  ('uuid', 'NULL'), ('uuid', '''00000000-0000-0000-0000-000000000000'''),
  ('interval', 'NULL'), ('interval', '''0'''), ('interval', '''-1 day'''), ('interval', '''1000000 years'''),
  ('jackpot.match_result', 'NULL'), ('jackpot.prediction_set', 'NULL'), ('jackpot.teams', 'NULL'),
  ('jackpot.models', 'NULL'), ('jackpot.jackpot_fixtures', 'NULL'),
  ('daterange', 'NULL'), ('daterange', '''empty'''), ('daterange', '''(,)''');

CREATE TEMP TABLE outcomes (function text, argument text, value text, sqlstate text, message text, seconds float8);
-- (a statement_timeout would cancel the whole block: each call is timed instead)
SET statement_timeout = '600s';
DO $$
DECLARE
  f record;
  i integer;
  h record;
  args text[];
  call text;
  state text;
  message text;
  started timestamptz;
BEGIN
  -- (proargtypes is an oidvector, subscripted from 0: unnested in order instead)
  FOR f IN SELECT p.oid, p.oid::regproc::text AS name,
                  ARRAY(SELECT t::regtype::text FROM unnest(p.proargtypes) WITH ORDINALITY AS u(t, o) ORDER BY o) AS types,
                  coalesce(p.proargnames, '{}') AS names, p.pronargs
             FROM pg_proc p
            WHERE p.pronamespace = 'jackpot'::regnamespace AND p.prokind = 'f'
              AND p.prorettype <> 'trigger'::regtype AND NOT 'internal' = ANY (p.proargtypes::regtype[]::text[])
            ORDER BY p.oid::regprocedure::text LOOP
    FOR i IN 1 .. f.pronargs LOOP
      FOR h IN SELECT value FROM hostile WHERE type = f.types[i] LOOP
        args := ARRAY(SELECT CASE WHEN k = i THEN h.value ELSE pg_temp.working_value(f.names[k], f.types[k]) END
                               || '::' || f.types[k]
                        FROM generate_series(1, f.pronargs) AS k);
        call := format('SELECT %s(%s)', f.name, array_to_string(args, ', '));
        started := clock_timestamp();
        BEGIN
          EXECUTE call;
          RAISE EXCEPTION USING ERRCODE = 'JPT00';  -- undo what it wrote
        EXCEPTION WHEN OTHERS THEN
          GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
          INSERT INTO outcomes VALUES (f.oid::regprocedure::text, coalesce(f.names[i], i::text), left(h.value, 60),
                                       nullif(state, 'JPT00'), message,
                                       extract(epoch FROM clock_timestamp() - started));
        END;
      END LOOP;
    END LOOP;
  END LOOP;
END
$$;
RESET statement_timeout;

SELECT cmp_ok((SELECT count(*)::int FROM outcomes), '>', 700, 'more than 700 hostile calls were made');
SELECT is((SELECT count(DISTINCT function)::int FROM outcomes),
          (SELECT count(*)::int FROM pg_proc p WHERE p.pronamespace = 'jackpot'::regnamespace AND p.prokind = 'f' AND p.pronargs > 0
              AND p.prorettype <> 'trigger'::regtype AND NOT 'internal'::regtype = ANY (p.proargtypes)),
          'every SQL function with arguments was called');
SELECT is((SELECT string_agg(DISTINCT function || ' ' || argument || '=' || value || ': ' || sqlstate || ' ' || message, E'\n')
             FROM outcomes WHERE sqlstate ~ '^(XX|58)'), NULL, 'no hostile input ends in an internal or system error');
SELECT is((SELECT string_agg(DISTINCT function || ' ' || argument || '=' || value || ': ' || round(seconds::numeric, 1) || ' s', E'\n')
             FROM outcomes WHERE seconds > 5), NULL, 'no hostile input keeps a backend busy past 5 s');
SELECT is((SELECT string_agg(DISTINCT function || ' ' || argument || '=' || value, E'\n')
             FROM outcomes WHERE sqlstate IS NOT NULL AND coalesce(message, '') = ''), NULL, 'every refusal has a message');
SELECT is((SELECT string_agg(DISTINCT function || ' ' || value || ': ' || coalesce(sqlstate, 'accepted'), E'\n')
             FROM outcomes WHERE value IN ('''NaN''', '''Infinity''', '''-Infinity''')
              AND function ~ '^jackpot\.(score_matrix|predict_fixture|prediction_sets|dixon_coles_fit|backtest)\('
              AND argument NOT IN ('goal_line') AND coalesce(sqlstate, '') !~ '^22'), NULL,
          'NaN and infinite numbers are refused by the model functions as invalid values (22xxx)');
SELECT is((SELECT string_agg(DISTINCT function || ' ' || argument || '=' || value || ': ' || coalesce(sqlstate, 'accepted'), E'\n')
             FROM outcomes WHERE value IN ('''infinity''', '''-infinity''', '''4713-01-01 BC''', '''5874897-12-31''')
              AND argument IN ('as_of', 'from_date', 'to_date', 'before') AND sqlstate IS NULL
              -- lookups, not fits: a date only bounds what they read
              AND function !~ '^jackpot\.(resolve_team|out_of_sample_predictions|matches_sha256)'), NULL,
          'absurd dates are refused where a model is fitted, validated or backtested');

-- the aggregates, over rows of hostile values
SELECT is(pg_temp.refusal($$SELECT jackpot.brier_score(p, h), jackpot.log_loss(p, h), jackpot.reliability_curve(p, h)
                              FROM (VALUES ('NaN'::float8, true), ('Infinity', false), (-1, true), (NULL, NULL), (0.5, true)) AS v(p, h)$$),
          '22023 a probability must be in [0, 1], not NaN', 'the scoring aggregates refuse a NaN probability');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_agg(h, a, hg, ag, w)
                              FROM (VALUES ('A', 'B', -1, 0, 1.0::float8), ('B', 'A', 1, 1, 'NaN')) AS v(h, a, hg, ag, w)$$),
          '22023 goals must not be negative', 'the fit aggregate refuses negative goals');
SELECT is(pg_temp.refusal($$SELECT jackpot.dixon_coles_agg(h, a, hg, ag, w)
                              FROM (VALUES ('A', 'B', 1, 0, 'NaN'::float8), ('B', 'A', 1, 1, 1)) AS v(h, a, hg, ag, w)$$),
          '22023 dixon_coles_agg', '... and NaN weights');

SELECT * FROM finish();
ROLLBACK;
