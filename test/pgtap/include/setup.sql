-- Shared preamble of every pgTAP file: quiet psql, one transaction rolled back at the end, and
-- refusal(statement), which runs a statement and names what stopped it.
\set QUIET 1
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = warning;
BEGIN;

-- 'allowed' when the statement succeeds (its effects stay); otherwise its SQLSTATE followed by
-- the rule name that starts a jackpot message, or the violated constraint's name.
CREATE FUNCTION pg_temp.refusal(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  violated text;
BEGIN
  EXECUTE statement;
  RETURN 'allowed';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
  RETURN SQLSTATE || ' ' || coalesce(nullif(violated, ''), split_part(SQLERRM, ':', 1));
END
$$;

-- The HINT of the error a statement raises (NULL if it raises none).
CREATE FUNCTION pg_temp.hint_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  hint text;
BEGIN
  EXECUTE statement;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
  RETURN hint;
END
$$;
