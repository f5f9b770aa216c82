-- Ingestion speed, in the database, on the real files (skipped without ../shared). The baseline
-- is PostgreSQL's own built-ins splitting the same bytes into lines and fields: no validation,
-- no odds, no writes. Targets: one season file ≤ 20 ms; the whole collection ≤ 10 s. Each run
-- is rolled back, so every run is a first ingestion.
\if :{?shared_data}
CREATE FUNCTION bench.split_with_builtins(data bytea) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(cardinality(string_to_array(line, ',')))
    FROM regexp_split_to_table(convert_from(data, 'LATIN1'), E'\r?\n') AS line
$$;
CALL bench.compare(
  'ingest one season (E0 2023-24, 380 matches)',
  $q$SELECT count(*) FROM bench.files f, jackpot.ingest_football_data(f.data) WHERE f.name = '2324/E0.csv'$q$,
  $q$SELECT bench.split_with_builtins(data) FROM bench.files WHERE name = '2324/E0.csv'$q$,
  'the same file split into fields by regexp_split_to_table and string_to_array',
  '<= 20 ms', 9, true);
-- (CALL takes no subquery among its arguments: the count is fetched first)
SELECT count(*) AS files FROM bench.files \gset collection_
CALL bench.compare(
  'ingest the whole collection (' || :collection_files || ' files)',
  $q$SELECT count(*) FROM bench.files f, jackpot.ingest_football_data(f.data)$q$,
  $q$SELECT sum(bench.split_with_builtins(data)) FROM bench.files$q$,
  'the same files split into fields by regexp_split_to_table and string_to_array',
  '<= 10000 ms', 3, true);
\else
\echo bench: ../shared/football-data not found, ingestion benchmarks skipped
\endif
