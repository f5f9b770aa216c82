-- Row-level security on the JWT claims and the roles (docs/security.md): two JWT users and two
-- database users are isolated from each other both ways (read, update, delete, and insert with
-- another user's id); each role can do what it is for and nothing more; no login role can turn
-- the immutability triggers off; and every function is hardened against search_path attacks.
\ir include/setup.sql
SELECT plan(52);
\ir include/fixtures.sql

-- Login roles of the test (rolled back with it): web stands for PostgREST's role, its users
-- told apart by their JWT; carol and dave are database users without JWT.
CREATE ROLE test_web LOGIN;
CREATE ROLE test_carol LOGIN;
CREATE ROLE test_dave LOGIN;
CREATE ROLE test_reader LOGIN;
CREATE ROLE test_analyst LOGIN;
CREATE ROLE test_admin LOGIN;
CREATE ROLE test_nobody LOGIN;
GRANT jackpot_user TO test_web, test_carol, test_dave;
GRANT jackpot_reader TO test_reader;
GRANT jackpot_analyst TO test_analyst;
GRANT jackpot_admin TO test_admin;
-- a jackpot of bob's, and one of carol's, beside alice's two from the fixtures
INSERT INTO jackpot.jackpots (id, user_id, league_id, model_version)
  VALUES ('00000000-0000-0000-0000-0000000000b0', 'bob', 901, 'm1'),
         ('00000000-0000-0000-0000-0000000000d0', 'test_carol', 901, 'm1');
INSERT INTO jackpot.jackpot_fixtures (id, jackpot_id, match_order, match_date, home_team, away_team, home_team_id, away_team_id)
  VALUES (9401, '00000000-0000-0000-0000-0000000000b0', 1, '2024-05-04', 'Alpha', 'Beta', 9001, 9002);

-- Runs statement as the login role, with the JWT claims given (NULL: none), and says what came
-- of it: the first column of its first row, 'N rows' for a statement that returns none, or the
-- SQLSTATE and message that stopped it.
CREATE FUNCTION pg_temp.as_user(login text, claims text, statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  value text;
  affected bigint;
  outcome text;
BEGIN
  PERFORM set_config('request.jwt.claims', coalesce(claims, ''), true);
  EXECUTE format('SET SESSION AUTHORIZATION %I', login);
  BEGIN
    IF statement ~* '^\s*SELECT|RETURNING' THEN
      EXECUTE statement INTO value;
    ELSE
      EXECUTE statement;
    END IF;
    GET DIAGNOSTICS affected = ROW_COUNT;
    outcome := coalesce(value, affected || ' rows');
  EXCEPTION WHEN OTHERS THEN
    outcome := SQLSTATE;
  END;
  RESET SESSION AUTHORIZATION;
  PERFORM set_config('request.jwt.claims', '', true);
  RETURN outcome;
END
$$;
CREATE FUNCTION pg_temp.alice(statement text) RETURNS text LANGUAGE sql AS
  $$ SELECT pg_temp.as_user('test_web', '{"sub": "alice", "role": "test_web"}', statement) $$;
CREATE FUNCTION pg_temp.bob(statement text) RETURNS text LANGUAGE sql AS
  $$ SELECT pg_temp.as_user('test_web', '{"sub": "bob", "role": "test_web"}', statement) $$;

-- identity ---------------------------------------------------------------------------------------
SELECT is(pg_temp.as_user('test_carol', NULL, 'SELECT jackpot.current_user_id()'), 'test_carol',
          'without claims the user is the session user');
SELECT is(pg_temp.alice('SELECT jackpot.current_user_id()'), 'alice', 'with claims the user is their sub');
SELECT is(pg_temp.as_user('test_web', '', 'SELECT jackpot.current_user_id()'), 'test_web',
          'empty claims count as none (nullif before the cast)');
SELECT is(pg_temp.as_user('test_web', '{"role": "test_web"}', 'SELECT coalesce(jackpot.current_user_id(), ''<null>'')'), '<null>',
          'claims without sub name nobody: such a caller owns no jackpot');
SELECT is(pg_temp.as_user('test_web', '{"role": "test_web"}', 'SELECT count(*) FROM jackpot.jackpots'), '0',
          '... and sees none');
SELECT is(pg_temp.as_user('test_web', 'not json', 'SELECT jackpot.current_user_id()'), '22P02',
          'claims that are not JSON are an error, never another user');

-- two JWT users, isolated both ways ----------------------------------------------------------------
SELECT is(pg_temp.alice('SELECT count(*) FROM jackpot.jackpots'), '2', 'alice sees her two jackpots');
SELECT is(pg_temp.alice('SELECT count(*) FROM jackpot.jackpot_fixtures'), '4', 'alice sees their four fixtures');
SELECT is(pg_temp.alice('SELECT count(*) FROM jackpot.predictions'), '2', 'alice sees their two predictions');
SELECT is(pg_temp.bob('SELECT string_agg(user_id, '','') FROM jackpot.jackpots'), 'bob', 'bob sees only his jackpot');
SELECT is(pg_temp.bob('SELECT count(*) FROM jackpot.jackpot_fixtures'), '1', 'bob sees only his fixture');
SELECT is(pg_temp.bob('SELECT count(*) FROM jackpot.predictions'), '0', 'bob sees none of alice''s predictions');
SELECT is(pg_temp.alice('SELECT count(*) FROM jackpot.jackpots WHERE user_id = ''bob'''), '0', 'alice cannot read bob''s jackpot');
SELECT is(pg_temp.bob($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 1, actual_away_goals = 0, actual_result = 'H' WHERE jackpot_id = '00000000-0000-0000-0000-0000000000c0'$$),
          '0 rows', 'bob cannot update alice''s fixtures');
SELECT is(pg_temp.alice($$UPDATE jackpot.jackpot_fixtures SET actual_home_goals = 1, actual_away_goals = 0, actual_result = 'H' WHERE id = 9401$$),
          '0 rows', 'alice cannot update bob''s fixture');
SELECT is(pg_temp.bob($$DELETE FROM jackpot.jackpots WHERE id = '00000000-0000-0000-0000-0000000000c0'$$),
          '0 rows', 'bob cannot delete alice''s jackpot');
SELECT is(pg_temp.bob($$DELETE FROM jackpot.predictions WHERE id = 9301$$), '0 rows', 'bob cannot delete alice''s prediction');
SELECT is(pg_temp.alice($$DELETE FROM jackpot.jackpot_fixtures WHERE id = 9401$$), '0 rows', 'alice cannot delete bob''s fixture');
SELECT is(pg_temp.bob($$INSERT INTO jackpot.jackpots (user_id, league_id, model_version) VALUES ('alice', 901, 'm1')$$),
          '42501', 'bob cannot create a jackpot in alice''s name');
SELECT is(pg_temp.bob($$INSERT INTO jackpot.jackpot_fixtures (jackpot_id, match_order, match_date, home_team, away_team, home_team_id, away_team_id)
                        VALUES ('00000000-0000-0000-0000-0000000000c0', 3, '2024-05-04', 'Alpha', 'Gamma', 9001, 9003)$$),
          '42501', 'bob cannot add a fixture to alice''s jackpot');
SELECT is(pg_temp.bob($$INSERT INTO jackpot.predictions (fixture_id, model_id, set_id, prob_home, prob_draw, prob_away)
                        VALUES (9102, '00000000-0000-0000-0000-0000000000a1', 'B', 0.4, 0.3, 0.3)$$),
          '42501', 'bob cannot add a prediction to alice''s fixture');
SELECT is(pg_temp.alice($$UPDATE jackpot.jackpots SET user_id = 'bob' WHERE id = '00000000-0000-0000-0000-0000000000c0'$$),
          'JP001', 'alice cannot hand her jackpot over (user_id never changes)');
SELECT is(pg_temp.bob($$INSERT INTO jackpot.jackpots (user_id, league_id, model_version) VALUES ('bob', 901, 'm1')$$),
          '1 rows', 'bob creates jackpots in his own name');
SELECT is(pg_temp.bob($$SELECT jackpot.create_jackpot('[{"home": "Alpha", "away": "Beta", "date": "2024-05-11", "home_team_id": 9001,
                                                      "away_team_id": 9002, "odds_home": 2.1, "odds_draw": 3.3, "odds_away": 3.6}]')::text IS NOT NULL$$),
          'true', 'create_jackpot makes the caller the owner by default');
SELECT is(pg_temp.bob('SELECT count(*) FROM jackpot.jackpots'), '3', 'bob now sees his three jackpots');
SELECT is(pg_temp.alice('SELECT count(*) FROM jackpot.jackpots'), '2', 'alice still sees only her two');

-- two database users, isolated both ways ----------------------------------------------------------
SELECT is(pg_temp.as_user('test_carol', NULL, 'SELECT string_agg(user_id, '','') FROM jackpot.jackpots'), 'test_carol',
          'carol sees only her jackpot');
SELECT is(pg_temp.as_user('test_dave', NULL, 'SELECT count(*) FROM jackpot.jackpots'), '0', 'dave sees none of carol''s');
SELECT is(pg_temp.as_user('test_dave', NULL, $$DELETE FROM jackpot.jackpots WHERE user_id = 'test_carol'$$), '0 rows',
          'dave cannot delete carol''s jackpot');
SELECT is(pg_temp.as_user('test_dave', NULL, $$INSERT INTO jackpot.jackpots (user_id, league_id, model_version) VALUES ('test_carol', 901, 'm1')$$),
          '42501', 'dave cannot create a jackpot in carol''s name');
SELECT is(pg_temp.as_user('test_carol', NULL, $$UPDATE jackpot.jackpots SET status = 'finalized' WHERE user_id = 'test_dave'$$), '0 rows',
          'carol cannot finalise dave''s jackpots');

-- what each role can and cannot do -------------------------------------------------------------------
SELECT is(pg_temp.as_user('test_nobody', NULL, 'SELECT count(*) FROM jackpot.matches'), '42501',
          'a role without a jackpot role cannot even read');
SELECT is(pg_temp.as_user('test_reader', NULL, 'SELECT count(*) FROM jackpot.models'), '3', 'a reader reads the models');
SELECT is(pg_temp.as_user('test_reader', NULL, 'SELECT count(*) FROM jackpot.jackpots'), '0', 'a reader sees no one''s jackpots');
SELECT is(pg_temp.as_user('test_reader', NULL, $$SELECT round((jackpot.score_matrix(1.5, 1.1, -0.1, 4))[0][0]::numeric, 4)$$),
          (SELECT round((jackpot.score_matrix(1.5, 1.1, -0.1, 4))[0][0]::numeric, 4)::text),
          'a reader calls the pure functions');
SELECT is(pg_temp.as_user('test_reader', NULL, $$SELECT jackpot.create_jackpot('[]')$$), '42501', 'a reader creates no jackpot');
SELECT is(pg_temp.as_user('test_reader', NULL, $$INSERT INTO jackpot.leagues (code, name, country) VALUES ('ZZ', 'Z', 'Z')$$), '42501',
          'a reader writes no reference data');
SELECT is(pg_temp.as_user('test_carol', NULL, $$SELECT jackpot.dixon_coles_fit('T0')$$), '42501', 'a user fits no model');
SELECT is(pg_temp.as_user('test_carol', NULL, $$SELECT count(*) FROM jackpot.ingest_football_data(''::bytea)$$), '42501',
          'a user ingests nothing');
SELECT is(pg_temp.as_user('test_carol', NULL, $$UPDATE jackpot.matches SET home_goals = 9$$), '42501', 'a user changes no match');
SELECT is(pg_temp.as_user('test_analyst', NULL, $$INSERT INTO jackpot.leagues (code, name, country) VALUES ('ZZ', 'Z', 'Z') RETURNING code$$), 'ZZ',
          'an analyst writes reference data');
SELECT is(pg_temp.as_user('test_analyst', NULL, $$SELECT jackpot.dixon_coles_fit('ZZ')$$), 'P0002',
          'an analyst may fit (here: a league without matches, refused for that reason only)');
SELECT is(pg_temp.as_user('test_analyst', NULL, $$SELECT jackpot.schedule_retraining('T0')$$), '42501',
          'an analyst schedules no retraining');
SELECT is(pg_temp.as_user('test_analyst', NULL, 'SELECT count(*) FROM jackpot.jackpots'), '0',
          'an analyst sees no one else''s jackpots');
SELECT is(pg_temp.as_user('test_admin', NULL, 'SELECT count(*) FROM jackpot.jackpots'), (SELECT count(*)::text FROM jackpot.jackpots),
          'an administrator sees every user''s jackpots, through its policy');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'jackpot.jackpots'::regclass),
          'row-level security stays on and forced for the tables'' owner');

