-- Four roles, each including the one before (docs/security.md):
--   jackpot_reader   reads leagues, teams, matches, models and every analysis; its own jackpots
--   jackpot_user     creates, predicts, finalises and settles its own jackpots
--   jackpot_analyst  ingests, fits, calibrates, validates and backtests
--   jackpot_admin    every user's jackpots (by policy, not by bypassing row-level security),
--                    and retraining schedules
-- and beside them jackpot_operator (includes jackpot_reader): maintains the prize rules; granted
-- to jackpot_admin.
-- Roles belong to the cluster: they are created when missing (another database may have made
-- them) and survive DROP EXTENSION. None can log in; grant them to login roles.
DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['jackpot_reader', 'jackpot_user', 'jackpot_analyst', 'jackpot_admin', 'jackpot_operator'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) name) THEN
      EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', name);
    END IF;
  END LOOP;
END
$$;
GRANT jackpot_reader TO jackpot_user;
GRANT jackpot_user TO jackpot_analyst;
GRANT jackpot_analyst TO jackpot_admin;
GRANT jackpot_reader TO jackpot_operator;
GRANT jackpot_operator TO jackpot_admin;
