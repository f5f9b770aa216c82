-- Every league of each coupon: a rolling backtest (each week's fit sees only earlier matches)
-- gives out-of-sample predictions; then the model is fitted as of the coupon's first day (every
-- match up to the day before) and calibrated on the backtest's predictions before that day.
\pset footer off
CREATE TABLE demo.leagues AS
  SELECT DISTINCT c.coupon, min(c.day) OVER (PARTITION BY c.coupon) AS as_of, l.code
    FROM demo.coupon c CROSS JOIN LATERAL jackpot.resolve_fixture(c.home, c.away, c.day) r JOIN jackpot.leagues l ON l.code = r.league;
SET client_min_messages = warning;  -- the backtests' progress notices
CREATE TABLE demo.backtests AS
  SELECT l.code AS league, b.*
    FROM (SELECT DISTINCT code FROM demo.leagues ORDER BY code) l
   CROSS JOIN LATERAL jackpot.backtest(l.code, '2021-08-01', (SELECT max(as_of) - 1 FROM demo.leagues), '7 days') b;
SELECT b.league, b.steps AS weekly_fits, b.predicted_matches AS predicted,
       round(jackpot.brier_score(ARRAY[p.prob_home, p.prob_draw, p.prob_away], m.result)::numeric, 4) AS brier_model,
       round(jackpot.brier_score(ARRAY[m.prob_home_market, m.prob_draw_market, m.prob_away_market], m.result)::numeric, 4) AS brier_market
  FROM demo.backtests b JOIN jackpot.backtest_predictions p ON p.backtest_id = b.id AND p.set_id = 'A'
  JOIN jackpot.matches m ON m.id = p.match_id AND m.prob_home_market IS NOT NULL
 GROUP BY b.league, b.steps, b.predicted_matches ORDER BY 1;
CREATE TABLE demo.models (coupon bigint, code text, version text);
DO $$
DECLARE
  l record;
  fitted jackpot.models;
BEGIN
  FOR l IN SELECT * FROM demo.leagues ORDER BY as_of, code LOOP
    fitted := jackpot.dixon_coles_fit(l.code, l.as_of);
    PERFORM jackpot.calibrate_isotonic(fitted.version);
    INSERT INTO demo.models VALUES (l.coupon, l.code, fitted.version);
  END LOOP;
END
$$;
SELECT d.coupon, d.code AS league, (m.parameters ->> 'as_of') AS as_of, m.training_matches AS matches,
       round((m.parameters ->> 'rho')::numeric, 4) AS rho, round((m.parameters ->> 'home_advantage')::numeric, 4) AS home_adv,
       to_char((m.parameters ->> 'gradient_norm')::float8, '9.9EEEE') AS gradient, (m.parameters ->> 'iterations') AS iter,
       (SELECT count(*) FROM jackpot.calibration_data c WHERE c.model_id = m.id) AS calibrated_outcomes
  FROM demo.models d JOIN jackpot.models m ON m.version = d.version ORDER BY d.coupon, d.code;
