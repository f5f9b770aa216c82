-- Rolling-origin backtests and the out-of-sample predictions they leave (docs/backtests.md).

CREATE FUNCTION jackpot.backtest(league_code text, from_date date, to_date date,
                                 refit_every interval DEFAULT '7 days', xi double precision DEFAULT NULL)
RETURNS jackpot.backtests
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_backtest';
COMMENT ON FUNCTION jackpot.backtest(text, date, date, interval, double precision) IS
  'Rolling-origin backtest of a league from from_date to to_date: every refit_every it refits Dixon-Coles on the matches before the step only (weights exp(-xi * days), xi NULL: jackpot.time_decay_xi) and predicts the step''s matches under every set A-G with their closing odds as the market; writes the run, its fits and the out-of-sample predictions (append-only) and returns the run. Progress as NOTICEs.';

-- The league's out-of-sample set-A backtest predictions of matches before a date, one per match
-- (the latest backtest's when several cover it), with the result.
CREATE FUNCTION jackpot.out_of_sample_predictions(league_id integer, before date)
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
     AND m.match_date < out_of_sample_predictions.before
   ORDER BY p.match_id, p.backtest_id DESC;
END;
COMMENT ON FUNCTION jackpot.out_of_sample_predictions(integer, date) IS
  'A league''s out-of-sample set-A (raw model) backtest predictions of matches before a date, one per match (the latest backtest''s), with the result: what calibrate_isotonic fits on.';
