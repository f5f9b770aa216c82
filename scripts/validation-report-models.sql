-- Body of scripts/validation-report, second part: both model types, tuned out of sample, on
-- every league of the shared data with closing odds in at least three seasons. Writes
-- :out/models.md (appended to docs/validation.md by the script).
\set ON_ERROR_STOP 1
\set QUIET 1
SET client_min_messages = warning;
\pset format unaligned
\pset tuples_only on

-- The leagues: closing odds in at least three seasons, and held-out matches to report on.
CREATE TEMP TABLE model_leagues AS
  SELECT l.code, l.id, l.code IN ('E0', 'SP1', 'D1', 'I1', 'F1') AS five
    FROM jackpot.leagues AS l JOIN jackpot.matches AS m ON m.league_id = l.id
   WHERE m.prob_home_market IS NOT NULL
   GROUP BY l.id, l.code
  HAVING count(DISTINCT m.season) >= 3 AND count(*) FILTER (WHERE m.match_date >= date '2024-07-01') > 0;

-- Tuning on 2016-07-01 .. 2024-06-30 only (decay per type, then set B's weight at that decay);
-- the held-out backtests from 2024-07-01 use what was chosen, with set B's alpha in force.
CREATE TEMP TABLE tuned (code text, model_type text, xi float8, alpha float8, tuning_seconds float8,
                         held_out_backtest bigint);
DO $$
DECLARE
  league record;
  kind text;
  chosen_xi float8;
  chosen_alpha float8;
  started timestamptz;
  run jackpot.backtests;
BEGIN
  FOR league IN SELECT code FROM model_leagues ORDER BY code LOOP
    FOREACH kind IN ARRAY ARRAY['dixon-coles', 'market-implied'] LOOP
      started := clock_timestamp();
      chosen_xi := jackpot.tune_decay(league.code, '2016-07-01', '2024-06-30', kind,
                                      CASE kind WHEN 'dixon-coles' THEN '{0.0012,0.0019,0.003,0.0065}'::float8[]
                                                ELSE '{0.01,0.015,0.03,0.05}'::float8[] END);
      chosen_alpha := jackpot.tune_blend(league.code, '2016-07-01', '2024-06-30', kind, chosen_xi);
      PERFORM set_config('jackpot.default_blend_alpha', chosen_alpha::text, false);
      run := jackpot.backtest(league.code, '2024-07-01', '2026-06-30', '7 days', chosen_xi, kind);
      INSERT INTO tuned VALUES (league.code, kind, chosen_xi, chosen_alpha,
                                extract(epoch FROM clock_timestamp() - started), run.id);
    END LOOP;
  END LOOP;
  PERFORM set_config('jackpot.default_blend_alpha', NULL, false);
END
$$;
RESET jackpot.default_blend_alpha;

-- Per held-out match with closing odds: each forecast's RPS and the closing line's.
CREATE TEMP TABLE held_out AS
  SELECT t.code, ml.five, f.forecast, p.match_id,
         0.5 * ((f.h - (m.result = 'H')::int) ^ 2 + (f.h + f.d - (m.result <> 'A')::int) ^ 2) AS rps,
         0.5 * ((p.market_prob_home - (m.result = 'H')::int) ^ 2
                + (p.market_prob_home + p.market_prob_draw - (m.result <> 'A')::int) ^ 2) AS market_rps
    FROM tuned AS t JOIN model_leagues AS ml USING (code)
    JOIN jackpot.backtest_predictions AS p ON p.backtest_id = t.held_out_backtest
    JOIN jackpot.matches AS m ON m.id = p.match_id
   CROSS JOIN LATERAL (VALUES (CASE t.model_type WHEN 'dixon-coles' THEN 'DC' ELSE 'MI' END || ' ' || p.set_id::text,
                               p.prob_home, p.prob_draw)) AS f(forecast, h, d)
   WHERE p.market_prob_home IS NOT NULL;
-- Scored on the matches every forecast of the league predicted.
DELETE FROM held_out AS x USING (SELECT code, match_id FROM held_out GROUP BY code, match_id
                                  HAVING count(DISTINCT forecast) < 14) AS partial
 WHERE x.code = partial.code AND x.match_id = partial.match_id;

CREATE TEMP TABLE gaps AS
  SELECT coalesce(h.code, CASE WHEN h.five THEN 'five leagues' ELSE 'other leagues' END) AS code,
         h.forecast, count(*) AS n, avg(h.market_rps) AS market_rps, avg(h.rps - h.market_rps) AS gap,
         stddev_samp(h.rps - h.market_rps) / sqrt(count(*)) AS se
    FROM held_out AS h
   GROUP BY GROUPING SETS ((h.code, h.five, h.forecast), (h.five, h.forecast))
  UNION ALL
  SELECT 'all leagues', h.forecast, count(*), avg(h.market_rps), avg(h.rps - h.market_rps),
         stddev_samp(h.rps - h.market_rps) / sqrt(count(*))
    FROM held_out AS h GROUP BY h.forecast;

-- The tuning window's pooled RPS per type (five leagues): which model type is "best" is chosen
-- there, never on the held-out seasons.
CREATE TEMP TABLE tuning_scores AS
  SELECT t.model_type, sum((c ->> 'rps')::float8 * r.matches) / sum(r.matches) AS rps, sum(r.matches) AS n
    FROM tuned AS t JOIN model_leagues AS ml USING (code)
    JOIN jackpot.tunings AS r ON r.league_id = ml.id AND r.model_type = t.model_type AND r.parameter = 'xi'
   CROSS JOIN LATERAL jsonb_array_elements(r.candidates) AS c
   WHERE ml.five AND (c ->> 'value')::float8 = t.xi
   GROUP BY t.model_type;
SELECT CASE WHEN model_type = 'dixon-coles' THEN 'DC' ELSE 'MI' END AS best_type FROM tuning_scores ORDER BY rps LIMIT 1 \gset

CREATE FUNCTION pg_temp.cell(league text, which text) RETURNS text LANGUAGE sql STABLE
  RETURN (SELECT to_char(g.gap, 'FM0.0000') || ' ± ' || to_char(g.se, 'FM0.0000') FROM gaps AS g
           WHERE g.code = league AND g.forecast = which);

\o :out/models.md
SELECT E'\n## Model types, tuned: where each set stands against the closing line\n\n'
    || E'Both model types ([model-types.md](model-types.md)): **DC**, Dixon–Coles on goals, and **MI**, market-implied\n'
    || E'ratings fitted to past closing prices ([formulas/market-implied-ratings.md](formulas/market-implied-ratings.md)).\n'
    || format(E'Every league of the shared data with closing odds in at least three seasons and held-out matches\n(%s leagues), ', (SELECT count(*) FROM model_leagues))
    || E'each tuned on **2016-07-01 .. 2024-06-30 only** ([tuning.md](tuning.md)): the decay ξ by `jackpot.tune_decay`\n'
    || E'(DC candidates 0.0012, 0.0019, 0.003, 0.0065; MI 0.01, 0.015, 0.03, 0.05 per day), then set B''s weight α at that ξ by\n'
    || E'`jackpot.tune_blend` (exact RPS minimiser, α ≥ 0.3). The **held-out** backtests (weekly refits, 2024-07-01 on)\n'
    || E'use the chosen ξ and α. Figures are RPS minus the closing line''s RPS on the same matches (lower is better; 0 is\n'
    || E'the closing line), with the standard error of that mean difference (matches treated as independent); every\n'
    || E'forecast of a league is scored on the matches every one predicted. Set A is the model alone, without the match''s\n'
    || format(E'odds; set B blends them in. The best model type is chosen on the tuning window (pooled RPS of the five\nleagues): **%s**.\n', :'best_type');

SELECT E'\n### Targets (held-out seasons from 2024-25, five leagues pooled)\n\n| target | figure | standard error | matches | met |\n|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s |', t.name, to_char(g.gap, 'FM0.0000'), to_char(g.se, 'FM0.0000'), g.n,
              CASE WHEN g.gap <= t.bound THEN 'yes' ELSE '**no**' END)
  FROM (VALUES (1, 'best model-only forecast (set A of ' || :'best_type' || ') ≤ 0.0030', :'best_type' || ' A', 0.0030),
               (2, 'set B (' || :'best_type' || ', tuned α) ≤ 0.0010', :'best_type' || ' B', 0.0010),
               (3, 'goals-based Dixon–Coles, tuned decay (DC A) ≤ 0.0065', 'DC A', 0.0065)) AS t(k, name, forecast, bound)
  JOIN gaps AS g ON g.code = 'five leagues' AND g.forecast = t.forecast
 ORDER BY t.k;

