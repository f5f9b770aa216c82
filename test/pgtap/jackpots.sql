-- The jackpot workflow's rules and errors: locks (models, settings), immutability of the new
-- columns, idempotence, atomic creation, SQLSTATEs, and that verify_jackpot does catch a change.
\ir include/setup.sql
SELECT plan(30);

-- a fitted league of six teams
\ir ../fixtures/six_team_league.sql
SELECT version AS v1 FROM jackpot.dixon_coles_fit('T1', '2024-06-01') \gset
CREATE TEMP TABLE coupon AS SELECT '[
  {"home": "Team 1", "away": "Team 2", "date": "2024-06-08", "odds_home": 2.1, "odds_draw": 3.4, "odds_away": 3.5},
  {"home": "Team 3", "away": "Team 4", "date": "2024-06-08"}]'::jsonb AS fixtures;
SELECT jackpot.create_jackpot(fixtures) AS j FROM coupon \gset

-- locks ----------------------------------------------------------------------------------------
SELECT is((SELECT user_id FROM jackpot.jackpots WHERE id = :'j'), session_user::text, 'user_id defaults to the session user');
-- a refit and new settings after creation change nothing the jackpot predicts
SELECT ok((SELECT version FROM jackpot.dixon_coles_fit('T1', '2024-05-01')) <> :'v1', 'the league is refitted after creation');
SET jackpot.default_blend_alpha = 0.9;
SET jackpot.margin_method = 'power';
SELECT is((SELECT count(*)::int FROM jackpot.predict_jackpot(:'j')), 14, 'predict_jackpot writes 7 x 2 rows');
SELECT is((SELECT count(*)::int FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id
            JOIN jackpot.models m ON m.id = p.model_id WHERE f.jackpot_id = :'j' AND m.version = :'v1'), 14,
          'every prediction uses the model locked at creation, not the league''s newer one');
SELECT is((SELECT blend_alpha FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id
            WHERE f.jackpot_id = :'j' AND f.match_order = 1 AND p.set_id = 'B'), 0.6::float8,
          'the blend uses the alpha locked at creation, not the session''s');
SELECT is((SELECT market_prob_home FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id
            WHERE f.jackpot_id = :'j' AND f.match_order = 1 AND p.set_id = 'A'),
          (jackpot.remove_margin(ARRAY[2.1, 3.4, 3.5], 'shin'))[1], 'the margin method locked at creation (shin) is used');
RESET jackpot.default_blend_alpha;
RESET jackpot.margin_method;
SELECT is((SELECT count(*)::int FROM jackpot.predict_jackpot(:'j')), 14, 'predicting again returns the same rows');
SELECT is((SELECT count(*)::int FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id
            WHERE f.jackpot_id = :'j'), 14, 'and writes nothing more');
SELECT is_empty(format('SELECT * FROM jackpot.verify_jackpot(%L)', :'j'), 'verify_jackpot: every number reproduces');

-- immutability of the new columns --------------------------------------------------------------
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpots SET settings = %L WHERE id = %L', '{}', :'j')),
          'JP001 jackpots.frozen_columns', 'a jackpot''s locked settings never change');
SELECT jackpot.finalize_jackpot(:'j');
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpot_fixtures SET model_id = (SELECT id FROM jackpot.models WHERE version <> %L LIMIT 1) WHERE jackpot_id = %L', :'v1', :'j')),
          'JP001 jackpot_fixtures.frozen_inputs', 'a finalized fixture''s model lock never changes');
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpot_fixtures SET league_id = NULL WHERE jackpot_id = %L', :'j')),
          'JP001 jackpot_fixtures.frozen_inputs', 'a finalized fixture''s league never changes');
SELECT is(pg_temp.refusal(format('SELECT jackpot.record_void(%L, 2)', :'j')), 'allowed', 'a fixture may be recorded void');
SELECT is(pg_temp.refusal(format('SELECT jackpot.record_result(%L, 2, 1, 0)', :'j')),
          'JP003 jackpot_fixtures.result_write_once', 'a void fixture cannot become played afterwards');
SELECT is(pg_temp.refusal(format('SELECT jackpot.record_result(%L, 1, 1, 1)', :'j')), 'allowed', 'a result is recorded');
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpot_fixtures SET result_status = NULL WHERE jackpot_id = %L AND match_order = 1', :'j')),
          'JP003 jackpot_fixtures.result_write_once', 'a recorded result_status is not erased');
SELECT is(pg_temp.refusal(format('UPDATE jackpot.jackpot_fixtures SET result_status = %L WHERE jackpot_id = %L AND match_order = 1', 'void', :'j')),
          'JP003 jackpot_fixtures.result_write_once', 'a played result is not rewritten as void');

