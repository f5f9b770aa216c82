-- The adversarial evaluation of fixture resolution (docs/formulas/team-resolution.md), on every
-- league of ../shared/football-data loaded: for every team row and each of its last three
-- seasons, one real home match of that season, after its fourth week, resolved on its date with
-- the home team spelled as bookmakers spell clubs (prefixes and suffixes, numbers, accents,
-- upper case, abbreviation points, the country as a trailing word), in three settings:
--   league  against the real opponent as the data names it;
--   both    the opponent spelled too (in another style);
--   cup     against an opponent the data does not know (a cup tie with a non-league club);
--   expanded  the data's abbreviations written out ("Sp Gijon" as "Sporting Gijon", "Utd" as
--           "United", "St" as "Saint", "Ath" as "Athletic", "Ein" as "Eintracht"), against the real
--           opponent, for the teams whose name has one;
--   namesake  as in the data and with an FC suffix, against the real opponent of a club of another
--           country that shares a word of 4+ letters with it, in that club's match nearest in
--           time (a friendly abroad: "Inter Turku" v Cremonese must not become Inter);
-- and clubs the data does not have: each team's name with a word of another club's nickname
-- ("… Jets"), against an unknown opponent, which must stay unresolved.
-- Right: the team's club (canonical name and country). Wrong: any other club, or any club for a
-- name the data does not have. The target is 0 wrong. Runs as TAP (test/shared-data/run).
CREATE TEMP TABLE resolution_styles (k integer, style text);
INSERT INTO resolution_styles VALUES
  (1, 'as in the data'), (2, 'FC prefix'), (3, 'FC suffix'), (4, 'AFC prefix'), (5, 'SC suffix'), (6, 'SC prefix'),
  (7, 'Calcio suffix'), (8, 'AC prefix'), (9, '1893 suffix'), (10, '04 suffix'), (11, 'upper case'), (12, 'accents'),
  (13, 'umlauts'), (14, 'abbreviation points'), (15, 'country suffix');
CREATE FUNCTION pg_temp.spelled(name text, country text, k integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE k WHEN 1 THEN name WHEN 2 THEN 'FC ' || name WHEN 3 THEN name || ' FC' WHEN 4 THEN 'AFC ' || name
                WHEN 5 THEN name || ' SC' WHEN 6 THEN 'SC ' || name WHEN 7 THEN name || ' Calcio' WHEN 8 THEN 'AC ' || name
                WHEN 9 THEN name || ' 1893' WHEN 10 THEN name || ' 04' WHEN 11 THEN upper(name)
                WHEN 12 THEN translate(name, 'aeiouAEIOU', 'áéíóúÁÉÍÓÚ')
                WHEN 13 THEN replace(replace(name, 'ue', 'ü'), 'oe', 'ö') WHEN 14 THEN replace(name, ' ', '. ')
                ELSE name || ' ' || country END
$$;
CREATE TEMP TABLE resolution_matches AS
WITH seasons AS (
  SELECT m.home_team_id AS team_id, m.season, min(m.match_date) AS first_day,
         row_number() OVER (PARTITION BY m.home_team_id ORDER BY min(m.match_date) DESC) AS recency
    FROM jackpot.matches AS m GROUP BY m.home_team_id, m.season
)
SELECT m.id, m.match_date, h.id AS home_id, a.id AS away_id, h.name AS home, h.canonical_name AS home_canonical, hl.country AS home_country,
       a.name AS away, a.canonical_name AS away_canonical, al.country AS away_country,
       ARRAY(SELECT w FROM unnest(string_to_array(h.canonical_name, ' ')) AS w WHERE length(w) >= 4) AS words
  FROM seasons AS s
 CROSS JOIN LATERAL (SELECT * FROM jackpot.matches AS m
                      WHERE m.home_team_id = s.team_id AND m.season = s.season AND m.match_date >= s.first_day + 28
                      ORDER BY m.match_date, m.id LIMIT 1) AS m
  JOIN jackpot.teams AS h ON h.id = m.home_team_id JOIN jackpot.leagues AS hl ON hl.id = h.league_id
  JOIN jackpot.teams AS a ON a.id = m.away_team_id JOIN jackpot.leagues AS al ON al.id = a.league_id
 WHERE s.recency <= 3;

-- (setting, fixture, expected home club or NULL for a club the data does not have)
CREATE TEMP TABLE resolution_cases AS
SELECT 'league' AS setting, pg_temp.spelled(m.home, m.home_country, y.k) AS home, m.away AS away, m.match_date,
       m.home_canonical AS canonical, m.home_country AS country, m.away_canonical, m.away_country, m.home_id AS expected_id
  FROM resolution_matches AS m CROSS JOIN resolution_styles AS y
UNION ALL
SELECT 'both', pg_temp.spelled(m.home, m.home_country, y.k), pg_temp.spelled(m.away, m.away_country, (y.k + 6) % 15 + 1),
       m.match_date, m.home_canonical, m.home_country, m.away_canonical, m.away_country, m.home_id
  FROM resolution_matches AS m CROSS JOIN resolution_styles AS y
UNION ALL
SELECT 'cup', pg_temp.spelled(m.home, m.home_country, y.k), 'Nonleague Wayfarers', m.match_date, m.home_canonical,
       m.home_country, NULL, NULL, m.home_id
  FROM resolution_matches AS m CROSS JOIN resolution_styles AS y
UNION ALL
SELECT 'expanded', e.name, m.away, m.match_date, m.home_canonical, m.home_country, m.away_canonical, m.away_country, m.home_id
  FROM resolution_matches AS m
 CROSS JOIN LATERAL (SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(m.home,
                       '\mSp\M', 'Sporting'), '\mUtd\M', 'United'), '\mSt\M', 'Saint'), '\mAth\M', 'Athletic'), '\mEin\M', 'Eintracht') AS name) AS e
 WHERE e.name <> m.home