SELECT E'\n### Per league, held out (2024-07-01 on)\n\n'
    || E'RPS − closing line (± standard error). ξ and α as tuned on the tuning window.\n\n'
    || E'| league | matches | closing line RPS | DC A | DC B | MI A | MI B | DC ξ | DC α | MI ξ | MI α |\n|---|---|---|---|---|---|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', c.code, a.n, to_char(a.market_rps, 'FM0.0000'),
              pg_temp.cell(c.code, 'DC A'), pg_temp.cell(c.code, 'DC B'), pg_temp.cell(c.code, 'MI A'), pg_temp.cell(c.code, 'MI B'),
              coalesce((SELECT to_char(t.xi, 'FM0.0000') FROM tuned AS t WHERE t.code = c.code AND t.model_type = 'dixon-coles'), ''),
              coalesce((SELECT to_char(t.alpha, 'FM0.00') FROM tuned AS t WHERE t.code = c.code AND t.model_type = 'dixon-coles'), ''),
              coalesce((SELECT to_char(t.xi, 'FM0.000') FROM tuned AS t WHERE t.code = c.code AND t.model_type = 'market-implied'), ''),
              coalesce((SELECT to_char(t.alpha, 'FM0.00') FROM tuned AS t WHERE t.code = c.code AND t.model_type = 'market-implied'), ''))
  FROM (SELECT DISTINCT code FROM gaps) AS c
  JOIN gaps AS a ON a.code = c.code AND a.forecast = 'MI A'
 ORDER BY c.code IN ('five leagues', 'other leagues', 'all leagues'), array_position(ARRAY['five leagues', 'other leagues', 'all leagues'], c.code), c.code;

