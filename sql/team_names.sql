-- Team names across sources: normalisation, and resolution by exact name, alias and similarity.
-- One transaction, rolled back at the end; ON_ERROR_ROLLBACK keeps it alive past the
-- expected errors, so no other test sees (or is disturbed by) this file's rows.
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
SELECT name, jackpot.canonical_team_name(name) AS canonical
  FROM (VALUES ('Liverpool FC'), ('AFC Bournemouth'), ('Brighton & Hove Albion'), ('Nott''m Forest'),
               ('1. FC Köln'), ('Atlético Madrid'), ('King’s Lynn'), ('Preußen Münster'), ('SSC Napoli')) AS v(name);

INSERT INTO jackpot.leagues (code, name, country) VALUES ('E0', 'Premier League', 'England'),
  ('E1', 'Championship', 'England'), ('SP1', 'La Liga', 'Spain'), ('ARG', 'Liga Profesional', 'Argentina');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT l.id, t.name, jackpot.canonical_team_name(t.name)
    FROM (VALUES ('E0', 'Hull'), ('E1', 'Hull'), ('E1', 'QPR'), ('E0', 'Man City'), ('E0', 'Man United'),
                 ('SP1', 'Espanol'), ('SP1', 'Barcelona'), ('SP1', 'Ath Madrid'), ('SP1', 'Ath Bilbao'),
                 ('E0', 'Arsenal'), ('ARG', 'Arsenal')) AS t(code, name)
    JOIN jackpot.leagues l ON l.code = t.code;
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals, away_goals, result, closing_odds, snapshot_date)
  SELECT h.league_id, s, d, h.id, a.id, 1, 0, 'H', '{}', '2023-06-01'
    FROM (VALUES ('E0', '2016-17', date '2017-01-14', 'Hull', 'Man City'),
                 ('E1', '2022-23', date '2023-01-14', 'Hull', 'QPR')) AS v(code, s, d, home, away)
    JOIN jackpot.leagues l ON l.code = v.code
    JOIN jackpot.teams h ON h.league_id = l.id AND h.name = v.home
    JOIN jackpot.teams a ON a.league_id = l.id AND a.name = v.away;

CREATE FUNCTION pg_temp.resolved(name text, league text DEFAULT NULL, on_date date DEFAULT NULL) RETURNS text
LANGUAGE sql AS $$
  SELECT t.name || ' (' || l.code || ')' FROM jackpot.resolve_team(name, league, on_date) t JOIN jackpot.leagues l ON l.id = t.league_id
$$;
-- exact canonical name; a club in two leagues is the one that played nearest the date
SELECT pg_temp.resolved('Hull', on_date => '2017-02-01') AS in_2017, pg_temp.resolved('Hull City', on_date => '2023-02-01') AS in_2023;
-- shipped aliases, and word similarity (prefix, one edit, the club's own name first)
SELECT pg_temp.resolved('Queens Park Rangers') AS qpr, pg_temp.resolved('Atletico Madrid') AS atletico,
       pg_temp.resolved('Manchester City') AS man_city, pg_temp.resolved('Athletic Bilbao') AS bilbao,
       pg_temp.resolved('Espanyol Barcelona') AS espanyol;
-- not confident, or ambiguous: an error that lists the closest candidates
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT pg_temp.resolved('Manchester');
SELECT pg_temp.resolved('Arsenal', on_date => '2024-01-01');
SELECT pg_temp.resolved('Arsenal', 'E0') AS scoped_to_a_league;
SELECT pg_temp.resolved('Hull', 'E2');
\set VERBOSITY terse
-- an operator teaches a name
SELECT alias, canonical_alias, source FROM jackpot.add_team_alias('Citizens', jackpot.resolve_team('Man City', 'E0'));
SELECT pg_temp.resolved('The Citizens') AS by_similarity, pg_temp.resolved('citizens') AS by_alias;
ROLLBACK;
