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

-- Milliseconds one execution of query takes; with undo, its effects are rolled back afterwards
-- (a subtransaction ended by an exception), so a writing query can be measured again and again.
CREATE FUNCTION bench.time_ms(query text, undo boolean) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz;
  elapsed double precision;
BEGIN
  IF NOT undo THEN
    started := clock_timestamp();
    EXECUTE query;
    RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
  END IF;
  BEGIN
    started := clock_timestamp();
    EXECUTE query;
    elapsed := extract(epoch FROM clock_timestamp() - started) * 1000;
    RAISE EXCEPTION USING ERRCODE = 'JPB01';
  EXCEPTION WHEN SQLSTATE 'JPB01' THEN
    NULL;
  END;
  RETURN elapsed;
END
$$;

CREATE FUNCTION bench.compare(benchmark text, query text, baseline_query text, baseline text,
                              target text DEFAULT NULL, runs integer DEFAULT 9, undo boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ours double precision[] := '{}';
  theirs double precision[] := '{}';
BEGIN
  PERFORM bench.time_ms(query, undo);
  PERFORM bench.time_ms(baseline_query, undo);
  FOR i IN 1 .. runs LOOP
    ours := ours || bench.time_ms(query, undo);
    theirs := theirs || bench.time_ms(baseline_query, undo);
  END LOOP;
  INSERT INTO bench.results
    SELECT benchmark, o, b, o / b, baseline, target
      FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS o FROM unnest(ours) AS x) AS a,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS b FROM unnest(theirs) AS x) AS c;
END
$$;
