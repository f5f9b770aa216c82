-- Immutability: the rules that make the engine auditable, enforced by the database itself.
-- Each refusal raises one of the engine's SQLSTATEs (class JP, listed in docs/immutability.md)
-- with a message that starts with the rule's name. Trigger functions run with a fixed
-- search_path and schema-qualify every table, so a caller's search_path cannot redirect them.
-- They are ordinary (not ENABLE ALWAYS) triggers: a superuser restoring a dump may load data
-- with session_replication_role = replica, which no other role can set.

CREATE FUNCTION jackpot.changed_columns(old_row jsonb, new_row jsonb, columns text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT u.c FROM pg_catalog.unnest(columns) WITH ORDINALITY AS u(c, n)
             WHERE (old_row OPERATOR(pg_catalog.->) u.c) IS DISTINCT FROM (new_row OPERATOR(pg_catalog.->) u.c)
             ORDER BY u.n);
COMMENT ON FUNCTION jackpot.changed_columns(jsonb, jsonb, text[]) IS
  'Which of the named columns differ between two row images (to_jsonb(OLD), to_jsonb(NEW)); used by the immutability triggers.';

CREATE FUNCTION jackpot.rewritten_columns(old_row jsonb, new_row jsonb, columns text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT u.c FROM pg_catalog.unnest(columns) WITH ORDINALITY AS u(c, n)
             WHERE (old_row OPERATOR(pg_catalog.->) u.c) OPERATOR(pg_catalog.<>) 'null'::jsonb
               AND (old_row OPERATOR(pg_catalog.->) u.c) IS DISTINCT FROM (new_row OPERATOR(pg_catalog.->) u.c)
             ORDER BY u.n);
COMMENT ON FUNCTION jackpot.rewritten_columns(jsonb, jsonb, text[]) IS
  'Which of the named write-once columns already held a value and would change; used by the immutability triggers.';

-- models -------------------------------------------------------------------------------------
-- In C++ (src/pg/model_rules_trigger.cpp): every fit meets this trigger when it archives the
-- league's previous model, and a column whose bytes did not change is recognised as unchanged
-- without fetching or decompressing it.
CREATE FUNCTION jackpot.enforce_model_rules()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'jackpot_enforce_model_rules';
COMMENT ON FUNCTION jackpot.enforce_model_rules() IS
  'Trigger: a model''s training record never changes, status moves only active -> archived|failed, metrics are write-once, and models are never deleted.';
CREATE TRIGGER enforce_model_rules BEFORE UPDATE OR DELETE ON jackpot.models
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_model_rules();
COMMENT ON TRIGGER enforce_model_rules ON jackpot.models IS
  'Rules models.frozen_columns (JP001), models.status_transition (JP002), models.metrics_write_once (JP003), models.no_delete (JP004).';

-- jackpots -----------------------------------------------------------------------------------
CREATE FUNCTION jackpot.enforce_jackpot_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  frozen text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'finalized' THEN
      RAISE EXCEPTION 'jackpots.finalized_no_delete: jackpot % is finalized and cannot be deleted', OLD.id
        USING ERRCODE = 'JP005';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'finalized' AND NEW.finalized_at IS NULL THEN
      NEW.finalized_at := now();
    END IF;
    RETURN NEW;
  END IF;
  frozen := jackpot.changed_columns(to_jsonb(OLD), to_jsonb(NEW),
    ARRAY['id', 'user_id', 'league_id', 'model_version', 'settings', 'created_at']);
  IF cardinality(frozen) > 0 THEN
    RAISE EXCEPTION 'jackpots.frozen_columns: column % of jackpot % never changes', frozen[1], OLD.id
      USING ERRCODE = 'JP001', HINT = 'Create a new jackpot instead.';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    IF NOT (OLD.status = 'calculating' AND NEW.status = 'finalized') THEN
      RAISE EXCEPTION 'jackpots.status_transition: jackpot % cannot move from % to %', OLD.id, OLD.status, NEW.status
        USING ERRCODE = 'JP002', HINT = 'A jackpot moves only from calculating to finalized.';
    END IF;
    IF NEW.finalized_at IS NULL THEN
      NEW.finalized_at := now();
    END IF;
  ELSIF OLD.status = 'finalized' AND NEW.finalized_at IS DISTINCT FROM OLD.finalized_at THEN
    RAISE EXCEPTION 'jackpots.frozen_columns: column finalized_at of jackpot % never changes', OLD.id
      USING ERRCODE = 'JP001';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_jackpot_rules() IS
  'Trigger: user_id, league_id, model_version and settings never change, status moves only calculating -> finalized (stamping finalized_at), and a finalized jackpot cannot be deleted.';
