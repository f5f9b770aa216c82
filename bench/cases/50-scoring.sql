-- Scoring speed (issue #6): each aggregate over 1M rows beside PostgreSQL's avg() of the
-- equivalent expression over the same rows (target: within 1.2x), and isotonic_fit on 1M points
-- (target: <= 0.2 s; scikit-learn takes 0.155 s on this machine class).
CREATE TABLE bench.forecasts AS
  SELECT ARRAY[h / s, d / s, a / s]::float8[] AS probs, (ARRAY['H', 'D', 'A']::jackpot.match_result[])[1 + i % 3] AS outcome,
         (h / s)::float8 AS prob, (i % 3 = 0) AS happened, i % 3 AS k
    FROM (SELECT i, 1 + (i % 89) / 10.0 AS h, 1 + (i % 13) / 7.0 AS d, 1 + (i % 97) / 11.0 AS a,
                 3 + (i % 89) / 10.0 + (i % 13) / 7.0 + (i % 97) / 11.0 AS s
            FROM generate_series(1, 1000000) AS i) AS x;
ANALYZE bench.forecasts;
SET max_parallel_workers_per_gather = 0;
CALL bench.compare('brier_score(probs, outcome), 1M rows',
  $q$SELECT jackpot.brier_score(probs, outcome) FROM bench.forecasts$q$,
  $q$SELECT avg((probs[1] - (k = 0)::int) ^ 2 + (probs[2] - (k = 1)::int) ^ 2 + (probs[3] - (k = 2)::int) ^ 2) FROM bench.forecasts$q$,
  'avg() of the same sum of squares', 'ratio <= 1.2', 5);
CALL bench.compare('log_loss(probs, outcome), 1M rows',
  $q$SELECT jackpot.log_loss(probs, outcome) FROM bench.forecasts$q$,
  $q$SELECT avg(-ln(probs[k + 1])) FROM bench.forecasts$q$,
  'avg() of -ln of the outcome''s probability', 'ratio <= 1.2', 5);
CALL bench.compare('rps(probs, outcome), 1M rows',
  $q$SELECT jackpot.rps(probs, outcome) FROM bench.forecasts$q$,
  $q$SELECT avg(((probs[1] - (k = 0)::int) ^ 2 + (probs[1] + probs[2] - (k <= 1)::int) ^ 2) / 2) FROM bench.forecasts$q$,
  'avg() of the same cumulative squares', 'ratio <= 1.2', 5);
CALL bench.compare('brier_score(prob, happened), 1M rows',
  $q$SELECT jackpot.brier_score(prob, happened) FROM bench.forecasts$q$,
  $q$SELECT avg((prob - happened::int) ^ 2) FROM bench.forecasts$q$,
  'avg() of (p - y)^2', 'ratio <= 1.2', 5);
CALL bench.compare('log_loss(prob, happened), 1M rows',
  $q$SELECT jackpot.log_loss(prob, happened) FROM bench.forecasts$q$,
  $q$SELECT avg(-ln(CASE WHEN happened THEN prob ELSE 1 - prob END)) FROM bench.forecasts$q$,
  'avg() of -ln of the probability of what happened', 'ratio <= 1.2', 5);
CALL bench.compare('reliability_curve(prob, happened, 20), 1M rows',
  $q$SELECT jackpot.reliability_curve(prob, happened, 20) FROM bench.forecasts$q$,
  $q$SELECT avg(prob) FROM bench.forecasts GROUP BY width_bucket(prob, 0, 1, 20)$q$,
  'avg() per width_bucket bin', '-', 5);
CALL bench.compare('isotonic_fit, 1M points',
  $q$SELECT jackpot.isotonic_fit(prob, happened) FROM bench.forecasts$q$,
  $q$SELECT avg((prob - happened::int) ^ 2) FROM bench.forecasts$q$,
  'avg() over the same rows', '<= 200 ms', 5);
RESET max_parallel_workers_per_gather;
