-- Scoring aggregates, reliability and isotonic calibration (docs/formulas/scoring.md,
-- docs/formulas/isotonic.md). The mean scores share one state, {rows, sum, compensation}: the
-- transitions update it in place, the combine function merges partial states of a parallel scan.

CREATE FUNCTION jackpot.mean_state_combine(double precision[], double precision[])
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_mean_state_combine';
COMMENT ON FUNCTION jackpot.mean_state_combine(double precision[], double precision[]) IS
  'Combine function of the mean-score aggregates: adds two {rows, sum, compensation} states.';
CREATE FUNCTION jackpot.mean_state_final(double precision[])
RETURNS double precision LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_mean_state_final';
COMMENT ON FUNCTION jackpot.mean_state_final(double precision[]) IS
  'Final function of the mean-score aggregates: the mean, or NULL over no rows.';

CREATE FUNCTION jackpot.brier_score_transition(double precision[], double precision[], jackpot.match_result)
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_brier_multiclass_transition';
COMMENT ON FUNCTION jackpot.brier_score_transition(double precision[], double precision[], jackpot.match_result) IS
  'Transition function of jackpot.brier_score(probs, outcome).';
CREATE AGGREGATE jackpot.brier_score(probs double precision[], outcome jackpot.match_result) (
  SFUNC = jackpot.brier_score_transition, STYPE = double precision[], INITCOND = '{0,0,0}',
  COMBINEFUNC = jackpot.mean_state_combine, FINALFUNC = jackpot.mean_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.brier_score(double precision[], jackpot.match_result) IS
  'Multi-class Brier score: the mean over rows of the sum over H, D, A of (p - [outcome])^2; rows with a NULL are ignored.';

CREATE FUNCTION jackpot.brier_score_transition(double precision[], double precision, boolean)
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_brier_binary_transition';
COMMENT ON FUNCTION jackpot.brier_score_transition(double precision[], double precision, boolean) IS
  'Transition function of jackpot.brier_score(prob, happened).';
CREATE AGGREGATE jackpot.brier_score(prob double precision, happened boolean) (
  SFUNC = jackpot.brier_score_transition, STYPE = double precision[], INITCOND = '{0,0,0}',
  COMBINEFUNC = jackpot.mean_state_combine, FINALFUNC = jackpot.mean_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.brier_score(double precision, boolean) IS
  'Binary Brier score: the mean of (p - y)^2 (scikit-learn''s brier_score_loss); rows with a NULL are ignored.';

CREATE FUNCTION jackpot.log_loss_transition(double precision[], double precision[], jackpot.match_result)
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_log_loss_multiclass_transition';
COMMENT ON FUNCTION jackpot.log_loss_transition(double precision[], double precision[], jackpot.match_result) IS
  'Transition function of jackpot.log_loss(probs, outcome).';
CREATE AGGREGATE jackpot.log_loss(probs double precision[], outcome jackpot.match_result) (
  SFUNC = jackpot.log_loss_transition, STYPE = double precision[], INITCOND = '{0,0,0}',
  COMBINEFUNC = jackpot.mean_state_combine, FINALFUNC = jackpot.mean_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.log_loss(double precision[], jackpot.match_result) IS
  'Multi-class log loss (natural log): the mean of -ln q[outcome], q the probabilities clipped to [eps, 1 - eps] (eps = 2^-52) and renormalised, as scikit-learn''s log_loss.';

CREATE FUNCTION jackpot.log_loss_transition(double precision[], double precision, boolean)
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_log_loss_binary_transition';
COMMENT ON FUNCTION jackpot.log_loss_transition(double precision[], double precision, boolean) IS
  'Transition function of jackpot.log_loss(prob, happened).';
CREATE AGGREGATE jackpot.log_loss(prob double precision, happened boolean) (
  SFUNC = jackpot.log_loss_transition, STYPE = double precision[], INITCOND = '{0,0,0}',
  COMBINEFUNC = jackpot.mean_state_combine, FINALFUNC = jackpot.mean_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.log_loss(double precision, boolean) IS
  'Binary log loss (natural log), p clipped to [eps, 1 - eps] (eps = 2^-52) as scikit-learn''s log_loss; rows with a NULL are ignored.';

CREATE FUNCTION jackpot.rps_transition(double precision[], double precision[], jackpot.match_result)
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_rps_transition';
COMMENT ON FUNCTION jackpot.rps_transition(double precision[], double precision[], jackpot.match_result) IS
  'Transition function of jackpot.rps(probs, outcome).';
CREATE AGGREGATE jackpot.rps(probs double precision[], outcome jackpot.match_result) (
  SFUNC = jackpot.rps_transition, STYPE = double precision[], INITCOND = '{0,0,0}',
  COMBINEFUNC = jackpot.mean_state_combine, FINALFUNC = jackpot.mean_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.rps(double precision[], jackpot.match_result) IS
  'Ranked probability score over the ordered outcomes H, D, A: the mean of ((P_H - O_H)^2 + (P_H + P_D - O_H - O_D)^2) / 2.';

CREATE FUNCTION jackpot.reliability_transition(double precision[], double precision, boolean, integer)
RETURNS double precision[] LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_reliability_transition';
COMMENT ON FUNCTION jackpot.reliability_transition(double precision[], double precision, boolean, integer) IS
  'Transition function of jackpot.reliability_curve: state {bins, rows, then per bin count, predicted sum and its compensation, observed}.';
CREATE FUNCTION jackpot.reliability_combine(double precision[], double precision[])
RETURNS double precision[] LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_reliability_combine';
COMMENT ON FUNCTION jackpot.reliability_combine(double precision[], double precision[]) IS
  'Combine function of jackpot.reliability_curve.';
CREATE FUNCTION jackpot.reliability_final(double precision[])
RETURNS jsonb LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_reliability_final';
COMMENT ON FUNCTION jackpot.reliability_final(double precision[]) IS
  'Final function of jackpot.reliability_curve: the curve as jsonb.';
CREATE AGGREGATE jackpot.reliability_curve(prob double precision, happened boolean, bins integer) (
  SFUNC = jackpot.reliability_transition, STYPE = double precision[],
  COMBINEFUNC = jackpot.reliability_combine, FINALFUNC = jackpot.reliability_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.reliability_curve(double precision, boolean, integer) IS
  'Reliability curve over equal-width bins of [0, 1] (NULL bins: jackpot.calibration_bins): {bins, edges, mean_predicted, observed_frequency, count, ece}, binned as scikit-learn''s calibration_curve; ece = sum of n_b/N |mean_predicted_b - observed_b|.';
CREATE FUNCTION jackpot.reliability_transition(double precision[], double precision, boolean)
RETURNS double precision[] LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_reliability_transition';
COMMENT ON FUNCTION jackpot.reliability_transition(double precision[], double precision, boolean) IS
  'Transition function of jackpot.reliability_curve(prob, happened), with jackpot.calibration_bins bins.';
CREATE AGGREGATE jackpot.reliability_curve(prob double precision, happened boolean) (
  SFUNC = jackpot.reliability_transition, STYPE = double precision[],
  COMBINEFUNC = jackpot.reliability_combine, FINALFUNC = jackpot.reliability_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE jackpot.reliability_curve(double precision, boolean) IS
  'jackpot.reliability_curve(prob, happened, bins) with jackpot.calibration_bins bins.';

CREATE FUNCTION jackpot.isotonic_transition(internal, double precision, boolean)
RETURNS internal LANGUAGE c
AS 'MODULE_PATHNAME', 'jackpot_isotonic_transition';
COMMENT ON FUNCTION jackpot.isotonic_transition(internal, double precision, boolean) IS
  'Transition function of jackpot.isotonic_fit: collects one point.';
CREATE FUNCTION jackpot.isotonic_final(internal)
RETURNS jsonb LANGUAGE c
AS 'MODULE_PATHNAME', 'jackpot_isotonic_final';
COMMENT ON FUNCTION jackpot.isotonic_final(internal) IS
  'Final function of jackpot.isotonic_fit: fits the collected points.';
CREATE AGGREGATE jackpot.isotonic_fit(prob double precision, happened boolean) (
  SFUNC = jackpot.isotonic_transition, STYPE = internal, FINALFUNC = jackpot.isotonic_final);
COMMENT ON AGGREGATE jackpot.isotonic_fit(double precision, boolean) IS
  'Increasing isotonic regression of happened on prob (pool adjacent violators), as scikit-learn''s IsotonicRegression(out_of_bounds=''clip'', y_min=0, y_max=1): {x_thresholds, y_thresholds}.';

CREATE FUNCTION jackpot.isotonic_apply(calibration jsonb, prob double precision)
RETURNS double precision LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_isotonic_apply';
COMMENT ON FUNCTION jackpot.isotonic_apply(jsonb, double precision) IS
  'A fitted isotonic map applied to a probability: clipped to the thresholds'' range, then linear interpolation between thresholds (as scikit-learn predicts); NULL in, NULL out.';
