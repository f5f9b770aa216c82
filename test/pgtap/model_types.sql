-- Both model types end to end: a market-implied fit, backtests, calibration, validation,
-- jackpots and retraining on either type; tuning of the decay and of set B's weight, recorded
-- and append-only; and their refusals.
\ir include/setup.sql
SELECT plan(26);

-- The six-team league with closing odds that differ by pairing: the home side's price falls with
-- its number, the away side's with its own, so the prices rate the teams.
\ir ../fixtures/six_team_league.sql
UPDATE jackpot.matches AS m
   SET closing_odds = jsonb_build_object('home', o.h, 'draw', 3.4, 'away', o.a),
       prob_home_market = q[1], prob_draw_market = q[2], prob_away_market = q[3]
  FROM jackpot.teams AS h, jackpot.teams AS a,
       LATERAL (SELECT 1.4 + 0.35 * split_part(h.name, ' ', 2)::int AS h, 1.9 + 0.45 * split_part(a.name, ' ', 2)::int AS a) AS o,
       LATERAL (SELECT jackpot.remove_margin(ARRAY[o.h, 3.4, o.a]) AS q) AS r
 WHERE h.id = m.home_team_id AND a.id = m.away_team_id;
SELECT (jackpot.dixon_coles_fit('T1', '2024-06-01')).version AS dc \gset
SELECT (jackpot.market_implied_fit('T1', '2024-06-01')).version AS mi \gset

-- the fit -------------------------------------------------------------------------------------
SELECT results_eq(format($$SELECT model_type, status::text, (parameters ->> 'fit_rho')::boolean, (parameters ->> 'rho')::float8,
                                  (parameters ->> 'gradient_norm')::float8 < 1e-12, training_matches
                             FROM jackpot.models WHERE version = %L$$, :'mi'),
                  $$VALUES ('market-implied', 'active', false, -0.1::float8, true, 120)$$,
                  'market_implied_fit records a market-implied model, active, rho fixed at jackpot.market_implied_rho, solved exactly, on every match');
SELECT is((SELECT status::text FROM jackpot.models WHERE version = :'dc'), 'archived', 'it archived the league''s Dixon-Coles model');
SELECT is((jackpot.market_implied_fit('T1', '2024-06-01')).version, :'mi', 'the same data and options return the same model');
SELECT ok((SELECT (t.value ->> 'attack')::float8 > (u.value ->> 'attack')::float8
             FROM jackpot.models AS m, jsonb_each(m.team_strengths) AS t, jsonb_each(m.team_strengths) AS u,
                  jackpot.teams AS a, jackpot.teams AS b
            WHERE m.version = :'mi' AND t.key::int = a.id AND u.key::int = b.id AND a.name = 'Team 1' AND b.name = 'Team 6'),
          'the prices rate Team 1 (shortest home price) above Team 6');
-- a pairing's own 1X2 is recovered closely: the ratings reproduce the prices they were fitted to
SELECT ok((SELECT abs(p.prob_home - (jackpot.remove_margin(ARRAY[1.4 + 0.35 * 2, 3.4, 1.9 + 0.45 * 5]))[1]) < 0.01
             FROM jackpot.predict_fixture(:'mi', 'Team 2', 'Team 5') AS p),
          'predict_fixture with the market-implied model: within 0.01 of the pairing''s own margin-free price');
SELECT is(pg_temp.refusal($$SELECT jackpot.market_implied_fit('T1', '2023-08-01')$$), 'P0002 no matches of league T1 before 2023-08-01 have usable closing odds (0 without)',
          'no usable match before as_of: P0002');
SELECT is(pg_temp.refusal($$SELECT jackpot.market_implied_fit('T1', '2024-06-01', -0.1)$$), '22023 xi must be a finite decay rate >= 0 per day, not -0.100000',
          'a negative decay: 22023');

-- backtests and calibration on both types ------------------------------------------------------
SELECT (jackpot.backtest('T1', '2023-11-01', '2024-05-31', '7 days', NULL, 'market-implied')).id AS bm \gset
SELECT (jackpot.backtest('T1', '2023-11-01', '2024-05-31', '7 days', NULL, 'dixon-coles')).id AS bd \gset
SELECT results_eq(format('SELECT model_type, xi FROM jackpot.backtests WHERE id IN (%s, %s) ORDER BY id', :bm, :bd),
                  $$VALUES ('market-implied', 0.05::float8), ('dixon-coles', 0.0065::float8)$$,
                  'backtest records its model type and the type''s default decay');
SELECT ok((SELECT predicted_matches > 50 FROM jackpot.backtests WHERE id = :bm), 'the market-implied backtest predicts the window''s matches');
SELECT is((SELECT count(DISTINCT (f.parameters ->> 'rho')::float8)::int FROM jackpot.backtest_fits f WHERE f.backtest_id = :bm), 1,
          'every market-implied step keeps rho fixed');
