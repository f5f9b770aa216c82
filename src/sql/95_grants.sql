-- What each role of 03_roles.sql may do. This file runs last, so that ALL FUNCTIONS and ALL
-- TABLES cover every object of the install.
GRANT USAGE ON SCHEMA jackpot TO jackpot_reader;

-- Functions: none for PUBLIC; the readers' by default, the writers' to the role that writes.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA jackpot FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA jackpot TO jackpot_reader;
REVOKE EXECUTE ON FUNCTION
    jackpot.create_jackpot(jsonb, text, text, text), jackpot.predict_jackpot(uuid), jackpot.finalize_jackpot(uuid),
    jackpot.record_result(uuid, integer, integer, integer),
    jackpot.record_void(uuid, integer, jackpot.match_result),
    jackpot.ingest_football_data(bytea, text, text, date, text), jackpot.dixon_coles_fit(text, date, double precision, text[], boolean, text),
    jackpot.add_team_alias(text, integer), jackpot.add_team_alias(text, jackpot.teams),
    jackpot.calibrate_isotonic(text), jackpot.validate_model(text, date, date),
    jackpot.record_validation_metrics(jackpot.models),
    jackpot.backtest(text, date, date, interval, double precision, text),
    jackpot.market_implied_fit(text, date, double precision, text[], text),
    jackpot.tune_decay(text, date, date, text, double precision[], interval),
    jackpot.tune_blend(text, date, date, text, double precision, interval)
  FROM jackpot_reader;
GRANT EXECUTE ON FUNCTION
    jackpot.create_jackpot(jsonb, text, text, text), jackpot.predict_jackpot(uuid), jackpot.finalize_jackpot(uuid),
    jackpot.record_result(uuid, integer, integer, integer),
    jackpot.record_void(uuid, integer, jackpot.match_result)
  TO jackpot_user;
GRANT EXECUTE ON FUNCTION
    jackpot.ingest_football_data(bytea, text, text, date, text), jackpot.dixon_coles_fit(text, date, double precision, text[], boolean, text),
    jackpot.add_team_alias(text, integer), jackpot.add_team_alias(text, jackpot.teams),
    jackpot.calibrate_isotonic(text), jackpot.validate_model(text, date, date),
    jackpot.record_validation_metrics(jackpot.models),
    jackpot.backtest(text, date, date, interval, double precision, text),
    jackpot.market_implied_fit(text, date, double precision, text[], text),
    jackpot.tune_decay(text, date, date, text, double precision[], interval),
    jackpot.tune_blend(text, date, date, text, double precision, interval)
  TO jackpot_analyst;
-- Retraining is the analysts'; its schedules (pg_cron jobs) are the administrators'.
REVOKE EXECUTE ON FUNCTION jackpot.retrain(text, boolean, boolean), jackpot.require_pg_cron(text),
    jackpot.schedule_retraining(text, text, boolean, boolean), jackpot.unschedule_retraining(text) FROM jackpot_reader;
GRANT EXECUTE ON FUNCTION jackpot.retrain(text, boolean, boolean) TO jackpot_analyst;
GRANT EXECUTE ON FUNCTION jackpot.schedule_retraining(text, text, boolean, boolean),
    jackpot.unschedule_retraining(text), jackpot.require_pg_cron(text) TO jackpot_admin;

-- Tables: read by every role (row-level security limits the jackpot tables to their owners);
-- written only through the roles that own the work. No role gets TRUNCATE, REFERENCES or
-- TRIGGER, and none owns a table: only the extension's owner could disable a trigger.
GRANT SELECT ON ALL TABLES IN SCHEMA jackpot TO jackpot_reader;
GRANT INSERT, UPDATE, DELETE ON jackpot.jackpots, jackpot.jackpot_fixtures, jackpot.predictions TO jackpot_user;
GRANT USAGE ON SEQUENCE jackpot.jackpot_fixtures_id_seq, jackpot.predictions_id_seq TO jackpot_user;
GRANT INSERT, UPDATE ON jackpot.leagues, jackpot.teams, jackpot.team_aliases, jackpot.matches, jackpot.models,
    jackpot.training_runs, jackpot.team_features, jackpot.calibration_data, jackpot.validation_results,
    jackpot.backtests, jackpot.backtest_fits, jackpot.backtest_predictions, jackpot.ingestion_logs, jackpot.tunings
  TO jackpot_analyst;
GRANT DELETE ON jackpot.team_aliases TO jackpot_analyst;
-- The prize rules are the operator's.
GRANT INSERT, UPDATE, DELETE ON jackpot.prize_rules TO jackpot_operator;
-- Adding a team or an alias raises the team directory's version (66_team_resolution.sql).
GRANT UPDATE ON jackpot.team_directory_version TO jackpot_analyst;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA jackpot TO jackpot_analyst;

-- Against search_path attacks nothing changes: every plpgsql function runs with
-- search_path = pg_catalog, pg_temp, every SQL function has a standard body (RETURN or BEGIN
-- ATOMIC) that is bound to its objects and operators when created, and the C functions' own
-- statements name every object with its schema (test/pgtap/security.sql checks all three).
