-- The specification's twelve tables (and team_aliases), each with its purpose.
SELECT c.relname AS "table", obj_description(c.oid, 'pg_class') AS purpose
  FROM pg_class c
 WHERE c.relnamespace = 'jackpot'::regnamespace AND c.relkind = 'r'
 ORDER BY c.relname;
