-- Every league of each coupon: a rolling backtest of both model types (each week's fit sees only
-- earlier matches) gives out-of-sample predictions; the type that validates best there (lower
-- RPS on the same matches) is fitted as of the coupon's first day (every match up to the day
-- before) and calibrated on its own type's backtest predictions before that day.
\pset footer off
CREATE TABLE demo.leagues AS
  SELECT DISTINCT c.coupon, min(c.day) OVER (PARTITION BY c.coupon) AS as_of, l.code
    FROM demo.coupon c CROSS JOIN LATERAL jackpot.resolve_fixture(c.home, c.away, c.day) r JOIN jackpot.leagues l ON l.code = r.league;
SET client_min_messages = warning;  -- the backtests' progress notices
CREATE TABLE demo.backtests AS
  SELECT l.code AS league, b.*
    FROM (SELECT DISTINCT code FROM demo.leagues ORDER BY code) l
   CROSS JOIN unnest(ARRAY['dixon-coles', 'market-implied']) AS t(model_type)
   CROSS JOIN LATERAL jackpot.backtest(l.code, '2021-08-01', (SELECT max(as_of) - 1 FROM demo.leagues), '7 days', NULL, t.model_type) b;
-- Scored on the matches both types predicted, with closing odds.
CREATE TABLE demo.backtest_scores AS
  SELECT b.league, b.model_type, b.steps AS weekly_fits, count(*) AS scored,
         jackpot.rps(ARRAY[p.prob_home, p.prob_draw, p.prob_away], m.result) AS rps_model,
         jackpot.rps(ARRAY[m.prob_home_market, m.prob_draw_market, m.prob_away_market], m.result) AS rps_market,
         jackpot.brier_score(ARRAY[p.prob_home, p.prob_draw, p.prob_away], m.result) AS brier_model
    FROM demo.backtests b JOIN jackpot.backtest_predictions p ON p.backtest_id = b.id AND p.set_id = 'A'
    JOIN jackpot.matches m ON m.id = p.match_id AND m.prob_home_market IS NOT NULL
   WHERE (SELECT count(*) FROM demo.backtests x JOIN jackpot.backtest_predictions q ON q.backtest_id = x.id AND q.set_id = 'A'
           WHERE x.league = b.league AND q.match_id = p.match_id) = 2
   GROUP BY b.league, b.model_type, b.steps;
SELECT league, model_type, weekly_fits, scored, round(rps_model::numeric, 4) AS rps_model,
       round(rps_market::numeric, 4) AS rps_market, round((rps_model - rps_market)::numeric, 4) AS gap_to_market,
       round(brier_model::numeric, 4) AS brier_model
  FROM demo.backtest_scores ORDER BY league, model_type;
CREATE TABLE demo.best_type AS
  SELECT DISTINCT ON (league) league, model_type FROM demo.backtest_scores ORDER BY league, rps_model, model_type;
CREATE TABLE demo.models (coupon bigint, code text, version text);
DO $$
DECLARE
  l record;
  fitted jackpot.models;
BEGIN
  -- a league the market-implied type could not backtest (no closing odds) keeps Dixon-Coles
  FOR l IN SELECT d.*, coalesce(b.model_type, 'dixon-coles') AS model_type
             FROM demo.leagues d LEFT JOIN demo.best_type b ON b.league = d.code ORDER BY d.as_of, d.code LOOP
    IF l.model_type = 'market-implied' THEN
      fitted := jackpot.market_implied_fit(l.code, l.as_of);
    ELSE
      fitted := jackpot.dixon_coles_fit(l.code, l.as_of);
    END IF;
    PERFORM jackpot.calibrate_isotonic(fitted.version);
    INSERT INTO demo.models VALUES (l.coupon, l.code, fitted.version);
  END LOOP;
END
$$;
SELECT d.coupon, d.code AS league, m.model_type, (m.parameters ->> 'as_of') AS as_of, m.training_matches AS matches,
       round((m.parameters ->> 'rho')::numeric, 4) AS rho, round((m.parameters ->> 'home_advantage')::numeric, 4) AS home_adv,
       to_char((m.parameters ->> 'gradient_norm')::float8, '9.9EEEE') AS gradient, (m.parameters ->> 'iterations') AS iter,
       (SELECT count(*) FROM jackpot.calibration_data c WHERE c.model_id = m.id) AS calibrated_outcomes
  FROM demo.models d JOIN jackpot.models m ON m.version = d.version ORDER BY d.coupon, d.code;
