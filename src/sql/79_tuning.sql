-- Tuning by rolling-origin backtest, out of sample and recorded (docs/tuning.md): the decay of
-- either model type, and set B's model weight. Only the window's matches are predicted, each
-- from matches before it: the seasons a tuning is reported on must lie outside its window.

-- SHA-256 of a league's matches up to a date, in the order the backtests read them.
CREATE FUNCTION jackpot.matches_sha256(league_id integer, to_date date)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  digest text;
BEGIN
  IF NOT isfinite(to_date) THEN
    RAISE EXCEPTION 'matches_sha256: to_date must be a finite date, not %', to_date USING ERRCODE = '22008';
  END IF;
  IF NOT EXISTS (SELECT FROM jackpot.leagues AS l WHERE l.id = matches_sha256.league_id) THEN
    RAISE EXCEPTION 'matches_sha256: unknown league id %', coalesce(league_id::text, 'NULL') USING ERRCODE = '22023';
  END IF;
  SELECT encode(sha256(convert_to(coalesce(string_agg(
           format('%s,%s,%s,%s,%s,%s', m.match_date, m.home_team_id, m.away_team_id, m.home_goals, m.away_goals,
                  m.closing_odds::text), E'\n' ORDER BY m.match_date, m.home_team_id, m.away_team_id), ''), 'UTF8')), 'hex')
    INTO digest
    FROM jackpot.matches AS m
   WHERE m.league_id = matches_sha256.league_id AND m.match_date <= matches_sha256.to_date;
  RETURN digest;
END
$$;
COMMENT ON FUNCTION jackpot.matches_sha256(integer, date) IS
  'SHA-256 (hex) of a league''s matches up to a date (date, teams, goals, closing odds, in date order): the data checksum of a tuning record. An infinite date: 22008; an unknown league: 22023.';

-- The arguments every tuning checks first.
CREATE FUNCTION jackpot.tuning_league(caller text, league_code text, from_date date, to_date date, model_type text)
RETURNS integer
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  found_id integer;
BEGIN
  IF league_code IS NULL OR from_date IS NULL OR to_date IS NULL OR model_type IS NULL THEN
    RAISE EXCEPTION '%: league_code, from_date, to_date and model_type must not be NULL', caller USING ERRCODE = '22004';
  END IF;
  IF model_type NOT IN ('dixon-coles', 'market-implied') THEN
    RAISE EXCEPTION '%: unknown model type "%": expected ''dixon-coles'' or ''market-implied''', caller, model_type
      USING ERRCODE = '22023';
  END IF;
  IF NOT (isfinite(from_date) AND isfinite(to_date)) THEN
    RAISE EXCEPTION '%: the window must have finite dates, not % .. %', caller, from_date, to_date USING ERRCODE = '22008';
  END IF;
  IF to_date < from_date THEN
    RAISE EXCEPTION '%: to_date % is before from_date %', caller, to_date, from_date USING ERRCODE = '22023';
  END IF;
  SELECT l.id INTO found_id FROM jackpot.leagues AS l WHERE l.code = tuning_league.league_code;
  IF NOT FOUND THEN
    RAISE EXCEPTION '%: unknown league "%"', caller, league_code USING ERRCODE = '22023';
  END IF;
  RETURN found_id;
END
$$;
COMMENT ON FUNCTION jackpot.tuning_league(text, text, date, date, text) IS
  'Checks a tuning''s arguments (no NULL, a known model type and league, a finite window in order) and returns the league''s id; errors name the calling function.';

CREATE FUNCTION jackpot.tune_decay(league_code text, from_date date, to_date date, model_type text,
                                   candidates double precision[], refit_every interval DEFAULT '7 days')
RETURNS double precision
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  league integer := jackpot.tuning_league('tune_decay', league_code, from_date, to_date, model_type);
  runs bigint[] := '{}';
  run jackpot.backtests;
  c double precision;
  scored jsonb;
  market_scores jsonb;
  best double precision;
  common integer;