SELECT E'\n### Every set, held out, pooled\n\n'
    || E'RPS − closing line (± standard error) of every set of both model types, sets C–G as their settings make them\n'
    || E'([prediction-sets.md](prediction-sets.md)); set B with the tuned α.\n\n'
    || E'| forecast | five leagues | other leagues | all leagues |\n|---|---|---|---|';
SELECT format('| %s | %s | %s | %s |', f.forecast, pg_temp.cell('five leagues', f.forecast), pg_temp.cell('other leagues', f.forecast),
              pg_temp.cell('all leagues', f.forecast))
  FROM (SELECT DISTINCT forecast FROM gaps) AS f ORDER BY f.forecast;

SELECT E'\n**Plainly:** ' || format(
  'on the held-out seasons of the five leagues the market-implied model alone (set A) is %s RPS behind the closing line (target 0.0030: %s), '
  'set B %s (target 0.0010: %s); a goals-only Dixon–Coles model with tuned decay is %s behind (target 0.0065: %s). ',
  to_char(a.gap, 'FM0.0000'), CASE WHEN a.gap <= 0.0030 THEN 'met' ELSE 'missed' END,
  to_char(b.gap, 'FM0.0000'), CASE WHEN b.gap <= 0.0010 THEN 'met' ELSE 'missed' END,
  to_char(d.gap, 'FM0.0000'), CASE WHEN d.gap <= 0.0065 THEN 'met' WHEN d.gap - 0.0065 < d.se THEN 'missed, by less than its standard error of ' || to_char(d.se, 'FM0.0000') ELSE 'missed' END)
  || 'The standard errors treat matches as independent; a difference within about two of them is noise. '
  || 'The closing line stays ahead: it knows the news between the last prices a model learned from and kick-off.'
  FROM gaps AS a, gaps AS b, gaps AS d
 WHERE a.code = 'five leagues' AND a.forecast = :'best_type' || ' A' AND b.code = 'five leagues' AND b.forecast = :'best_type' || ' B'
   AND d.code = 'five leagues' AND d.forecast = 'DC A';
\o
