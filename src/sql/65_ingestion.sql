-- Ingestion of football-data.co.uk files (docs/ingestion.md).

CREATE FUNCTION jackpot.ingest_football_data(
  data bytea,
  league_code text DEFAULT NULL,
  season text DEFAULT NULL,
  snapshot_date date DEFAULT CURRENT_DATE,
  source text DEFAULT 'football-data.co.uk')
RETURNS SETOF jackpot.ingestion_logs
LANGUAGE c VOLATILE
ROWS 1
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_ingest_football_data';
COMMENT ON FUNCTION jackpot.ingest_football_data(bytea, text, text, date, text) IS
  'Ingests one football-data.co.uk CSV file (main-league or multi-season extra-league layout): upserts leagues, teams and matches with closing odds and market probabilities, and returns one ingestion_logs row per (league, season). A bad file is rejected whole (SQLSTATE 22P04, naming line and column).';