-- the immutability triggers stay on -------------------------------------------------------------
SELECT is(pg_temp.as_user('test_admin', NULL, 'ALTER TABLE jackpot.predictions DISABLE TRIGGER USER'), '42501',
          'no login role can disable the triggers (it does not own the tables)');
SELECT is(pg_temp.as_user('test_admin', NULL, 'SET session_replication_role = replica'), '42501',
          'no login role can switch triggers off for its session');
SELECT is(pg_temp.as_user('test_admin', NULL, 'TRUNCATE jackpot.predictions'), '42501', 'no login role can truncate');

-- hardening ------------------------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'jackpot'::regnamespace AND prosecdef), 0,
          'no function runs with its owner''s rights (SECURITY DEFINER)');
SELECT is((SELECT string_agg(p.proname, ', ') FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
            WHERE p.pronamespace = 'jackpot'::regnamespace AND l.lanname NOT IN ('c', 'internal')
              AND p.prokind <> 'a' AND p.prosqlbody IS NULL
              AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)),
          NULL, 'every SQL and plpgsql function has a fixed search_path or a body bound at creation');
SELECT is((SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'jackpot'::regnamespace
             AND has_function_privilege('public', oid, 'EXECUTE')), 0, 'PUBLIC may execute no function');

SELECT * FROM finish();
ROLLBACK;