BEGIN
  IF candidates IS NULL OR cardinality(candidates) = 0 THEN
    RAISE EXCEPTION 'tune_decay: candidates must hold at least one decay rate' USING ERRCODE = '22023';
  END IF;
  IF cardinality(candidates) > 50 THEN
    RAISE EXCEPTION 'tune_decay: at most 50 candidates, not %', cardinality(candidates) USING ERRCODE = '22023';
  END IF;
  FOREACH c IN ARRAY candidates LOOP
    IF c IS NULL OR c < 0 OR c > 1 OR c = 'NaN'::float8 THEN
      RAISE EXCEPTION 'tune_decay: a candidate decay rate must lie in [0, 1] per day, not %', coalesce(c::text, 'NULL')
        USING ERRCODE = '22023';
    END IF;
  END LOOP;
  FOREACH c IN ARRAY (SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(candidates) AS x) LOOP
    run := jackpot.backtest(league_code, from_date, to_date, refit_every, c, model_type);
    runs := runs || run.id;
  END LOOP;
  -- Every candidate is scored on the same matches: those all of them predicted, with odds; the
  -- closing line on those matches too. One pass over the runs' predictions.
  WITH predictions AS (
    SELECT b.id AS backtest_id, b.xi, p.match_id, ARRAY[p.prob_home, p.prob_draw, p.prob_away] AS probs,
           ARRAY[p.market_prob_home, p.market_prob_draw, p.market_prob_away] AS market, m.result
      FROM jackpot.backtests AS b
      JOIN jackpot.backtest_predictions AS p ON p.backtest_id = b.id AND p.set_id = 'A'
      JOIN jackpot.matches AS m ON m.id = p.match_id
     WHERE b.id = ANY (runs) AND p.market_prob_home IS NOT NULL),
  shared AS (
    SELECT match_id FROM predictions GROUP BY match_id HAVING count(*) = cardinality(runs)),
  per_candidate AS (
    SELECT p.backtest_id, p.xi, jackpot.rps(p.probs, p.result) AS rps, jackpot.log_loss(p.probs, p.result) AS log_loss,
           jackpot.brier_score(p.probs, p.result) AS brier
      FROM predictions AS p JOIN shared USING (match_id) GROUP BY p.backtest_id, p.xi),
  closing AS (
    SELECT DISTINCT ON (p.match_id) p.market, p.result
      FROM predictions AS p JOIN shared USING (match_id) ORDER BY p.match_id)
  SELECT (SELECT jsonb_agg(jsonb_build_object('value', pc.xi, 'backtest_id', pc.backtest_id, 'rps', pc.rps,
                                              'log_loss', pc.log_loss, 'brier', pc.brier) ORDER BY pc.xi)
            FROM per_candidate AS pc),
         (SELECT pc.xi FROM per_candidate AS pc ORDER BY pc.rps, pc.xi LIMIT 1),
         (SELECT count(*)::integer FROM closing),
         (SELECT jsonb_build_object('rps', jackpot.rps(c.market, c.result), 'log_loss', jackpot.log_loss(c.market, c.result),
                                    'brier', jackpot.brier_score(c.market, c.result)) FROM closing AS c)
    INTO scored, best, common, market_scores;
  IF common = 0 THEN
    RAISE EXCEPTION 'tune_decay: no match of league % between % and % was predicted by every candidate with closing odds',
      league_code, from_date, to_date USING ERRCODE = '02000';
  END IF;
  INSERT INTO jackpot.tunings (league_id, parameter, model_type, from_date, to_date, xi, candidates, market, chosen,
                               matches, data_sha256, settings)
  VALUES (league, 'xi', model_type, from_date, to_date, NULL, scored, market_scores, best, common,
          jackpot.matches_sha256(league, to_date), jackpot.settings());
  RETURN best;
END
$$;
COMMENT ON FUNCTION jackpot.tune_decay(text, date, date, text, double precision[], interval) IS
  'Backtests the league from from_date to to_date once per candidate decay xi (model_type dixon-coles or market-implied), scores set A of every candidate on the matches all of them predicted with closing odds (RPS, log loss, Brier, beside the closing line''s), records it in jackpot.tunings and returns the xi with the lowest RPS.';

CREATE FUNCTION jackpot.tune_blend(league_code text, from_date date, to_date date, model_type text,
                                   xi double precision DEFAULT NULL, refit_every interval DEFAULT '7 days')
RETURNS double precision
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  league integer := jackpot.tuning_league('tune_blend', league_code, from_date, to_date, model_type);
  cap double precision := jackpot.setting('max_market_weight')::float8;
  run jackpot.backtests;
  sxy double precision;
  sxx double precision;
  n integer;
  best double precision;
  scored jsonb;
  market_scores jsonb;
