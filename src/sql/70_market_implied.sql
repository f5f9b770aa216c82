-- Market-implied ratings: team strengths fitted to past matches' closing prices
-- (docs/formulas/market-implied-ratings.md, docs/model-types.md).

CREATE FUNCTION jackpot.market_implied_fit(
  league_code text,
  as_of date DEFAULT CURRENT_DATE,
  xi double precision DEFAULT NULL,
  seasons text[] DEFAULT NULL,
  version text DEFAULT NULL)
RETURNS jackpot.models
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_market_implied_fit';
COMMENT ON FUNCTION jackpot.market_implied_fit(text, date, double precision, text[], text) IS
  'Fits market-implied ratings on the league''s matches strictly before as_of (of the given seasons, NULL: all) that have a usable closing 1X2: each match''s margin-free 1X2 (prob_*_market) inverted exactly into expected goals under a score matrix with rho = jackpot.market_implied_rho, then attack and defence by weighted least squares (weights exp(-xi * days), xi NULL: jackpot.market_implied_xi; ridge jackpot.market_implied_ridge). Records the model version (model_type market-implied, now the league''s active model) like dixon_coles_fit; the same data and options return the same model.';
