-- Settings: the spec's parameters are jackpot.* configuration parameters (defined when the
-- library loads; see docs/settings.md). This function reports them all for audit records.

CREATE FUNCTION jackpot.settings()
RETURNS jsonb
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_settings';
COMMENT ON FUNCTION jackpot.settings() IS
  'Every jackpot.* setting in force for this session, as one jsonb object, for the audit record stored with each model.';
