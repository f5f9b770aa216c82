-- Model registry: fitted model versions and the runs that trained them.

-- parameters and team_strengths (a few kB of jsonb, written once per fit) use lz4: several times
-- faster to write and read back than pglz, for a slightly larger stored value.
CREATE TABLE jackpot.models (
  id                uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  version           text NOT NULL UNIQUE,
  league_id         integer NOT NULL REFERENCES jackpot.leagues (id),
  model_type        text NOT NULL,
  status            jackpot.model_status NOT NULL DEFAULT 'active',
  trained_at        timestamptz NOT NULL,
  training_matches  integer,
  training_seasons  jsonb,
  parameters        jsonb COMPRESSION lz4 NOT NULL,
  brier_score       double precision,
  log_loss          double precision,
  calibration_error double precision,
  team_strengths    jsonb COMPRESSION lz4,
  created_at        timestamptz DEFAULT pg_catalog.now(),
  updated_at        timestamptz DEFAULT pg_catalog.now(),
  CONSTRAINT check_model_training_matches CHECK (training_matches >= 0),
  CONSTRAINT check_model_type CHECK (model_type IN ('dixon-coles', 'market-implied')),
  CONSTRAINT check_model_metrics CHECK (
    brier_score >= 0 AND brier_score <= 2 AND log_loss >= 0 AND
    calibration_error >= 0 AND calibration_error <= 1),
  CONSTRAINT check_model_parameters CHECK (pg_catalog.jsonb_typeof(parameters) = 'object'),
  CONSTRAINT check_model_training_seasons CHECK (pg_catalog.jsonb_typeof(training_seasons) = 'array')
);
COMMENT ON TABLE jackpot.models IS
  'Immutable model versions: what was trained, on which data, with which parameters. Only status (forward) and the write-once metrics may change.';
COMMENT ON COLUMN jackpot.models.parameters IS
  'Fitted and configured parameters ({rho, xi, home_advantage, ...}), including the settings in force.';
COMMENT ON COLUMN jackpot.models.team_strengths IS '{team_id: {attack, defence, attack_se, defence_se}}: each team''s strengths on the log-rate scale and their standard errors.';
-- At most one active model per league, even when two sessions fit at once (the fit also
-- serialises on the league's advisory lock); it is also the index the fit archives through.
CREATE UNIQUE INDEX uix_models_active_league ON jackpot.models (league_id) WHERE status = 'active';
COMMENT ON INDEX jackpot.uix_models_active_league IS
  'A league has at most one active model: a second active one is refused (23505), even from two sessions at once.';

CREATE TABLE jackpot.training_runs (
  id            uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  model_id      uuid NOT NULL REFERENCES jackpot.models (id),
  run_type      text NOT NULL,
  status        jackpot.model_status NOT NULL DEFAULT 'active',
  started_at    timestamptz DEFAULT pg_catalog.now(),
  completed_at  timestamptz,
  data_start    date NOT NULL,
  data_end      date NOT NULL,
  match_count   integer,
  objective     text NOT NULL,
  metrics       jsonb,
  error_message text,
  logs          jsonb,
  created_at    timestamptz DEFAULT pg_catalog.now(),
  CONSTRAINT check_training_run_range CHECK (data_start <= data_end),
  CONSTRAINT check_training_run_match_count CHECK (match_count >= 0),
  CONSTRAINT check_training_run_completion CHECK (completed_at >= started_at)
);
COMMENT ON TABLE jackpot.training_runs IS
  'One row per training run of a model; immutable once completed_at is set.';
COMMENT ON COLUMN jackpot.training_runs.objective IS 'What the run optimised, e.g. minimize_brier.';
