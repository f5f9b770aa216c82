-- Dixon–Coles models: fitting, prediction and the score matrix (docs/formulas/dixon-coles.md,
-- docs/formulas/score-matrix.md).

CREATE FUNCTION jackpot.dixon_coles_fit(
  league_code text,
  as_of date DEFAULT CURRENT_DATE,
  xi double precision DEFAULT NULL,
  seasons text[] DEFAULT NULL,
  fit_rho boolean DEFAULT true,
  version text DEFAULT NULL)
RETURNS jackpot.models
LANGUAGE c VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_dixon_coles_fit';
COMMENT ON FUNCTION jackpot.dixon_coles_fit(text, date, double precision, text[], boolean, text) IS
  'Fits Dixon-Coles by exact weighted maximum likelihood on the league''s matches strictly before as_of (weights exp(-xi * days)) and records the model version (now the league''s active model), its training run, a team_features snapshot per team and the teams'' ratings. The same data and options return the same model.';

CREATE FUNCTION jackpot.score_matrix(lambda_home double precision, lambda_away double precision,
                                     rho double precision, max_goals integer DEFAULT NULL)
RETURNS double precision[]
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_score_matrix';
COMMENT ON FUNCTION jackpot.score_matrix(double precision, double precision, double precision, integer) IS
  'The Dixon-Coles score matrix P(home goals = x, away goals = y) for x, y in 0..max_goals (default jackpot.max_goals), tau-corrected and renormalised to sum 1; subscripts start at 0, so m[2][1] is P(2-1).';

CREATE FUNCTION jackpot.dixon_coles_agg_transition(internal, text, text, integer, integer, double precision)
RETURNS internal
LANGUAGE c
AS 'MODULE_PATHNAME', 'jackpot_dixon_coles_agg_transition';
COMMENT ON FUNCTION jackpot.dixon_coles_agg_transition(internal, text, text, integer, integer, double precision) IS
  'Transition function of jackpot.dixon_coles_agg: collects one match (rows with a NULL are ignored).';

CREATE FUNCTION jackpot.dixon_coles_agg_final(internal)
RETURNS jsonb
LANGUAGE c
AS 'MODULE_PATHNAME', 'jackpot_dixon_coles_agg_final';
COMMENT ON FUNCTION jackpot.dixon_coles_agg_final(internal) IS
  'Final function of jackpot.dixon_coles_agg: fits Dixon-Coles to the collected matches.';

CREATE AGGREGATE jackpot.dixon_coles_agg(home text, away text, home_goals integer, away_goals integer,
                                         weight double precision) (
  SFUNC = jackpot.dixon_coles_agg_transition,
  STYPE = internal,
  FINALFUNC = jackpot.dixon_coles_agg_final
);
COMMENT ON AGGREGATE jackpot.dixon_coles_agg(text, text, integer, integer, double precision) IS
  'Dixon-Coles fit over any query''s matches (team names, goals, weight), as jsonb: rho, home_advantage, intercept, log_likelihood, gradient_norm and each team''s attack and defence with standard errors.';
