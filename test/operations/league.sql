-- A small league with deterministic scores (10 teams, four double round-robins from August 2023),
-- its model fitted as of 2024-06-01: the data the operations tests and the pgbench run work on.
INSERT INTO jackpot.leagues (code, name, country) VALUES ('OP', 'Operations League', 'Nowhere');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT l.id, t.name, lower(t.name) FROM jackpot.leagues l,
         unnest(ARRAY['Ashby', 'Brent', 'Corby', 'Derby', 'Epsom', 'Fleet', 'Goole', 'Hythe', 'Ilkey', 'Jarrow'])
           WITH ORDINALITY AS t(name, n)
   WHERE l.code = 'OP';
INSERT INTO jackpot.matches (league_id, season, match_date, home_team_id, away_team_id, home_goals,
                             away_goals, result, closing_odds, snapshot_date)
SELECT l.id, '2023-24', date '2023-08-05' + 7 * (row_number() OVER (ORDER BY r, h.id, a.id)::int / 5),
       h.id, a.id, g.hg, g.ag, jackpot.result_from_goals(g.hg, g.ag), '{}', '2024-06-01'
  FROM jackpot.leagues l
  JOIN jackpot.teams h ON h.league_id = l.id JOIN jackpot.teams a ON a.league_id = l.id AND a.id <> h.id
  CROSS JOIN generate_series(1, 4) AS r
  CROSS JOIN LATERAL (SELECT ascii(h.name) - 64 AS hn, ascii(a.name) - 64 AS an) AS t
  CROSS JOIN LATERAL (SELECT (t.hn * 7 + t.an * 3 + r) % 4 AS hg, (t.hn * 5 + t.an * 2 + 2 * r) % 3 AS ag) AS g
 WHERE l.code = 'OP';
SELECT version FROM jackpot.dixon_coles_fit('OP', '2024-06-01');