-- verify_jackpot catches what the triggers were bypassed for ---------------------------------
SET session_replication_role = replica;
UPDATE jackpot.predictions SET prob_draw = prob_draw + 1e-16 WHERE set_id = 'C'
   AND fixture_id = (SELECT id FROM jackpot.jackpot_fixtures WHERE jackpot_id = :'j' AND match_order = 1);
DELETE FROM jackpot.predictions WHERE set_id = 'E'
   AND fixture_id = (SELECT id FROM jackpot.jackpot_fixtures WHERE jackpot_id = :'j' AND match_order = 2);
RESET session_replication_role;
SELECT results_eq(format('SELECT match_order, set_id::text, field FROM jackpot.verify_jackpot(%L)', :'j'),
                  $$VALUES (1, 'C', 'prob_draw'), (2, 'E', 'missing prediction')$$,
                  'verify_jackpot reports a one-ulp change and a missing row, and nothing else');

-- errors: SQLSTATE, and nothing written ----------------------------------------------------
SELECT is((SELECT count(*)::int FROM jackpot.jackpots), 1, 'one jackpot so far');
SELECT is(pg_temp.refusal($$SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08"}, {"home": "Team 3", "away": "Nowhere Rovers", "date": "2024-06-08"}]')$$),
          'P0002 create_jackpot', 'an unknown team: P0002, naming the fixture');
SELECT is(pg_temp.refusal($$SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08", "odds_home": 2.0}]')$$),
          '22023 create_jackpot', 'partial odds: 22023');
SELECT is(pg_temp.refusal($$SELECT jackpot.create_jackpot((SELECT jsonb_agg(e) FROM generate_series(1, 51), jsonb_array_elements((SELECT fixtures FROM coupon)) AS e))$$),
          '22023 create_jackpot', 'more than 50 fixtures: 22023');
INSERT INTO jackpot.leagues (code, name, country) VALUES ('T2', 'Unfitted League', 'Nowhere');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT l.id, n, lower(n) FROM jackpot.leagues l, unnest(ARRAY['Lonely', 'Solitary']) AS n WHERE l.code = 'T2';
-- teams that never played are no evidence: unresolved, and with 'fallback' a prior
SELECT is(pg_temp.refusal($$SELECT jackpot.create_jackpot('[{"home": "Lonely", "away": "Solitary", "date": "2024-06-08"}]')$$),
          'P0002 create_jackpot', 'teams that never played are not resolved: P0002');
SELECT is((SELECT count(*)::int FROM jackpot.jackpots) + (SELECT count(*)::int FROM jackpot.jackpot_fixtures), 1 + 2,
          'failed creations wrote nothing');
SELECT jackpot.create_jackpot(('[{"home": "Lonely", "away": "Solitary", "date": "2024-06-08", "home_team_id": '
                               || (SELECT id FROM jackpot.teams WHERE name = 'Lonely') || ', "away_team_id": '
                               || (SELECT id FROM jackpot.teams WHERE name = 'Solitary') || '}]')::jsonb) AS lonely \gset
SELECT is((SELECT f.basis || ' ' || (f.model_id IS NULL) FROM jackpot.jackpot_fixtures AS f WHERE f.jackpot_id = :'lonely'),
          'prior true', 'a league without an active model: by id, the fixture rests on a prior');
SELECT is(pg_temp.refusal(format('SELECT jackpot.finalize_jackpot(jackpot.create_jackpot(fixtures)) FROM coupon')),
          '55000 finalize_jackpot', 'finalizing before predicting: 55000');
SELECT is(pg_temp.refusal($$SELECT * FROM jackpot.predict_jackpot('00000000-0000-0000-0000-000000000000')$$),
          'P0002 no jackpot 00000000-0000-0000-0000-000000000000', 'an unknown jackpot: P0002');
SELECT is(pg_temp.refusal(format('SELECT * FROM jackpot.optimize_ticket(%L, %L, 0)', :'j', 'A')),
          '22023 optimize_ticket', 'max_lines below 1: 22023');
SELECT is(pg_temp.refusal(format('SELECT jackpot.record_result(%L, 1, -1, 0)', :'j')),
          '22023 record_result', 'negative goals: 22023');
SELECT is(pg_temp.refusal($$SELECT jackpot.blend(ARRAY[0.5, 0.3, 0.2], ARRAY[0.4, 0.3, 0.3], 0.1)$$),
          '22023 blend alpha 0.1 gives the market the weight 0.9, above jackpot.max_market_weight 0.7; use alpha >= 1 - jackpot.max_market_weight',
          'the market-weight cap is an error, never a clamp');

SELECT * FROM finish();
ROLLBACK;
