-- Rolling-origin backtests, calibration on their out-of-sample predictions, and validation
-- (docs/backtests.md, docs/formulas/isotonic.md, docs/formulas/scoring.md).

CREATE FUNCTION jackpot.backtest(league_code text, from_date date, to_date date,
                                 refit_every interval DEFAULT '7 days', xi double precision DEFAULT NULL)
RETURNS jackpot.backtests
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_backtest';
COMMENT ON FUNCTION jackpot.backtest(text, date, date, interval, double precision) IS
  'Rolling-origin backtest of a league from from_date to to_date: every refit_every it refits Dixon-Coles on the matches before the step only (weights exp(-xi * days), xi NULL: jackpot.time_decay_xi) and predicts the step''s matches under every set A-G with their closing odds as the market; writes the run, its fits and the out-of-sample predictions (append-only) and returns the run. Progress as NOTICEs.';
