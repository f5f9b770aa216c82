-- Team-name normalisation and matching (src/core/team_names.hpp, docs/formulas/team-names.md).
-- Defined before the tables: team_aliases stores each alias's canonical form.

CREATE FUNCTION jackpot.canonical_team_name(name text)
RETURNS text
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_canonical_team_name';
COMMENT ON FUNCTION jackpot.canonical_team_name(text) IS
  'Normalised team name for matching across sources: lower case, accents folded, & -> and, apostrophes dropped, punctuation -> space, club-form affixes (FC, AFC, CF, SC, SV, AC, ...) removed.';

CREATE FUNCTION jackpot.team_name_match_score(canonical_name text, canonical_candidate text)
RETURNS double precision
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'jackpot_team_name_match_score';
COMMENT ON FUNCTION jackpot.team_name_match_score(text, text) IS
  'How well a canonical name designates a canonical candidate: >= 1 when every word of the candidate is found in the name (the excess weighs matched words, earlier ones more); below 1, the share of candidate words found.';
