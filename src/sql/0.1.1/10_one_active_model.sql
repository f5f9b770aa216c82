-- 0.1.1: at most one active model per league, even when two sessions fit at once (the fit also
-- serialises on the league's advisory lock); it is also the index the fit archives through.
CREATE UNIQUE INDEX uix_models_active_league ON jackpot.models (league_id) WHERE status = 'active';
COMMENT ON INDEX jackpot.uix_models_active_league IS
  'A league has at most one active model: a second active one is refused (23505), even from two sessions at once.';
