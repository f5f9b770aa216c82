-- Team-name resolution across sources (docs/ingestion.md#team-names): exact canonical name, then
-- an alias (taught with add_team_alias, or shipped in team_alias_seeds), then a word-level
-- similarity search; ties are broken by which team played nearest the date; anything not
-- confident is an error listing the closest candidates. Never a silent guess.

CREATE TABLE jackpot.team_alias_seeds (
  alias     text PRIMARY KEY,
  team_name text NOT NULL
);
COMMENT ON TABLE jackpot.team_alias_seeds IS
  'Shipped aliases: names bookmakers use for clubs in the data whose football-data name no similarity rule can reach. Applied to a team of that football-data name in any league.';

INSERT INTO jackpot.team_alias_seeds (alias, team_name) VALUES
  ('Queens Park Rangers', 'QPR'),
  ('Real Betis Seville', 'Betis'),
  ('Real Betis', 'Betis'),
  ('1. FC Cologne', 'FC Koln'),
  ('FC Cologne', 'FC Koln'),
  ('Cologne', 'FC Koln'),
  ('Borussia Monchengladbach', 'M''gladbach'),
  ('Borussia Moenchengladbach', 'M''gladbach'),
  ('Atletico Madrid', 'Ath Madrid'),
  ('Athletic Club', 'Ath Bilbao'),
  ('Nottingham Forest', 'Nott''m Forest'),
  ('Boavista Porto', 'Boavista'),
  ('Fortuna Sittard', 'For Sittard'),
  ('Manchester United', 'Man United'),
  ('Manchester City', 'Man City'),
  ('Wolverhampton Wanderers', 'Wolves'),
  ('Sheffield Wednesday', 'Sheffield Weds'),
  ('Paris Saint-Germain', 'Paris SG'),
  ('PSG', 'Paris SG'),
  ('Inter Milan', 'Inter'),
  ('Internazionale', 'Inter'),
  ('Sporting Lisbon', 'Sp Lisbon'),
  ('Sporting CP', 'Sp Lisbon'),
  ('Sporting Braga', 'Sp Braga'),
  ('SC Braga', 'Sp Braga'),
  ('AS Saint-Etienne', 'St Etienne'),
  ('Saint-Etienne', 'St Etienne'),
  ('Olympique Lyonnais', 'Lyon'),
  ('Bayern Munchen', 'Bayern Munich'),
  ('Eintracht Frankfurt', 'Ein Frankfurt'),
  ('Milton Keynes Dons', 'Milton Keynes Dons'),
  ('MK Dons', 'Milton Keynes Dons');

-- Every club (canonical name) in scope scored by how the name designates it: 4 exact canonical
-- name, 3 exact alias, 1..2 every word of the club's name (or alias) found, below 1 closeness
-- only. A club's teams in several leagues are one identity here. Best first.
CREATE FUNCTION jackpot.team_identity_scores(wanted text, scope_league integer)
RETURNS TABLE (identity text, score double precision)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  WITH scope AS (
    SELECT t.id, t.canonical_name FROM jackpot.teams AS t WHERE scope_league IS NULL OR t.league_id = scope_league
  ), seeds AS (
    SELECT jackpot.canonical_team_name(s.alias) AS canonical_alias, jackpot.canonical_team_name(s.team_name) AS team_canonical
      FROM jackpot.team_alias_seeds AS s
  ), candidates AS (
    SELECT t.id AS team_id, t.canonical_name AS candidate, true AS is_name FROM scope AS t
    UNION ALL
    SELECT a.team_id, a.canonical_alias, false FROM jackpot.team_aliases AS a JOIN scope AS t ON t.id = a.team_id
    UNION ALL
    SELECT t.id, s.canonical_alias, false FROM seeds AS s JOIN scope AS t ON t.canonical_name = s.team_canonical
  )
  SELECT t.canonical_name,
         max(CASE WHEN c.is_name AND c.candidate = wanted THEN 4
                  WHEN c.candidate = wanted THEN 3
                  ELSE jackpot.team_name_match_score(wanted, c.candidate) END) AS score
    FROM candidates AS c JOIN scope AS t ON t.id = c.team_id
   GROUP BY t.canonical_name
   ORDER BY score DESC, t.canonical_name
$$;
COMMENT ON FUNCTION jackpot.team_identity_scores(text, integer) IS
  'resolve_team''s ranking: every club (canonical name) of the league scope_league, or of every league when NULL, with how well the canonical name wanted designates it (4 its name, 3 an alias, 1..2 every word found, below 1 closeness only), best first.';

-- "Name (league), …" for each identity, in order, for resolve_team's messages.
CREATE FUNCTION jackpot.team_identity_labels(identities text[], scope_league integer)
RETURNS text[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT array_agg(x.label ORDER BY x.rank)
    FROM (SELECT u.rank, string_agg(DISTINCT t.name || ' (' || l.code || ')', ', ') AS label
            FROM unnest(identities) WITH ORDINALITY AS u(identity, rank)
            JOIN jackpot.teams AS t ON t.canonical_name = u.identity
            JOIN jackpot.leagues AS l ON l.id = t.league_id
           WHERE scope_league IS NULL OR t.league_id = scope_league
           GROUP BY u.rank) AS x
$$;
COMMENT ON FUNCTION jackpot.team_identity_labels(text[], integer) IS
  'For each club (canonical name), its teams as "Name (league)" within scope_league (every league when NULL): the candidates resolve_team''s errors list.';

-- A club may have teams in several leagues: the two that played nearest the date (the second
-- only to detect a tie).
CREATE FUNCTION jackpot.nearest_teams(identity text, scope_league integer, reference_date date)
RETURNS TABLE (team jackpot.teams, distance integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT t, d.distance
    FROM jackpot.teams AS t
   CROSS JOIN LATERAL (SELECT min(abs(m.match_date - reference_date)) AS distance FROM jackpot.matches AS m
                        WHERE m.home_team_id = t.id OR m.away_team_id = t.id) AS d
   WHERE t.canonical_name = identity AND (scope_league IS NULL OR t.league_id = scope_league)
   ORDER BY d.distance NULLS LAST, t.id
   LIMIT 2
$$;
COMMENT ON FUNCTION jackpot.nearest_teams(text, integer, date) IS
  'The (at most two) teams of a club (canonical name) within scope_league (every league when NULL) that played nearest reference_date, nearest first, with the distance in days (NULL: never played).';

CREATE FUNCTION jackpot.resolve_team(name text, league_code text DEFAULT NULL, on_date date DEFAULT NULL)
RETURNS jackpot.teams
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted text := jackpot.canonical_team_name(name);
  scope_league integer;
  reference_date date := coalesce(on_date, CURRENT_DATE);
  identities text[];
  scores double precision[];
  labels text[];
  nearest jackpot.teams[];
  distances integer[];
BEGIN
  IF wanted IS NULL OR wanted = '' THEN
    RAISE EXCEPTION 'resolve_team: the team name is empty' USING ERRCODE = '22023';
  ELSIF length(name) > 200 THEN
    RAISE EXCEPTION 'resolve_team: a team name of % characters is not a team name (at most 200)', length(name)
      USING ERRCODE = '22023';
  END IF;
  IF resolve_team.league_code IS NOT NULL THEN
    SELECT l.id INTO scope_league FROM jackpot.leagues AS l WHERE l.code = resolve_team.league_code;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'resolve_team: unknown league code "%"', resolve_team.league_code
        USING ERRCODE = '22023', HINT = 'Ingest the league first with jackpot.ingest_football_data().';
    END IF;
  END IF;
  SELECT array_agg(s.identity ORDER BY s.score DESC, s.identity), array_agg(s.score ORDER BY s.score DESC, s.identity)
    INTO identities, scores FROM jackpot.team_identity_scores(wanted, scope_league) AS s;
  labels := jackpot.team_identity_labels(identities[1:3], scope_league);
  IF identities IS NULL OR scores[1] < 1 THEN
    RAISE EXCEPTION 'resolve_team: no team matches "%" confidently', name
      USING ERRCODE = 'P0002',
            DETAIL = 'Closest candidates: ' || coalesce(array_to_string(labels, '; '), 'none (no teams in scope)') || '.',
            HINT = 'Teach the name with jackpot.add_team_alias(alias, team).';
  ELSIF cardinality(scores) > 1 AND scores[2] >= 1 AND scores[1] - scores[2] < 0.05 THEN
    RAISE EXCEPTION 'resolve_team: "%" matches several teams equally well: % and %', name, labels[1], labels[2]
      USING ERRCODE = 'P0003', HINT = 'Pass league_code, or teach the name with jackpot.add_team_alias(alias, team).';
  END IF;
  SELECT array_agg(n.team ORDER BY n.distance NULLS LAST, (n.team).id), array_agg(n.distance ORDER BY n.distance NULLS LAST, (n.team).id)
    INTO nearest, distances FROM jackpot.nearest_teams(identities[1], scope_league, reference_date) AS n;
  IF cardinality(distances) > 1 AND distances[2] IS NOT DISTINCT FROM distances[1] THEN
    RAISE EXCEPTION 'resolve_team: "%" names teams in several leagues that played equally near %: %', name, reference_date, labels[1]
      USING ERRCODE = 'P0003', HINT = 'Pass league_code.';
  END IF;
  RETURN nearest[1];
END
$$;
COMMENT ON FUNCTION jackpot.resolve_team(text, text, date) IS
  'The team a name from another source designates: exact canonical name, then alias, then word similarity; within one league or across all, preferring the team that played nearest on_date. Not confident or ambiguous: an error (P0002 / P0003) listing the closest candidates.';

CREATE FUNCTION jackpot.add_team_alias(alias text, team_id integer)
RETURNS jackpot.team_aliases
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  added jackpot.team_aliases;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM jackpot.teams AS t WHERE t.id = add_team_alias.team_id) THEN
    RAISE EXCEPTION 'add_team_alias: no team has id %', team_id USING ERRCODE = '22023';
  END IF;
  INSERT INTO jackpot.team_aliases AS a (alias, team_id)
  VALUES (add_team_alias.alias, add_team_alias.team_id)
  ON CONFLICT ON CONSTRAINT uix_team_alias DO UPDATE SET alias = a.alias
  RETURNING * INTO added;
  RETURN added;
END
$$;
COMMENT ON FUNCTION jackpot.add_team_alias(text, integer) IS
  'Teaches resolve_team another name for a team (idempotent); returns the alias row.';

CREATE FUNCTION jackpot.add_team_alias(alias text, team jackpot.teams)
RETURNS jackpot.team_aliases
LANGUAGE sql VOLATILE
BEGIN ATOMIC
  SELECT jackpot.add_team_alias(add_team_alias.alias, (add_team_alias.team).id);
END;
COMMENT ON FUNCTION jackpot.add_team_alias(text, jackpot.teams) IS
  'Teaches resolve_team another name for a team given as a row, e.g. add_team_alias(''Spurs'', resolve_team(''Tottenham'', ''E0''))';

-- The team directory: every club's names as jackpot.resolve_fixture searches them, built once
-- per session from teams, team_aliases and team_alias_seeds and rebuilt when this version
-- changes. Triggers raise it whenever a team is added, renamed, moved or removed, or an alias
-- changes, in the same transaction as the change (so a session sees both or neither).
CREATE TABLE jackpot.team_directory_version (
  singleton boolean PRIMARY KEY DEFAULT true,
  version   bigint NOT NULL,
  CONSTRAINT check_team_directory_singleton CHECK (singleton)
);
INSERT INTO jackpot.team_directory_version (version) VALUES (1);
COMMENT ON TABLE jackpot.team_directory_version IS
  'One row: the version of the team names that jackpot.resolve_fixture''s per-session index was built from; raised by triggers on teams, team_aliases and team_alias_seeds.';

CREATE FUNCTION jackpot.raise_team_directory_version()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE jackpot.team_directory_version SET version = version + 1;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION jackpot.raise_team_directory_version() IS
  'Trigger: raises jackpot.team_directory_version, so that every session rebuilds its index of team names.';
CREATE TRIGGER team_directory_changed AFTER INSERT OR DELETE OR UPDATE OF name, canonical_name, league_id
  ON jackpot.teams FOR EACH ROW EXECUTE FUNCTION jackpot.raise_team_directory_version();
COMMENT ON TRIGGER team_directory_changed ON jackpot.teams IS 'A team added, renamed, moved or removed changes the team directory.';
CREATE TRIGGER team_directory_changed AFTER INSERT OR DELETE OR UPDATE
  ON jackpot.team_aliases FOR EACH STATEMENT EXECUTE FUNCTION jackpot.raise_team_directory_version();
COMMENT ON TRIGGER team_directory_changed ON jackpot.team_aliases IS 'An alias added or removed changes the team directory.';
CREATE TRIGGER team_directory_changed AFTER INSERT OR DELETE OR UPDATE
  ON jackpot.team_alias_seeds FOR EACH STATEMENT EXECUTE FUNCTION jackpot.raise_team_directory_version();
COMMENT ON TRIGGER team_directory_changed ON jackpot.team_alias_seeds IS 'A shipped alias changed changes the team directory.';

CREATE FUNCTION jackpot.resolve_fixture(
  home text, away text, on_date date, league_code text DEFAULT NULL,
  OUT home_team_id integer, OUT home_team text, OUT home_league text, OUT home_confidence double precision,
  OUT home_evidence text, OUT home_candidates jsonb, OUT home_reason text,
  OUT away_team_id integer, OUT away_team text, OUT away_league text, OUT away_confidence double precision,
  OUT away_evidence text, OUT away_candidates jsonb, OUT away_reason text,
  OUT league text)
RETURNS record
LANGUAGE c STABLE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jackpot_resolve_fixture';
COMMENT ON FUNCTION jackpot.resolve_fixture(text, text, date, text) IS
  'The teams a fixture''s two names designate on a date, resolved together (docs/formulas/team-resolution.md): per side the team, its league, the name''s confidence (0-1), the evidence that settled it (name, league, country), the best candidates, and the reason a name stayed unresolved (NULL team: never a guess); league is the league both play in, if one. league_code restricts both sides to that league.';