BEGIN
  run := jackpot.backtest(league_code, from_date, to_date, refit_every, xi, model_type);
  -- RPS is quadratic in alpha: the cumulative probabilities of alpha*model + (1-alpha)*market
  -- are linear in alpha, so the exact minimiser is -Sxy/Sxx, then held within the cap.
  SELECT count(*)::integer,
         sum((p.market_prob_home - (m.result = 'H')::int) * (p.model_prob_home - p.market_prob_home)
             + (p.market_prob_home + p.market_prob_draw - (m.result <> 'A')::int)
               * (p.model_prob_home + p.model_prob_draw - p.market_prob_home - p.market_prob_draw)),
         sum((p.model_prob_home - p.market_prob_home) ^ 2
             + (p.model_prob_home + p.model_prob_draw - p.market_prob_home - p.market_prob_draw) ^ 2)
    INTO n, sxy, sxx
    FROM jackpot.backtest_predictions AS p JOIN jackpot.matches AS m ON m.id = p.match_id
   WHERE p.backtest_id = run.id AND p.set_id = 'A' AND p.market_prob_home IS NOT NULL;
  IF n = 0 THEN
    RAISE EXCEPTION 'tune_blend: no match of league % between % and % was predicted with closing odds',
      league_code, from_date, to_date USING ERRCODE = '02000';
  END IF;
  best := greatest(1 - cap, least(1.0, CASE WHEN sxx > 0 THEN -sxy / sxx ELSE 1.0 END));
  WITH alphas AS (
    SELECT DISTINCT a FROM (SELECT best AS a UNION ALL
                            SELECT g::float8 / 20 FROM generate_series(0, 20) AS g WHERE g::float8 / 20 >= 1 - cap) AS x),
  blended AS (
    SELECT a.a, ARRAY[a.a * p.model_prob_home + (1 - a.a) * p.market_prob_home,
                      a.a * p.model_prob_draw + (1 - a.a) * p.market_prob_draw,
                      a.a * p.model_prob_away + (1 - a.a) * p.market_prob_away] AS probs, m.result
      FROM alphas AS a
     CROSS JOIN jackpot.backtest_predictions AS p JOIN jackpot.matches AS m ON m.id = p.match_id
     WHERE p.backtest_id = run.id AND p.set_id = 'A' AND p.market_prob_home IS NOT NULL)
  SELECT jsonb_agg(jsonb_build_object('value', s.a, 'backtest_id', run.id, 'rps', s.rps, 'log_loss', s.log_loss,
                                      'brier', s.brier) ORDER BY s.a)
    INTO scored
    FROM (SELECT b.a, jackpot.rps(b.probs, b.result) AS rps, jackpot.log_loss(b.probs, b.result) AS log_loss,
                 jackpot.brier_score(b.probs, b.result) AS brier
            FROM blended AS b GROUP BY b.a) AS s;
  SELECT jsonb_build_object('rps', jackpot.rps(q.market, q.result), 'log_loss', jackpot.log_loss(q.market, q.result),
                            'brier', jackpot.brier_score(q.market, q.result))
    INTO market_scores
    FROM (SELECT ARRAY[p.market_prob_home, p.market_prob_draw, p.market_prob_away] AS market, m.result
            FROM jackpot.backtest_predictions AS p JOIN jackpot.matches AS m ON m.id = p.match_id
           WHERE p.backtest_id = run.id AND p.set_id = 'A' AND p.market_prob_home IS NOT NULL) AS q;
  INSERT INTO jackpot.tunings (league_id, parameter, model_type, from_date, to_date, xi, candidates, market, chosen,
                               matches, data_sha256, settings)
  VALUES (league, 'blend_alpha', model_type, from_date, to_date, run.xi, scored, market_scores, best, n,
          jackpot.matches_sha256(league, to_date), jackpot.settings());
  RETURN best;
END
$$;
COMMENT ON FUNCTION jackpot.tune_blend(text, date, date, text, double precision, interval) IS
  'Backtests the league from from_date to to_date (model_type, decay xi; NULL: the type''s default) and returns set B''s model weight alpha minimising the RPS of alpha*model + (1 - alpha)*market over the predicted matches with closing odds: the exact minimiser of that quadratic, held within the cap (alpha >= 1 - jackpot.max_market_weight). Records it in jackpot.tunings with a grid of alphas scored beside it and the closing line''s scores. Apply it with SET jackpot.default_blend_alpha.';

CREATE FUNCTION jackpot.tuned_value(league_code text, parameter text, model_type text DEFAULT 'dixon-coles')
RETURNS double precision
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT t.chosen FROM jackpot.tunings AS t JOIN jackpot.leagues AS l ON l.id = t.league_id
   WHERE l.code = tuned_value.league_code AND t.parameter = tuned_value.parameter AND t.model_type = tuned_value.model_type
   ORDER BY t.id DESC LIMIT 1;
END;
COMMENT ON FUNCTION jackpot.tuned_value(text, text, text) IS
  'The value chosen by the league''s latest tuning of parameter (xi or blend_alpha) for a model type, NULL when none: e.g. jackpot.market_implied_fit(''E0'', xi => jackpot.tuned_value(''E0'', ''xi'', ''market-implied'')).';
