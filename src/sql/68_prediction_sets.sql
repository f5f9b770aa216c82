-- Margin removal, blending, the seven prediction sets and the coupon arithmetic
-- (docs/formulas/margin.md, docs/prediction-sets.md, docs/formulas/goal-markets.md,
-- docs/formulas/jackpot-odds.md).

CREATE FUNCTION jackpot.remove_margin(
  odds double precision[],
  method text DEFAULT jackpot.setting('margin_method'))
RETURNS double precision[]
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_remove_margin';
COMMENT ON FUNCTION jackpot.remove_margin(double precision[], text) IS
  'Margin-free probabilities from n >= 2 decimal odds by one of multiplicative, additive, power, shin, odds_ratio, balanced_book (default, or NULL: jackpot.margin_method); solved methods converge to the last bit.';

CREATE FUNCTION jackpot.blend(model double precision[], market double precision[],
                              alpha double precision DEFAULT NULL)
RETURNS double precision[]
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_blend';
COMMENT ON FUNCTION jackpot.blend(double precision[], double precision[], double precision) IS
  'Linear pool alpha*model + (1-alpha)*market (alpha NULL: jackpot.default_blend_alpha); a market weight 1-alpha above jackpot.max_market_weight is an error, never clamped.';

CREATE FUNCTION jackpot.predict_fixture(
  model_version text, home_team text, away_team text,
  odds_home double precision DEFAULT NULL, odds_draw double precision DEFAULT NULL,
  odds_away double precision DEFAULT NULL,
  set_id jackpot.prediction_set DEFAULT 'A',
  goal_line double precision DEFAULT 2.5,
  OUT prob_home double precision, OUT prob_draw double precision, OUT prob_away double precision,
  OUT lambda_home double precision, OUT lambda_away double precision,
  OUT model_prob_home double precision, OUT model_prob_draw double precision, OUT model_prob_away double precision,
  OUT market_prob_home double precision, OUT market_prob_draw double precision, OUT market_prob_away double precision,
  OUT blend_alpha double precision,
  OUT prob_over double precision, OUT prob_under double precision, OUT prob_both_teams_score double precision,
  OUT prob_home_or_draw double precision, OUT prob_home_or_away double precision, OUT prob_draw_or_away double precision,
  OUT correct_scores text[], OUT correct_score_probs double precision[],
  OUT home_team_id integer, OUT away_team_id integer)
RETURNS record
LANGUAGE c STABLE PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'jackpot_predict_fixture';
COMMENT ON FUNCTION jackpot.predict_fixture(text, text, text, double precision, double precision, double precision, jackpot.prediction_set, double precision) IS
  'One fixture under a model version and prediction set (default A): the set''s probabilities, expected goals, the model and market probabilities and blend alpha behind them, and from the same score matrix over/under goal_line, both teams to score, double chance and the jackpot.top_correct_scores most likely scores. Team names go through jackpot.resolve_team; odds are all three or none.';

CREATE FUNCTION jackpot.prediction_sets(
  model_version text, home_team_id integer, away_team_id integer,
  odds_home double precision DEFAULT NULL, odds_draw double precision DEFAULT NULL,
  odds_away double precision DEFAULT NULL, settings jsonb DEFAULT NULL, use_calibration boolean DEFAULT true)
RETURNS TABLE (set_id jackpot.prediction_set,
               prob_home double precision, prob_draw double precision, prob_away double precision,
               lambda_home double precision, lambda_away double precision,
               model_prob_home double precision, model_prob_draw double precision, model_prob_away double precision,
               market_prob_home double precision, market_prob_draw double precision, market_prob_away double precision,
               blend_alpha double precision)
LANGUAGE c STABLE PARALLEL RESTRICTED ROWS 7
AS 'MODULE_PATHNAME', 'jackpot_prediction_sets';
COMMENT ON FUNCTION jackpot.prediction_sets(text, integer, integer, double precision, double precision, double precision, jsonb, boolean) IS
  'The seven prediction sets A-G of a fixture (resolved team ids) under a model version, one row each with every column of jackpot.predictions; settings is a jackpot.settings() object (a jackpot''s locked settings), NULL for the session''s; set A is calibrated by the model''s isotonic maps when it has them, unless use_calibration is false.';

CREATE FUNCTION jackpot.fixture_prediction_sets(
  basis text, model_id uuid, home_team_id integer, away_team_id integer, basis_inputs jsonb,
  odds_home double precision DEFAULT NULL, odds_draw double precision DEFAULT NULL,
  odds_away double precision DEFAULT NULL, settings jsonb DEFAULT NULL, use_calibration boolean DEFAULT true)
RETURNS TABLE (set_id jackpot.prediction_set,
               prob_home double precision, prob_draw double precision, prob_away double precision,
               lambda_home double precision, lambda_away double precision,
               model_prob_home double precision, model_prob_draw double precision, model_prob_away double precision,
               market_prob_home double precision, market_prob_draw double precision, market_prob_away double precision,
               blend_alpha double precision)
LANGUAGE c STABLE PARALLEL RESTRICTED ROWS 7
AS 'MODULE_PATHNAME', 'jackpot_fixture_prediction_sets';
COMMENT ON FUNCTION jackpot.fixture_prediction_sets(text, uuid, integer, integer, jsonb, double precision, double precision, double precision, jsonb, boolean) IS
  'The seven prediction sets of a jackpot fixture on its basis: model (jackpot.prediction_sets of the model of model_id and the team ids), market (the margin-free odds with the locked basis_inputs) or prior (the locked base rates and mean goals); what predict_jackpot writes and verify_jackpot recomputes (docs/prediction-sets.md#bases).';

CREATE FUNCTION jackpot.number_correct_distribution(probs double precision[])
RETURNS double precision[]
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_number_correct_distribution';
COMMENT ON FUNCTION jackpot.number_correct_distribution(double precision[]) IS
  'Poisson-binomial distribution of the number of correct picks of independent fixtures with these probabilities: element k (subscripts from 0) is P(exactly k correct).';

CREATE FUNCTION jackpot.optimal_ticket(prob_home double precision[], prob_draw double precision[],
                                       prob_away double precision[], max_lines bigint,
                                       OUT selections text[], OUT selection_probs double precision[],
                                       OUT lines bigint, OUT p_win double precision)
RETURNS record
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_optimal_ticket';
COMMENT ON FUNCTION jackpot.optimal_ticket(double precision[], double precision[], double precision[], bigint) IS
  'The single/double/treble selection per fixture (1, X, 2, 1X, 12, X2, 1X2) that maximises P(all correct) with at most max_lines lines, exactly (dynamic programme over the numbers of doubles and trebles).';
