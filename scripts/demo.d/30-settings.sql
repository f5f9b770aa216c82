-- The spec's parameters are configuration parameters: validated, per session or per role.
LOAD 'jackpot';
SELECT name, setting, min_val || ' .. ' || max_val AS range, short_desc AS meaning
  FROM pg_settings WHERE name LIKE 'jackpot.%' ORDER BY name;
