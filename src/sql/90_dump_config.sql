-- pg_dump: the tables below hold user data, not extension-defined content, so pg_dump must dump
-- their rows (and the identity sequences' positions) along with CREATE EXTENSION.

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leagues', 'teams', 'team_aliases', 'matches', 'team_features', 'models',
                           'training_runs', 'jackpots', 'jackpot_fixtures', 'predictions',
                           'validation_results', 'calibration_data', 'ingestion_logs']
  LOOP
    PERFORM pg_catalog.pg_extension_config_dump(pg_catalog.format('jackpot.%I', t)::regclass, '');
  END LOOP;
END
$$;
