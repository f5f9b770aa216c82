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

-- Milliseconds one execution of query takes.
CREATE FUNCTION bench.time_ms(query text) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  EXECUTE query;
  RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END
$$;

-- A procedure, so that with undo each execution of a writing query runs in a transaction of its
-- own and is rolled back (ROLLBACK) before the next: every run starts from the same tables, as a
-- real call in its own transaction would. Repeating a writing query inside one transaction (a
-- subtransaction per run) would instead leave every earlier run's row versions in place, where no
-- page can be pruned until that transaction ends, and time an ever-growing table.
CREATE PROCEDURE bench.compare(benchmark text, query text, baseline_query text, baseline text,
                               target text DEFAULT NULL, runs integer DEFAULT 9, undo boolean DEFAULT false)
LANGUAGE plpgsql AS $$
DECLARE
  ours double precision[] := '{}';
  theirs double precision[] := '{}';
  elapsed double precision;
BEGIN
  FOR run IN 0 .. runs LOOP  -- run 0 warms up
    elapsed := bench.time_ms(query);
    IF undo THEN ROLLBACK; END IF;
    IF run > 0 THEN ours := ours || elapsed; END IF;
    elapsed := bench.time_ms(baseline_query);
    IF undo THEN ROLLBACK; END IF;
    IF run > 0 THEN theirs := theirs || elapsed; END IF;
  END LOOP;
  INSERT INTO bench.results
    SELECT benchmark, o, b, o / b, baseline, target
      FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS o FROM unnest(ours) AS x) AS a,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS b FROM unnest(theirs) AS x) AS c;
END
$$;
