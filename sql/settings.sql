-- The spec's settings as jackpot.* configuration parameters. They exist once the library is
-- loaded in the session (any jackpot C function loads it; docs/settings.md recommends
-- session_preload_libraries); LOAD makes that explicit here.
LOAD 'jackpot';
SELECT name, setting, boot_val, min_val, max_val, vartype, context
  FROM pg_settings WHERE name LIKE 'jackpot.%' ORDER BY name;
SELECT jackpot.settings();

-- Valid values are taken and reported
SET jackpot.max_goals = 30;
SET jackpot.time_decay_xi = 0.002;
SELECT jackpot.settings() -> 'max_goals' AS max_goals,
       jackpot.settings() -> 'time_decay_xi' AS xi;

-- Invalid values are refused with a message naming the range
SET jackpot.max_goals = 31;
SET jackpot.max_goals = 1;
SET jackpot.time_decay_xi = -0.1;
SET jackpot.default_blend_alpha = 1.5;
SET jackpot.calibration_bins = 'many';
-- The prefix is reserved: a misspelt setting is an error, not a silent placeholder
SET jackpot.max_goal = 10;

RESET ALL;
SELECT jackpot.settings() = jsonb_build_object(
  'dixon_coles_rho', -0.13, 'time_decay_xi', 0.0065, 'home_advantage', 0.35, 'max_goals', 8,
  'default_blend_alpha', 0.6, 'max_market_weight', 0.7, 'min_calibration_samples', 30,
  'calibration_bins', 20, 'brier_score_threshold', 0.22) AS defaults_are_the_spec;
