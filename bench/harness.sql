-- The benchmark harness: bench.compare() times a query and its baseline in the same session,
-- alternating them (A B A B ...) after a warm-up, and reports both medians and their ratio, so
-- the figure holds when the machine's speed drifts. Never a bare time.
\set QUIET 1
CREATE SCHEMA bench;

CREATE TABLE bench.results (
  benchmark   text PRIMARY KEY,
  ours_ms     double precision NOT NULL,
  baseline_ms double precision NOT NULL,
  ratio       double precision NOT NULL,
  baseline    text NOT NULL,
  target      text
);

CREATE FUNCTION bench.compare(benchmark text, query text, baseline_query text, baseline text,
                              target text DEFAULT NULL, runs integer DEFAULT 9)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz;
  ours double precision[] := '{}';
  theirs double precision[] := '{}';
BEGIN
  EXECUTE query;
  EXECUTE baseline_query;
  FOR i IN 1 .. runs LOOP
    started := clock_timestamp();
    EXECUTE query;
    ours := ours || extract(epoch FROM clock_timestamp() - started) * 1000;
    started := clock_timestamp();
    EXECUTE baseline_query;
    theirs := theirs || extract(epoch FROM clock_timestamp() - started) * 1000;
  END LOOP;
  INSERT INTO bench.results
    SELECT benchmark, o, b, o / b, baseline, target
      FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS o FROM unnest(ours) AS x) AS a,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS b FROM unnest(theirs) AS x) AS c;
END
$$;