SELECT is((SELECT count(*)::int FROM jackpot.out_of_sample_predictions((SELECT id FROM jackpot.leagues WHERE code = 'T1'), '2024-06-01', 'market-implied')),
          (SELECT count(DISTINCT match_id)::int FROM jackpot.backtest_predictions WHERE backtest_id = :bm),
          'out_of_sample_predictions of a type reads that type''s backtests only');
SET jackpot.min_calibration_samples = 30;
SELECT is((SELECT count(*)::int FROM jackpot.calibrate_isotonic(:'mi')), 3, 'calibrate_isotonic calibrates the market-implied model on its own type''s backtests');
SELECT is((SELECT count(*)::int FROM jackpot.calibrate_isotonic(:'dc')), 3, 'and the Dixon-Coles model on its own');
SELECT is(pg_temp.refusal($$SELECT jackpot.backtest('T1', '2023-11-01', '2024-05-31', '7 days', NULL, 'elo')$$),
          '22023 unknown model type "elo"', 'an unknown model type: 22023');

-- a jackpot on the market-implied model --------------------------------------------------------
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08"},
                                {"home": "Team 3", "away": "Team 4", "date": "2024-06-08"}]'::jsonb) AS j \gset
SELECT is((SELECT count(*)::int FROM jackpot.jackpot_fixtures f JOIN jackpot.models m ON m.id = f.model_id
            WHERE f.jackpot_id = :'j' AND m.version = :'mi' AND f.basis = 'model'), 2,
          'a jackpot''s fixtures lock the league''s active model, market-implied');
SELECT is((SELECT count(*)::int FROM jackpot.predict_jackpot(:'j')), 14, 'and are predicted from it');
SELECT is_empty(format('SELECT * FROM jackpot.verify_jackpot(%L)', :'j'), 'verify_jackpot reproduces every number of a market-implied jackpot');
SELECT jackpot.retrain('T1') AS retrained \gset
SELECT is((SELECT model_type FROM jackpot.models WHERE version = :'retrained'), 'market-implied',
          'retrain refits the active model''s type');
SELECT ok((SELECT count(*) > 0 FROM jackpot.validate_model((jackpot.market_implied_fit('T1', '2024-03-01')).version, '2024-03-01', '2024-05-31')),
          'validate_model scores a market-implied model on the matches after its as_of');

-- tuning ---------------------------------------------------------------------------------------
SELECT jackpot.tune_decay('T1', '2023-11-01', '2024-05-31', 'market-implied', '{0.02,0.05}') AS xi \gset
SELECT results_eq($$SELECT parameter, model_type, jsonb_array_length(candidates), chosen,
                           (SELECT (c ->> 'value')::float8 FROM jsonb_array_elements(t.candidates) AS c ORDER BY (c ->> 'rps')::float8, (c ->> 'value')::float8 LIMIT 1),
                           market ? 'rps', length(data_sha256)
                      FROM jackpot.tunings AS t$$,
                  format($$VALUES ('xi', 'market-implied', 2, %s::float8, %s::float8, true, 64)$$, :'xi', :'xi'),
                  'tune_decay records both candidates'' scores beside the closing line''s and returns the one of lowest RPS');
SELECT jackpot.tune_blend('T1', '2023-11-01', '2024-05-31', 'market-implied', 0.05) AS alpha \gset
SELECT ok(:alpha >= 0.3 - 1e-12 AND :alpha <= 1, 'tune_blend''s alpha lies within the market-weight cap');
SELECT ok((SELECT bool_and((c ->> 'rps')::float8 >= (SELECT (x ->> 'rps')::float8 FROM jsonb_array_elements(t.candidates) AS x
                                                      WHERE (x ->> 'value')::float8 = t.chosen) - 1e-15)
             FROM jackpot.tunings AS t, jsonb_array_elements(t.candidates) AS c WHERE t.parameter = 'blend_alpha'),
          'no alpha of the recorded grid scores a lower RPS than the chosen one (the exact minimiser)');
SELECT is(jackpot.tuned_value('T1', 'xi', 'market-implied'), :'xi'::float8, 'tuned_value reads the latest choice back');
SELECT is(pg_temp.refusal('UPDATE jackpot.tunings SET chosen = 0'), 'JP004 tunings.append_only', 'tuning records are append-only');
SELECT is(pg_temp.refusal($$SELECT jackpot.tune_decay('T1', '2023-11-01', '2024-05-31', 'market-implied', '{0.05,-1}')$$),
          '22023 tune_decay', 'a negative candidate is refused before any backtest');
SELECT is(pg_temp.refusal($$SELECT jackpot.tune_decay('T1', '2023-11-01', 'infinity', 'dixon-coles', '{0.05}')$$),
          '22008 tune_decay', 'an infinite window is refused');

SELECT * FROM finish();
ROLLBACK;
