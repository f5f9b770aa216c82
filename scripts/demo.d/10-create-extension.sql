-- The engine lives in the schema jackpot of any PostgreSQL 15 database. Every session of this
-- database loads its library at the start (docs/settings.md#loading), so that its jackpot.*
-- parameters exist before anything else is called.
CREATE EXTENSION jackpot;
SELECT format('ALTER DATABASE %I SET session_preload_libraries = %L', current_database(), 'jackpot') \gexec
SELECT extname AS extension, extversion AS version, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname = 'jackpot';
