-- A jackpot, its fixtures and their predictions are visible and changeable only by the
-- jackpot's owner (user_id = jackpot.current_user_id()), for every role including the tables'
-- owner (FORCE). jackpot_admin sees and changes every user's through policies of its own, not by
-- bypassing row-level security. Superusers bypass it, as PostgreSQL's superusers always do.
-- current_user_id() is wrapped in a scalar subquery: evaluated once per query, not per row.
CREATE INDEX idx_jackpots_user ON jackpot.jackpots (user_id);
COMMENT ON INDEX jackpot.idx_jackpots_user IS 'The row-level security policies filter jackpots by user_id.';

ALTER TABLE jackpot.jackpots ENABLE ROW LEVEL SECURITY;
ALTER TABLE jackpot.jackpots FORCE ROW LEVEL SECURITY;
ALTER TABLE jackpot.jackpot_fixtures ENABLE ROW LEVEL SECURITY;
ALTER TABLE jackpot.jackpot_fixtures FORCE ROW LEVEL SECURITY;
ALTER TABLE jackpot.predictions ENABLE ROW LEVEL SECURITY;
ALTER TABLE jackpot.predictions FORCE ROW LEVEL SECURITY;

CREATE POLICY owner_only ON jackpot.jackpots
  USING (user_id OPERATOR(pg_catalog.=) (SELECT jackpot.current_user_id()))
  WITH CHECK (user_id OPERATOR(pg_catalog.=) (SELECT jackpot.current_user_id()));
COMMENT ON POLICY owner_only ON jackpot.jackpots IS
  'A jackpot is read, created, changed and deleted only by its owner: user_id = jackpot.current_user_id().';

-- The fixtures' and predictions' policies read the jackpots through the jackpots' own policy.
CREATE POLICY owner_only ON jackpot.jackpot_fixtures
  USING (jackpot_id IN (SELECT j.id FROM jackpot.jackpots AS j
                         WHERE j.user_id OPERATOR(pg_catalog.=) (SELECT jackpot.current_user_id())))
  WITH CHECK (jackpot_id IN (SELECT j.id FROM jackpot.jackpots AS j
                              WHERE j.user_id OPERATOR(pg_catalog.=) (SELECT jackpot.current_user_id())));
COMMENT ON POLICY owner_only ON jackpot.jackpot_fixtures IS
  'A fixture is read and written only by the owner of its jackpot.';

CREATE POLICY owner_only ON jackpot.predictions
  USING (fixture_id IN (SELECT f.id FROM jackpot.jackpot_fixtures AS f JOIN jackpot.jackpots AS j ON j.id OPERATOR(pg_catalog.=) f.jackpot_id
                         WHERE j.user_id OPERATOR(pg_catalog.=) (SELECT jackpot.current_user_id())))
  WITH CHECK (fixture_id IN (SELECT f.id FROM jackpot.jackpot_fixtures AS f JOIN jackpot.jackpots AS j ON j.id OPERATOR(pg_catalog.=) f.jackpot_id
                              WHERE j.user_id OPERATOR(pg_catalog.=) (SELECT jackpot.current_user_id())));
COMMENT ON POLICY owner_only ON jackpot.predictions IS
  'A prediction is read and written only by the owner of its fixture''s jackpot.';

CREATE POLICY administrators ON jackpot.jackpots TO jackpot_admin USING (true) WITH CHECK (true);
COMMENT ON POLICY administrators ON jackpot.jackpots IS 'jackpot_admin reads and changes every user''s jackpots.';
CREATE POLICY administrators ON jackpot.jackpot_fixtures TO jackpot_admin USING (true) WITH CHECK (true);
COMMENT ON POLICY administrators ON jackpot.jackpot_fixtures IS 'jackpot_admin reads and changes every user''s fixtures.';
CREATE POLICY administrators ON jackpot.predictions TO jackpot_admin USING (true) WITH CHECK (true);
COMMENT ON POLICY administrators ON jackpot.predictions IS 'jackpot_admin reads and changes every user''s predictions.';
