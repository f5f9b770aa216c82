-- The engine lives in the schema jackpot of any PostgreSQL 15 database.
CREATE EXTENSION jackpot;
SELECT extname AS extension, extversion AS version, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname = 'jackpot';
