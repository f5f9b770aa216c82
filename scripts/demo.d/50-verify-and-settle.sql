-- The audit: every stored probability is recomputed from the stored inputs, parameters and
-- formulas and compared bit for bit. Then the real results are recorded (two games of the first
-- coupon were postponed and settled by the jackpot's rule) and the picks are scored.
\pset footer off
SELECT j.coupon, (SELECT count(*) FROM jackpot.predictions p JOIN jackpot.jackpot_fixtures f ON f.id = p.fixture_id
                   WHERE f.jackpot_id = j.id) AS predictions_checked,
       (SELECT count(*) FROM jackpot.verify_jackpot(j.id)) AS differences
  FROM demo.jackpots j ORDER BY 1;
DO $$
DECLARE
  f record;
BEGIN
  FOR f IN SELECT j.id, c.n, c.score FROM demo.coupon c JOIN demo.jackpots j ON j.coupon = c.coupon LOOP
    IF f.score LIKE 'PD:%' THEN  -- postponed: settled as the coupon says
      PERFORM jackpot.record_void(f.id, f.n, CASE split_part(f.score, ':', 2) WHEN '1' THEN 'H' WHEN 'X' THEN 'D' ELSE 'A' END::jackpot.match_result);
    ELSE
      PERFORM jackpot.record_result(f.id, f.n, split_part(f.score, ':', 1)::int, split_part(f.score, ':', 2)::int);
    END IF;
  END LOOP;
END
$$;
\echo
\echo How many of the 17 picks were right, per set (a void fixture counts as its settled result).
SELECT j.coupon, j.first_day AS played, s.set_id AS set, count(*) FILTER (WHERE k.correct) AS right,
       count(*) AS fixtures, round(x.expected_correct::numeric, 2) AS expected_right
  FROM demo.jackpots j CROSS JOIN (VALUES ('A'::jackpot.prediction_set), ('B'), ('G')) AS s(set_id)
  CROSS JOIN LATERAL jackpot.jackpot_picks(j.id, s.set_id) k
  CROSS JOIN LATERAL jackpot.jackpot_summary(j.id, s.set_id) x
 WHERE j.coupon IN (SELECT coupon FROM demo.coupon)
 GROUP BY j.coupon, j.first_day, s.set_id, x.expected_correct ORDER BY 1, 3;
