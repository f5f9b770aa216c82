-- The real files of ../shared/football-data, read once into bench.files for the cases that need
-- them (ingestion, Dixon-Coles, jackpots). Without ../shared, shared_data stays unset and those
-- cases skip themselves.
\getenv shared_data JACKPOT_SHARED_DATA
\if :{?shared_data}
CREATE TABLE bench.files AS
  SELECT f AS name, pg_read_binary_file(:'shared_data' || '/' || f) AS data
    FROM (SELECT d || '/' || f AS f FROM pg_ls_dir(:'shared_data') AS d,
                 LATERAL pg_ls_dir(:'shared_data' || '/' || d) AS f
           WHERE d ~ '^([0-9]{4}|new_leagues)$' AND f LIKE '%.csv') AS files;
\endif