CREATE TRIGGER enforce_jackpot_rules BEFORE INSERT OR UPDATE OR DELETE ON jackpot.jackpots
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_jackpot_rules();
COMMENT ON TRIGGER enforce_jackpot_rules ON jackpot.jackpots IS
  'Rules jackpots.frozen_columns (JP001), jackpots.status_transition (JP002), jackpots.finalized_no_delete (JP005).';

-- jackpot_fixtures ---------------------------------------------------------------------------
CREATE FUNCTION jackpot.jackpot_status(jackpot_id uuid)
RETURNS text
LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
  SELECT j.status FROM jackpot.jackpots AS j WHERE j.id OPERATOR(pg_catalog.=) jackpot_status.jackpot_id;
END;
COMMENT ON FUNCTION jackpot.jackpot_status(uuid) IS
  'Status of a jackpot, or NULL when it does not exist (or is being deleted in this statement); used by the immutability triggers.';

-- A fixture leaves only with its calculating jackpot (status NULL: the jackpot's own deletion
-- cascades here, which enforce_jackpot_rules has already allowed).
CREATE FUNCTION jackpot.check_fixture_removal(fixture jackpot.jackpot_fixtures, jackpot_status text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF jackpot_status = 'finalized' THEN
    RAISE EXCEPTION 'jackpot_fixtures.finalized_locked: jackpot % is finalized; its fixtures cannot be removed', fixture.jackpot_id
      USING ERRCODE = 'JP005';
  END IF;
  IF jackpot_status IS NOT NULL
     AND EXISTS (SELECT 1 FROM jackpot.predictions AS p WHERE p.fixture_id = fixture.id) THEN
    RAISE EXCEPTION 'predictions.delete_with_jackpot: fixture % has locked predictions and can only be deleted with its jackpot', fixture.id
      USING ERRCODE = 'JP006', HINT = 'Delete the whole jackpot while it is still calculating.';
  END IF;
END
$$;
COMMENT ON FUNCTION jackpot.check_fixture_removal(jackpot.jackpot_fixtures, text) IS
  'Trigger helper: refuses to delete a fixture of a finalized jackpot (JP005), or one with predictions except with its jackpot (JP006).';

-- A finalized jackpot's fixture: its inputs never change, its actual result is written once.
CREATE FUNCTION jackpot.check_finalized_fixture_change(old_row jackpot.jackpot_fixtures, new_row jackpot.jackpot_fixtures)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  frozen text[] := jackpot.changed_columns(to_jsonb(old_row), to_jsonb(new_row),
    ARRAY['id', 'jackpot_id', 'match_order', 'match_date', 'home_team', 'away_team', 'odds_home',
          'odds_draw', 'odds_away', 'home_team_id', 'away_team_id', 'league_id', 'model_id', 'calibrated',
          'basis', 'basis_inputs', 'resolution', 'created_at']);
  rewritten text[] := jackpot.rewritten_columns(to_jsonb(old_row), to_jsonb(new_row),
    ARRAY['result_status', 'actual_result', 'actual_home_goals', 'actual_away_goals']);
BEGIN
  IF cardinality(frozen) > 0 THEN
    RAISE EXCEPTION 'jackpot_fixtures.frozen_inputs: column % of fixture % is frozen because jackpot % is finalized', frozen[1], old_row.id, old_row.jackpot_id
      USING ERRCODE = 'JP001', HINT = 'Only result_status, actual_result, actual_home_goals and actual_away_goals may be recorded, once.';
  END IF;
  IF cardinality(rewritten) > 0 THEN
    RAISE EXCEPTION 'jackpot_fixtures.result_write_once: % of fixture % is already recorded', rewritten[1], old_row.id
      USING ERRCODE = 'JP003', HINT = 'The actual result of a finalized jackpot''s fixture is recorded once.';
  END IF;
END
$$;
COMMENT ON FUNCTION jackpot.check_finalized_fixture_change(jackpot.jackpot_fixtures, jackpot.jackpot_fixtures) IS
  'Trigger helper: the inputs of a finalized jackpot''s fixture never change (JP001) and its actual result is written once (JP003).';

CREATE FUNCTION jackpot.enforce_fixture_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM jackpot.check_fixture_removal(OLD, jackpot.jackpot_status(OLD.jackpot_id));
    RETURN OLD;
  END IF;
  IF jackpot.jackpot_status(OLD.jackpot_id) = 'finalized' THEN
    PERFORM jackpot.check_finalized_fixture_change(OLD, NEW);
  ELSIF jackpot.jackpot_status(NEW.jackpot_id) = 'finalized' THEN
    RAISE EXCEPTION 'jackpot_fixtures.finalized_locked: jackpot % is finalized; no fixture can be moved into it', NEW.jackpot_id
      USING ERRCODE = 'JP005';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_fixture_rules() IS
  'Trigger: the fixtures of a finalized jackpot are frozen (no insert, delete or input change) and their actual result is write-once; a fixture with predictions is deleted only with its jackpot.';
CREATE TRIGGER enforce_fixture_rules BEFORE UPDATE OR DELETE ON jackpot.jackpot_fixtures
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_fixture_rules();

-- Inserts are checked once per statement (create_jackpot writes a coupon's fixtures in one).
CREATE FUNCTION jackpot.enforce_fixture_insert_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  locked_jackpot uuid;
BEGIN
  SELECT a.jackpot_id INTO locked_jackpot
    FROM added_fixtures AS a JOIN jackpot.jackpots AS j ON j.id = a.jackpot_id
   WHERE j.status = 'finalized' LIMIT 1;
  IF locked_jackpot IS NOT NULL THEN
    RAISE EXCEPTION 'jackpot_fixtures.finalized_locked: jackpot % is finalized; no fixture can be added', locked_jackpot
      USING ERRCODE = 'JP005';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_fixture_insert_rules() IS
  'Statement trigger: no fixture can be added to a finalized jackpot.';
CREATE TRIGGER enforce_fixture_insert_rules AFTER INSERT ON jackpot.jackpot_fixtures
  REFERENCING NEW TABLE AS added_fixtures
  FOR EACH STATEMENT EXECUTE FUNCTION jackpot.enforce_fixture_insert_rules();
COMMENT ON TRIGGER enforce_fixture_insert_rules ON jackpot.jackpot_fixtures IS
  'Rule jackpot_fixtures.finalized_locked (JP005) for inserts, checked once per statement.';
COMMENT ON TRIGGER enforce_fixture_rules ON jackpot.jackpot_fixtures IS
  'Rules jackpot_fixtures.frozen_inputs (JP001), jackpot_fixtures.result_write_once (JP003), jackpot_fixtures.finalized_locked (JP005), predictions.delete_with_jackpot (JP006).';

-- predictions --------------------------------------------------------------------------------
CREATE FUNCTION jackpot.enforce_prediction_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'predictions.no_update: prediction % is locked and never updated', OLD.id
      USING ERRCODE = 'JP004', HINT = 'Create a new jackpot to predict again.';
  END IF;
  -- DELETE: its fixture still being visible means this is not the cascade of a jackpot's
  -- deletion (enforce_fixture_rules allows a fixture with predictions to go only in that cascade).
  IF EXISTS (SELECT 1 FROM jackpot.jackpot_fixtures AS f WHERE f.id = OLD.fixture_id) THEN
    RAISE EXCEPTION 'predictions.delete_with_jackpot: prediction % can only be deleted together with its jackpot', OLD.id
      USING ERRCODE = 'JP006', HINT = 'Delete the whole jackpot while it is still calculating.';
  END IF;
  RETURN OLD;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_prediction_rules() IS
  'Trigger: predictions are never updated and are deleted only with their calculating jackpot.';

-- Inserts are checked once per statement (predict_jackpot writes 7 x N rows in one), against
-- the statement's new rows, instead of one lookup per row.
CREATE FUNCTION jackpot.enforce_prediction_insert_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  locked_fixture bigint;
BEGIN
  SELECT min(a.fixture_id) INTO locked_fixture
    FROM added_predictions AS a
    JOIN jackpot.jackpot_fixtures AS f ON f.id = a.fixture_id
    JOIN jackpot.jackpots AS j ON j.id = f.jackpot_id
   WHERE j.status = 'finalized';
  IF locked_fixture IS NOT NULL THEN
    RAISE EXCEPTION 'predictions.finalized_locked: fixture % belongs to a finalized jackpot; no prediction can be added', locked_fixture
      USING ERRCODE = 'JP005';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_prediction_insert_rules() IS
  'Statement trigger: no prediction can be added to a finalized jackpot.';
CREATE TRIGGER enforce_prediction_insert_rules AFTER INSERT ON jackpot.predictions
  REFERENCING NEW TABLE AS added_predictions
  FOR EACH STATEMENT EXECUTE FUNCTION jackpot.enforce_prediction_insert_rules();
COMMENT ON TRIGGER enforce_prediction_insert_rules ON jackpot.predictions IS
  'Rule predictions.finalized_locked (JP005), checked once per statement.';
CREATE TRIGGER enforce_prediction_rules BEFORE UPDATE OR DELETE ON jackpot.predictions
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_prediction_rules();
COMMENT ON TRIGGER enforce_prediction_rules ON jackpot.predictions IS
  'Rules predictions.no_update (JP004), predictions.delete_with_jackpot (JP006).';

-- append-only tables and completed training runs ---------------------------------------------
CREATE FUNCTION jackpot.refuse_append_only_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION '%.append_only: rows of jackpot.% are never updated or deleted', TG_TABLE_NAME, TG_TABLE_NAME
    USING ERRCODE = 'JP004', HINT = 'Insert a new row instead.';
END
$$;
COMMENT ON FUNCTION jackpot.refuse_append_only_change() IS
  'Trigger: refuses every UPDATE and DELETE on an append-only table.';

CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.calibration_data
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.calibration_data IS 'Rule calibration_data.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.validation_results
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.validation_results IS 'Rule validation_results.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.team_features
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.team_features IS 'Rule team_features.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.ingestion_logs
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.ingestion_logs IS 'Rule ingestion_logs.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.backtests
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.backtests IS 'Rule backtests.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.backtest_fits
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.backtest_fits IS 'Rule backtest_fits.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.backtest_predictions
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.backtest_predictions IS 'Rule backtest_predictions.append_only (JP004).';
CREATE TRIGGER refuse_append_only_change BEFORE UPDATE OR DELETE ON jackpot.tunings
  FOR EACH ROW EXECUTE FUNCTION jackpot.refuse_append_only_change();
COMMENT ON TRIGGER refuse_append_only_change ON jackpot.tunings IS 'Rule tunings.append_only (JP004).';

CREATE FUNCTION jackpot.enforce_training_run_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF OLD.completed_at IS NOT NULL THEN
    RAISE EXCEPTION 'training_runs.completed_immutable: training run % is completed and never changes', OLD.id
      USING ERRCODE = 'JP004';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_training_run_rules() IS
  'Trigger: a training run may be updated or deleted only until completed_at is set.';
CREATE TRIGGER enforce_training_run_rules BEFORE UPDATE OR DELETE ON jackpot.training_runs
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_training_run_rules();
COMMENT ON TRIGGER enforce_training_run_rules ON jackpot.training_runs IS 'Rule training_runs.completed_immutable (JP004).';

-- TRUNCATE bypasses row triggers, so it is refused outright where rows are immutable ----------
CREATE FUNCTION jackpot.refuse_truncate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION '%.no_truncate: jackpot.% holds immutable rows and cannot be truncated', TG_TABLE_NAME, TG_TABLE_NAME
    USING ERRCODE = 'JP007';
END
$$;
COMMENT ON FUNCTION jackpot.refuse_truncate() IS
  'Trigger: refuses TRUNCATE, which would bypass the row-level immutability rules.';

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['models', 'training_runs', 'jackpots', 'jackpot_fixtures', 'predictions',
                           'validation_results', 'calibration_data', 'team_features', 'ingestion_logs',
                           'backtests', 'backtest_fits', 'backtest_predictions', 'tunings']
  LOOP
    EXECUTE pg_catalog.format('CREATE TRIGGER refuse_truncate BEFORE TRUNCATE ON jackpot.%I '
                              'FOR EACH STATEMENT EXECUTE FUNCTION jackpot.refuse_truncate()', t);
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER refuse_truncate ON jackpot.%I IS %L', t,
                              'Rule ' || t || '.no_truncate (JP007).');
  END LOOP;
END
$$;