UNION ALL
SELECT 'namesake', CASE y.k WHEN 1 THEN m.home ELSE m.home || ' FC' END, n.away, n.match_date, m.home_canonical, m.home_country,
       n.away_canonical, n.away_country, NULL::integer
  FROM resolution_matches AS m
 CROSS JOIN LATERAL (SELECT * FROM resolution_matches AS o WHERE o.home_country <> m.home_country AND o.words && m.words
                      ORDER BY abs(o.match_date - m.match_date), o.id LIMIT 1) AS n
 CROSS JOIN (VALUES (1), (3)) AS y(k)
UNION ALL
SELECT 'absent club', m.home || ' ' || n.word, 'Nonleague Wayfarers', m.match_date, NULL, NULL, NULL, NULL, NULL::integer
  FROM resolution_matches AS m CROSS JOIN (VALUES ('Jets'), ('Mariners'), ('Phoenix')) AS n(word);

CREATE TEMP TABLE resolution_results AS
SELECT c.*, r.home_team_id, r.away_team_id, ht.canonical_name AS home_resolved, hl.country AS home_resolved_country,
       at.canonical_name AS away_resolved, al.country AS away_resolved_country
  FROM resolution_cases AS c
 CROSS JOIN LATERAL jackpot.resolve_fixture(c.home, c.away, c.match_date) AS r
  LEFT JOIN jackpot.teams AS ht ON ht.id = r.home_team_id LEFT JOIN jackpot.leagues AS hl ON hl.id = ht.league_id
  LEFT JOIN jackpot.teams AS at ON at.id = r.away_team_id LEFT JOIN jackpot.leagues AS al ON al.id = at.league_id;

-- Each resolved name judged: the home name always, the away name where it is a club of the data.
CREATE TEMP TABLE resolution_verdicts AS
SELECT setting, CASE WHEN home_team_id IS NULL THEN 'unresolved'
                     WHEN home_resolved = canonical AND home_resolved_country = country THEN 'right' ELSE 'wrong' END AS verdict,
       home AS name, home_resolved AS resolved, home_team_id = expected_id AS same_row
  FROM resolution_results
UNION ALL
SELECT setting, CASE WHEN away_team_id IS NULL THEN 'unresolved'
                     WHEN away_resolved = away_canonical AND away_resolved_country = away_country THEN 'right' ELSE 'wrong' END,
       away, away_resolved, NULL::boolean
  FROM resolution_results WHERE setting IN ('league', 'both', 'expanded', 'namesake')
UNION ALL
SELECT setting, CASE WHEN away_team_id IS NULL THEN 'unresolved' ELSE 'wrong' END, away, away_resolved, NULL::boolean
  FROM resolution_results WHERE setting IN ('cup', 'absent club');
