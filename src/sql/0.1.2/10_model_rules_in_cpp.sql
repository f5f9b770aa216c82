-- 0.1.2: the models' rules run in C++ (src/pg/model_rules_trigger.cpp), with the same rules,
-- messages and SQLSTATEs. Every fit meets this trigger when it archives the league's previous
-- model; a column whose bytes did not change is recognised as unchanged without fetching or
-- decompressing it, and PL/pgSQL's call and its jsonb comparisons are gone from that path.
CREATE OR REPLACE FUNCTION jackpot.enforce_model_rules()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'jackpot_enforce_model_rules';
