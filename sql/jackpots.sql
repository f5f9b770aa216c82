-- Jackpots end to end on a small league built here: margin removal, blending, the seven sets,
-- predict_fixture's markets, create -> predict -> finalize -> results -> summary -> ticket ->
-- verify. (The real SportPesa coupons run in test/shared-data.)
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
-- messages name row ids: start the identities afresh (this transaction's tables are empty)
SELECT setval(pg_get_serial_sequence('jackpot.' || t, 'id'), 1, false) > 0 AS restarted
  FROM unnest(ARRAY['jackpot_fixtures', 'predictions']) AS t;

-- margin removal: the issue's reference table, and sums to 1 on lopsided odds
SELECT m AS method, ARRAY(SELECT round(p::numeric, 8) FROM unnest(jackpot.remove_margin(ARRAY[2.7, 2.3, 4.4], m)) AS p) AS probs
  FROM unnest(ARRAY['multiplicative', 'additive', 'power', 'shin', 'odds_ratio', 'balanced_book']) AS m;
SELECT m AS method, abs((SELECT sum(p) FROM unnest(jackpot.remove_margin(ARRAY[1.04, 17, 41], m)) AS p) - 1) < 1e-12 AS sums_to_one
  FROM unnest(ARRAY['power', 'shin', 'odds_ratio']) AS m;
SELECT jackpot.remove_margin(ARRAY[2.7, 2.3, 4.4]) = jackpot.remove_margin(ARRAY[2.7, 2.3, 4.4], 'shin') AS default_is_shin;
SET jackpot.margin_method = 'power';
SELECT jackpot.remove_margin(ARRAY[2.7, 2.3, 4.4]) = jackpot.remove_margin(ARRAY[2.7, 2.3, 4.4], 'power') AS follows_setting;
RESET jackpot.margin_method;
SELECT jackpot.remove_margin(ARRAY[1.1, 6, 30], 'additive');
SELECT jackpot.remove_margin(ARRAY[1.0, 3, 4]);
SELECT jackpot.remove_margin(ARRAY[2.0, NULL, 4]);
SELECT jackpot.remove_margin(ARRAY[2.0, 'NaN', 4]);
SELECT jackpot.remove_margin(ARRAY[2.0]);
SELECT jackpot.remove_margin(ARRAY[2.0, 2.0], 'basic');

-- blending: the linear pool, and the market-weight cap as an error
SELECT jackpot.blend(ARRAY[0.5, 0.3, 0.2], ARRAY[0.4, 0.3, 0.3]) AS default_alpha,
       jackpot.blend(ARRAY[0.5, 0.5], ARRAY[0.3, 0.7], 0.5) AS two_way;
SELECT jackpot.blend(ARRAY[0.5, 0.3, 0.2], ARRAY[0.4, 0.3, 0.3], 0.2);
SELECT jackpot.blend(ARRAY[0.5, 0.3, 0.2], ARRAY[0.4, 0.3], 0.6);
SELECT jackpot.blend(ARRAY[0.5, 0.3, 0.3], ARRAY[0.4, 0.3, 0.3], 0.6);

-- a league: six teams, four double round-robins, closing odds on every match
\set league_odds true
\i test/fixtures/six_team_league.sql
SELECT version AS v FROM jackpot.dixon_coles_fit('T1', '2024-06-01', 0.0065) \gset
-- the league statistics the sets use, stored with the model; avg_draw_rate kept current
SELECT s ->> 'matches' AS matches, round((s ->> 'home_rate')::numeric, 6) AS home_rate,
       round((s ->> 'draw_rate')::numeric, 6) AS draw_rate, round((s ->> 'mean_model_draw')::numeric, 6) AS model_draw,
       round((s ->> 'mean_market_draw')::numeric, 6) AS market_draw,
       (SELECT avg_draw_rate FROM jackpot.leagues WHERE code = 'T1') = (s ->> 'draw_rate')::float8 AS league_kept_current
  FROM jackpot.models, LATERAL (SELECT parameters -> 'league_statistics') AS x(s) WHERE version = :'v';

-- predict_fixture: every set, with the decomposition and the goal markets
SELECT set_id, round(prob_home::numeric, 6) AS home, round(prob_draw::numeric, 6) AS draw,
       round(prob_away::numeric, 6) AS away, round(blend_alpha::numeric, 6) AS alpha,
       abs(prob_home + prob_draw + prob_away - 1) < 1e-9 AS sums_to_one
  FROM unnest(enum_range(NULL::jackpot.prediction_set)) AS set_id,
       LATERAL jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', 2.1, 3.4, 3.5, set_id);
SELECT round(market_prob_home::numeric, 6) AS market_home, round(prob_over::numeric, 6) AS over_2_5,
       round((prob_over + prob_under)::numeric, 12) AS over_plus_under,
       round(prob_both_teams_score::numeric, 6) AS btts,
       round((prob_home_or_draw - model_prob_home - model_prob_draw)::numeric, 12) AS double_chance_check,
       correct_scores, round(correct_score_probs[1]::numeric, 6) AS top_score_prob
  FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', 2.1, 3.4, 3.5);
SELECT round(prob_over::numeric, 6) AS over_1_5 FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', goal_line => 1.5);
SELECT market_prob_home IS NULL AS no_market, prob_home = model_prob_home AS b_is_a_without_odds
  FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', set_id => 'B');
SELECT * FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', 2.1, NULL, 3.5);
SELECT * FROM jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', 2.1, 0.5, 3.5);

-- the jackpot workflow
SELECT jackpot.create_jackpot('[
  {"home": "Team 1", "away": "Team 2", "date": "2024-06-08T15:00:00Z", "odds_home": 2.1, "odds_draw": 3.4, "odds_away": 3.5},
  {"home": "team 3 fc", "away": "Team 4", "date": "2024-06-08"},
  {"home": "Team 5", "away": "Team 6", "date": "2024-06-09", "odds_home": 1.5, "odds_draw": 4.4, "odds_away": 6.5}
]', user_id => 'alice') AS j \gset
SELECT j.user_id, l.code AS league, j.model_version = :'v' AS locked_model, j.status,
       j.settings = jackpot.settings() AS locked_settings
  FROM jackpot.jackpots j JOIN jackpot.leagues l ON l.id = j.league_id WHERE j.id = :'j';
SELECT f.match_order, f.match_date, f.home_team, h.name AS resolved_home, a.name AS resolved_away,
       f.model_id = m.id AS fixture_model_locked
  FROM jackpot.jackpot_fixtures f JOIN jackpot.teams h ON h.id = f.home_team_id
  JOIN jackpot.teams a ON a.id = f.away_team_id JOIN jackpot.models m ON m.version = :'v'
 WHERE f.jackpot_id = :'j' ORDER BY f.match_order;
SELECT count(*) AS written, count(DISTINCT set_id) AS sets FROM jackpot.predict_jackpot(:'j');
SELECT count(*) AS again_unchanged FROM jackpot.predict_jackpot(:'j');
SELECT count(*) AS stored, bool_and(abs(prob_home + prob_draw + prob_away - 1) < 1e-9) AS sums_to_one,
       bool_and(prob_home > 0 AND prob_home < 1 AND prob_draw > 0 AND prob_draw < 1 AND prob_away > 0 AND prob_away < 1) AS open_unit,
       count(*) FILTER (WHERE market_prob_home IS NULL) AS without_market
  FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id WHERE f.jackpot_id = :'j';
-- the stored row equals predict_fixture's for the same inputs
SELECT p.prob_home = x.prob_home AND p.prob_draw = x.prob_draw AND p.market_prob_away = x.market_prob_away AS same_as_predict_fixture
  FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id,
       jackpot.predict_fixture(:'v', 'Team 1', 'Team 2', 2.1, 3.4, 3.5, 'G') AS x
 WHERE f.jackpot_id = :'j' AND f.match_order = 1 AND p.set_id = 'G';
SELECT match_order, league, home_team, away_team, pick, round(pick_probability::numeric, 6) AS probability
  FROM jackpot.jackpot_picks(:'j', 'G');
SELECT fixtures, picks, round(p_all_correct::numeric, 8) AS p_all, round(expected_correct::numeric, 6) AS expected,
       array_lower(number_correct_distribution, 1) AS from_k,
       round((SELECT sum(x) FROM unnest(number_correct_distribution) AS x)::numeric, 12) AS total,
       p_at_least[3] = p_all_correct AS top_tier_is_all, round(p_at_least[2]::numeric, 6) AS at_least_2,
       results_recorded, actual_correct
  FROM jackpot.jackpot_summary(:'j', 'G');
SELECT match_order, selection, round(selection_probability::numeric, 6) AS probability, lines,
       round(p_win::numeric, 6) AS p_win
  FROM jackpot.optimize_ticket(:'j', 'B', 4);
SELECT count(*) AS differences FROM jackpot.verify_jackpot(:'j');
SELECT status FROM jackpot.finalize_jackpot(:'j');
SELECT status FROM jackpot.finalize_jackpot(:'j');
UPDATE jackpot.predictions SET prob_home = 0.5 WHERE fixture_id IN (SELECT id FROM jackpot.jackpot_fixtures WHERE jackpot_id = :'j');
SELECT match_order, result_status, actual_result FROM jackpot.record_result(:'j', 1, 2, 1);
SELECT match_order, result_status, actual_result FROM jackpot.record_void(:'j', 2, 'D');
SELECT match_order, result_status, actual_result FROM jackpot.record_result(:'j', 3, 0, 1);
SELECT * FROM jackpot.record_result(:'j', 1, 0, 0);
SELECT results_recorded, void_fixtures, actual_correct FROM jackpot.jackpot_summary(:'j', 'G');
SELECT count(*) AS differences_after_finalize FROM jackpot.verify_jackpot(:'j');

-- bad input: a clear error naming the fixture, nothing written
SELECT count(*) AS jackpots_before FROM jackpot.jackpots;
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Nobody United", "date": "2024-06-08"}]');
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08"}, {"home": "Team 3", "away": "Team 4", "date": "2024-06-08", "odds_home": 2}]');
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08", "kickoff": "15:00"}]');
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 1", "date": "2024-06-08"}]');
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "someday"}]');
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08", "odds_home": 1.0, "odds_draw": 3, "odds_away": 4}]');
SELECT jackpot.create_jackpot('[]');
SELECT jackpot.create_jackpot('{"home": "Team 1"}');
SELECT jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08"}]', league_code => 'XX');
SELECT count(*) AS jackpots_after FROM jackpot.jackpots;
-- (these two messages name a random jackpot id: their SQLSTATEs are shown instead)
\set VERBOSITY sqlstate
SELECT jackpot.finalize_jackpot(jackpot.create_jackpot('[{"home": "Team 1", "away": "Team 2", "date": "2024-06-08"}]'));
SELECT * FROM jackpot.record_result(:'j', 9, 1, 0);
\set VERBOSITY terse
SELECT * FROM jackpot.jackpot_summary('00000000-0000-0000-0000-000000000000', 'A');
SELECT * FROM jackpot.optimize_ticket(:'j', 'A', 0);
\set VERBOSITY terse
ROLLBACK;
