-- jackpot install script, assembled from src/sql/*.sql in name order by the Makefile.
-- Every object is schema-qualified (the pg_cron habit), so the script does not depend on the
-- search_path it runs under.

\echo Use "CREATE EXTENSION jackpot" to load this file. \quit

CREATE TYPE jackpot.model_status AS ENUM ('active', 'archived', 'failed');
COMMENT ON TYPE jackpot.model_status IS
  'Lifecycle of a model version: active, then archived or failed; never back (spec ModelStatus).';

CREATE TYPE jackpot.prediction_set AS ENUM ('A', 'B', 'C', 'D', 'E', 'F', 'G');
COMMENT ON TYPE jackpot.prediction_set IS
  'The seven documented probability sets: A pure model, B market-aware, C conservative, D draw-boosted, E entropy-penalised, F Kelly-weighted, G ensemble (spec PredictionSet).';

CREATE TYPE jackpot.match_result AS ENUM ('H', 'D', 'A');
COMMENT ON TYPE jackpot.match_result IS
  'Full-time result: H home win, D draw, A away win (spec MatchResult).';

CREATE FUNCTION jackpot.result_from_goals(home_goals integer, away_goals integer)
RETURNS jackpot.match_result
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE pg_catalog.sign(home_goals OPERATOR(pg_catalog.-) away_goals)
         WHEN 1 THEN 'H'::jackpot.match_result
         WHEN 0 THEN 'D'::jackpot.match_result
         ELSE 'A'::jackpot.match_result
       END;
COMMENT ON FUNCTION jackpot.result_from_goals(integer, integer) IS
  'The result (H, D or A) that a full-time score implies; used by the result-consistency checks.';

CREATE FUNCTION jackpot.closing_odds_are_valid(odds jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN odds OPERATOR(pg_catalog.=) '{}'::jsonb
    OR (pg_catalog.jsonb_typeof(odds) OPERATOR(pg_catalog.=) 'object'
        AND CASE WHEN pg_catalog.jsonb_typeof(odds -> 'home') OPERATOR(pg_catalog.=) 'number'
                  AND pg_catalog.jsonb_typeof(odds -> 'draw') OPERATOR(pg_catalog.=) 'number'
                  AND pg_catalog.jsonb_typeof(odds -> 'away') OPERATOR(pg_catalog.=) 'number'
                 THEN (odds ->> 'home')::numeric OPERATOR(pg_catalog.>) 1
                  AND (odds ->> 'draw')::numeric OPERATOR(pg_catalog.>) 1
                  AND (odds ->> 'away')::numeric OPERATOR(pg_catalog.>) 1
                 ELSE false
            END);
COMMENT ON FUNCTION jackpot.closing_odds_are_valid(jsonb) IS
  'True for the two forms matches.closing_odds may take: {} (no usable odds) or {home, draw, away[, source]} with every decimal odd > 1.';
