-- 0.1.2: the same two rules over team_features, written with least() and greatest(). They accept
-- and refuse exactly the same rows (least and greatest skip NULLs as the AND of comparisons
-- did; a NaN rate is refused by greatest(...) <= 1 as by its own comparison), but PostgreSQL
-- prepares a CHECK expression for every INSERT statement, and these are four comparisons instead
-- of eighteen: a fit writes one row per team in such a statement.
ALTER TABLE jackpot.team_features
  DROP CONSTRAINT check_team_feature_goals,
  DROP CONSTRAINT check_team_feature_rates,
  ADD CONSTRAINT check_team_feature_goals CHECK (
    least(goals_scored_5, goals_scored_10, goals_scored_20,
          goals_conceded_5, goals_conceded_10, goals_conceded_20) >= 0),
  ADD CONSTRAINT check_team_feature_rates CHECK (
    least(win_rate_5, win_rate_10, draw_rate_5, draw_rate_10, home_win_rate, away_win_rate) >= 0
    AND greatest(win_rate_5, win_rate_10, draw_rate_5, draw_rate_10, home_win_rate, away_win_rate) <= 1);

-- A fit numbers one team_features row per team: each session now takes the sequence's numbers 32
-- at a time instead of one by one (rows keep unique ids; numbers a session leaves unused are
-- skipped, as after a rollback).
ALTER SEQUENCE jackpot.team_features_id_seq CACHE 32;
