-- Settings: the spec's parameters are jackpot.* configuration parameters (defined when the
-- library loads; see docs/settings.md). This function reports them all for audit records.

CREATE FUNCTION jackpot.settings()
RETURNS jsonb
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_settings';
COMMENT ON FUNCTION jackpot.settings() IS
  'Every jackpot.* setting in force for this session, as one jsonb object, for the audit record stored with each model.';

-- SQL reads a setting through this C function, never current_setting('jackpot.…') directly:
-- calling it loads the library, which defines the parameters, so the read works in a session
-- that has called nothing else of the extension yet.
CREATE FUNCTION jackpot.setting(name text)
RETURNS text
LANGUAGE c STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_setting';
COMMENT ON FUNCTION jackpot.setting(text) IS
  'The value of the setting jackpot.<name> in force, as current_setting() shows it; works in a fresh session (it loads the library that defines the settings). An unknown name: 22023.';
