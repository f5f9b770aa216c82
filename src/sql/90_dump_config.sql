-- pg_dump: the tables below hold user data, not extension-defined content, so pg_dump must dump
-- their rows along with CREATE EXTENSION, and the positions of their identity sequences (or a
-- restored database would hand out ids that already exist). Restoring rows of finalized
-- jackpots needs the immutability triggers off: see docs/immutability.md.

DO $$
DECLARE
  t text;
  identity_sequence text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leagues', 'teams', 'team_aliases', 'matches', 'team_features', 'models',
                           'training_runs', 'jackpots', 'jackpot_fixtures', 'predictions',
                           'validation_results', 'calibration_data', 'ingestion_logs', 'backtests',
                           'backtest_fits', 'backtest_predictions', 'tunings']
  LOOP
    PERFORM pg_catalog.pg_extension_config_dump(pg_catalog.format('jackpot.%I', t)::regclass, '');
    identity_sequence := pg_catalog.pg_get_serial_sequence(pg_catalog.format('jackpot.%I', t), 'id');
    IF identity_sequence IS NOT NULL THEN
      PERFORM pg_catalog.pg_extension_config_dump(identity_sequence::regclass, '');
    END IF;
  END LOOP;
END
$$;
-- The prize rules an operator adds are user data; the shipped examples are the extension's own.
SELECT pg_catalog.pg_extension_config_dump('jackpot.prize_rules', 'WHERE NOT is_example');
