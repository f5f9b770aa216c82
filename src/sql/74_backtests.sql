-- Rolling-origin backtests and the out-of-sample predictions they leave (docs/backtests.md).

CREATE FUNCTION jackpot.backtest(league_code text, from_date date, to_date date,
                                 refit_every interval DEFAULT '7 days', xi double precision DEFAULT NULL,
                                 model_type text DEFAULT 'dixon-coles')
RETURNS jackpot.backtests
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_backtest';
COMMENT ON FUNCTION jackpot.backtest(text, date, date, interval, double precision, text) IS
  'Rolling-origin backtest of a league from from_date to to_date: every refit_every it refits a model of model_type (''dixon-coles'' or ''market-implied'') on the matches before the step only (weights exp(-xi * days); xi NULL: jackpot.time_decay_xi, or jackpot.market_implied_xi for market-implied) and predicts the step''s matches under every set A-G with their closing odds as the market; writes the run, its fits and the out-of-sample predictions (append-only) and returns the run. Progress as NOTICEs.';

-- The league's out-of-sample set-A backtest predictions of matches before a date by backtests of
-- one model type, one per match (the latest backtest's when several cover it), with the result.
CREATE FUNCTION jackpot.out_of_sample_predictions(league_id integer, before date, model_type text DEFAULT 'dixon-coles')
RETURNS TABLE (match_id bigint, match_date date, prob_home double precision, prob_draw double precision,
               prob_away double precision, result jackpot.match_result)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT DISTINCT ON (p.match_id) p.match_id, m.match_date, p.prob_home, p.prob_draw, p.prob_away, m.result
    FROM jackpot.backtest_predictions AS p
    JOIN jackpot.backtests AS b ON b.id = p.backtest_id
    JOIN jackpot.matches AS m ON m.id = p.match_id
   WHERE b.league_id = out_of_sample_predictions.league_id AND p.set_id = 'A'
     AND b.model_type = out_of_sample_predictions.model_type
     AND m.match_date < out_of_sample_predictions.before
   ORDER BY p.match_id, p.backtest_id DESC;
END;
COMMENT ON FUNCTION jackpot.out_of_sample_predictions(integer, date, text) IS
  'A league''s out-of-sample set-A (raw model) predictions of matches before a date by backtests of one model type, one per match (the latest backtest''s), with the result: what calibrate_isotonic fits a model of that type on.';
