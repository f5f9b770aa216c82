-- The data model exactly: every table, column, type, default, constraint, index and trigger
-- of the extension, as the catalog sees it. A change to the schema changes this output.
SELECT e.extname, e.extversion, n.nspname AS schema, e.extrelocatable
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'jackpot';

SELECT t.typname, pg_catalog.enum_range(NULL::jackpot.model_status)::text AS labels
  FROM pg_type t WHERE t.typname = 'model_status' AND t.typnamespace = 'jackpot'::regnamespace
UNION ALL SELECT 'prediction_set', pg_catalog.enum_range(NULL::jackpot.prediction_set)::text
UNION ALL SELECT 'match_result', pg_catalog.enum_range(NULL::jackpot.match_result)::text;

SELECT c.relname AS "table", a.attname AS "column",
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE a.attidentity WHEN 'd' THEN 'identity by default' WHEN 'a' THEN 'identity always' END AS identity,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS "default"
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relnamespace = 'jackpot'::regnamespace AND c.relkind = 'r'
 ORDER BY c.relname, a.attnum;

SELECT conrelid::regclass AS "table", conname, pg_catalog.pg_get_constraintdef(oid) AS definition
  FROM pg_constraint WHERE connamespace = 'jackpot'::regnamespace
 ORDER BY conrelid::regclass::text, conname;

SELECT indexrelid::regclass AS index, pg_catalog.pg_get_indexdef(indexrelid) AS definition
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE c.relnamespace = 'jackpot'::regnamespace
 ORDER BY indexrelid::regclass::text;

SELECT tgrelid::regclass AS "table", tgname, pg_catalog.pg_get_triggerdef(oid) AS definition
  FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'jackpot.%'
 ORDER BY tgrelid::regclass::text, tgname;

-- Functions with their arguments, result and volatility
SELECT p.oid::regprocedure AS function, pg_catalog.format_type(p.prorettype, NULL) AS returns,
       p.provolatile AS volatility, p.proparallel AS parallel, l.lanname AS language,
       p.prosecdef AS security_definer, p.proconfig AS config
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'jackpot'::regnamespace
 ORDER BY p.oid::regprocedure::text;
