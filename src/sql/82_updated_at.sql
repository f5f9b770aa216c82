-- updated_at: stamped unless the statement sets it itself (the WHEN condition is evaluated in C,
-- so bulk updates that set updated_at, such as a fit's ratings, pay no trigger call) ----------
CREATE FUNCTION jackpot.touch_updated_at()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION jackpot.touch_updated_at() IS 'Trigger: keeps updated_at at the time of the last change.';
CREATE TRIGGER touch_updated_at BEFORE UPDATE ON jackpot.leagues
  FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at)
  EXECUTE FUNCTION jackpot.touch_updated_at();
COMMENT ON TRIGGER touch_updated_at ON jackpot.leagues IS 'Keeps updated_at current.';
CREATE TRIGGER touch_updated_at BEFORE UPDATE ON jackpot.teams
  FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at)
  EXECUTE FUNCTION jackpot.touch_updated_at();
COMMENT ON TRIGGER touch_updated_at ON jackpot.teams IS 'Keeps updated_at current.';
CREATE TRIGGER touch_updated_at BEFORE UPDATE ON jackpot.models
  FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at)
  EXECUTE FUNCTION jackpot.touch_updated_at();
COMMENT ON TRIGGER touch_updated_at ON jackpot.models IS 'Keeps updated_at current.';
