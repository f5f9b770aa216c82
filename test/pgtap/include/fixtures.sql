-- A small world: one league with four teams, three models (each active, so each in a league of
-- its own: a league has one active model), a calculating jackpot JC and a
-- jackpot JF that the tests finalize, each with two fixtures; fixture 1 of each has predictions.
INSERT INTO jackpot.leagues (id, code, name, country)
  VALUES (901, 'T0', 'Test League', 'Nowhere'), (902, 'T8', 'Second Test League', 'Nowhere'),
         (903, 'T9', 'Third Test League', 'Nowhere');
INSERT INTO jackpot.teams (id, league_id, name, canonical_name)
  VALUES (9001, 901, 'Alpha', 'alpha'), (9002, 901, 'Beta', 'beta'),
         (9003, 901, 'Gamma', 'gamma'), (9004, 901, 'Delta', 'delta');
INSERT INTO jackpot.models (id, version, league_id, model_type, trained_at, training_matches,
                            training_seasons, parameters, team_strengths, created_at)
  VALUES ('00000000-0000-0000-0000-0000000000a1', 'm1', 901, 'dixon-coles', '2024-05-01', 380,
          '["2023-24"]', '{"rho": -0.1}', '{"9001": {"attack": 0.1, "defense": 0.0}}', '2024-05-01'),
         ('00000000-0000-0000-0000-0000000000a2', 'm2', 902, 'dixon-coles', '2024-05-01', 380,
          '["2023-24"]', '{"rho": -0.1}', NULL, '2024-05-01'),
         ('00000000-0000-0000-0000-0000000000a3', 'm3', 903, 'dixon-coles', '2024-05-01', 380,
          '["2023-24"]', '{"rho": -0.1}', NULL, '2024-05-01');
INSERT INTO jackpot.jackpots (id, user_id, league_id, model_version)
  VALUES ('00000000-0000-0000-0000-0000000000c0', 'alice', 901, 'm1'),
         ('00000000-0000-0000-0000-0000000000f0', 'alice', 901, 'm1');
INSERT INTO jackpot.jackpot_fixtures (id, jackpot_id, match_order, match_date, home_team, away_team,
                                      odds_home, odds_draw, odds_away, home_team_id, away_team_id)
  VALUES (9101, '00000000-0000-0000-0000-0000000000c0', 1, '2024-05-04', 'Alpha', 'Beta', 2.1, 3.3, 3.6, 9001, 9002),
         (9102, '00000000-0000-0000-0000-0000000000c0', 2, '2024-05-04', 'Gamma', 'Delta', 2.5, 3.1, 2.9, 9003, 9004),
         (9201, '00000000-0000-0000-0000-0000000000f0', 1, '2024-05-04', 'Alpha', 'Beta', 2.1, 3.3, 3.6, 9001, 9002),
         (9202, '00000000-0000-0000-0000-0000000000f0', 2, '2024-05-04', 'Gamma', 'Delta', 2.5, 3.1, 2.9, 9003, 9004);
INSERT INTO jackpot.predictions (id, fixture_id, model_id, set_id, prob_home, prob_draw, prob_away, lambda_home, lambda_away)
  VALUES (9301, 9101, '00000000-0000-0000-0000-0000000000a1', 'A', 0.45, 0.3, 0.25, 1.5, 1.1),
         (9302, 9201, '00000000-0000-0000-0000-0000000000a1', 'A', 0.45, 0.3, 0.25, 1.5, 1.1);
