-- The database itself keeps the audit trail: a finalized jackpot cannot be deleted.
\set VERBOSITY terse
BEGIN;
INSERT INTO jackpot.leagues (code, name, country) VALUES ('E0', 'Premier League', 'England');
INSERT INTO jackpot.jackpots (user_id, league_id, model_version, status)
  SELECT 'demo', id, 'E0-demo', 'finalized' FROM jackpot.leagues WHERE code = 'E0';
SELECT status, finalized_at IS NOT NULL AS locked FROM jackpot.jackpots;
\set ON_ERROR_STOP 0
DELETE FROM jackpot.jackpots;
\set ON_ERROR_STOP 1
ROLLBACK;
