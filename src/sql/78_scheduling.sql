-- Retraining on a schedule, with pg_cron instead of a task farm. The job calls
-- jackpot.retrain(), which does what a scheduled run should and can also be called by hand.
CREATE FUNCTION jackpot.retrain(league_code text, recalibrate boolean DEFAULT false, validate boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  previous jackpot.models;
  fitted jackpot.models;
  previous_as_of date;
BEGIN
  IF league_code IS NULL OR recalibrate IS NULL OR validate IS NULL THEN
    RAISE EXCEPTION 'retrain: league_code, recalibrate and validate must not be NULL' USING ERRCODE = '22004';
  END IF;
  SELECT m.* INTO previous FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id = m.league_id
   WHERE l.code = retrain.league_code AND m.status = 'active';
  -- A league keeps the model type its analyst chose: the active model's.
  IF previous.model_type = 'market-implied' THEN
    fitted := jackpot.market_implied_fit(league_code, current_date);
  ELSE
    fitted := jackpot.dixon_coles_fit(league_code, current_date);
  END IF;
  IF recalibrate THEN
    PERFORM jackpot.calibrate_isotonic(fitted.version);
  END IF;
  -- The model being replaced is scored on the matches it predicted: those since its as_of.
  previous_as_of := (previous.parameters ->> 'as_of')::date;
  IF validate AND previous.version IS NOT NULL AND previous.version <> fitted.version
     AND EXISTS (SELECT FROM jackpot.matches AS x
                  WHERE x.league_id = previous.league_id AND x.match_date >= previous_as_of
                    AND x.match_date < current_date) THEN
    PERFORM jackpot.validate_model(previous.version, previous_as_of, current_date - 1);
  END IF;
  RETURN fitted.version;
END
$$;
COMMENT ON FUNCTION jackpot.retrain(text, boolean, boolean) IS
  'Refits the league''s model as of today, of the active model''s type (Dixon-Coles when there is none; the new model becomes active); with recalibrate, calibrates it (calibrate_isotonic); with validate, scores the model it replaces on the matches since that model''s as_of (validate_model), when there are any. Returns the new model''s version.';

-- What both scheduling functions check first: pg_cron in this database, or how to get it.
CREATE FUNCTION jackpot.require_pg_cron(caller text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
    RAISE EXCEPTION '%: pg_cron is not installed in this database', caller
      USING ERRCODE = '55000',
            HINT = 'Install postgresql-15-cron, set shared_preload_libraries = ''pg_cron'' and cron.database_name = '''
                   || current_database() || ''' in postgresql.conf, restart the server, then CREATE EXTENSION pg_cron.';
  END IF;
END
$$;
COMMENT ON FUNCTION jackpot.require_pg_cron(text) IS
  'Raises 55000 (the message starting with caller, the hint saying how to enable pg_cron) unless pg_cron is installed in this database.';

CREATE FUNCTION jackpot.schedule_retraining(league_code text, cron text DEFAULT '0 4 * * *',
                                            recalibrate boolean DEFAULT false, validate boolean DEFAULT false)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  job bigint;
BEGIN
  IF league_code IS NULL OR cron IS NULL OR recalibrate IS NULL OR validate IS NULL THEN
    RAISE EXCEPTION 'schedule_retraining: no argument may be NULL' USING ERRCODE = '22004';
  END IF;
  PERFORM jackpot.require_pg_cron('schedule_retraining');
  IF NOT EXISTS (SELECT FROM jackpot.leagues AS l WHERE l.code = schedule_retraining.league_code) THEN
    RAISE EXCEPTION 'schedule_retraining: unknown league "%"', league_code
      USING ERRCODE = '22023', HINT = 'Ingest it first with jackpot.ingest_football_data().';
  END IF;
  -- One job per league, named after it: scheduling again replaces the schedule and options.
  EXECUTE 'SELECT cron.schedule($1, $2, $3)'
     INTO job
    USING 'jackpot-retrain-' || league_code, cron,
          format('SELECT jackpot.retrain(%L, %L, %L)', league_code, recalibrate, validate);
  RETURN job;
END
$$;
COMMENT ON FUNCTION jackpot.schedule_retraining(text, text, boolean, boolean) IS
  'Schedules (or reschedules) the pg_cron job jackpot-retrain-<league> that runs jackpot.retrain(league, recalibrate, validate) on the cron schedule (default daily at 04:00); returns the job id. Without pg_cron: 55000 with how to enable it.';

CREATE FUNCTION jackpot.unschedule_retraining(league_code text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  job bigint;
BEGIN
  IF league_code IS NULL THEN
    RAISE EXCEPTION 'unschedule_retraining: league_code must not be NULL' USING ERRCODE = '22004';
  END IF;
  PERFORM jackpot.require_pg_cron('unschedule_retraining');
  EXECUTE 'SELECT jobid FROM cron.job WHERE jobname = $1' INTO job USING 'jackpot-retrain-' || league_code;
  IF job IS NULL THEN
    RETURN false;
  END IF;
  EXECUTE 'SELECT cron.unschedule($1)' USING job;
  RETURN true;
END
$$;
COMMENT ON FUNCTION jackpot.unschedule_retraining(text) IS
  'Removes the league''s retraining job; true if there was one, false if none was scheduled. Without pg_cron: 55000.';
