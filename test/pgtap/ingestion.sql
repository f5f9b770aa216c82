-- Ingestion and team-name resolution: every refusal with its SQLSTATE, atomicity (a file that
-- fails after part of it was written leaves the tables exactly as they were), and each step of
-- resolve_team.
\ir include/setup.sql
SELECT plan(34);

CREATE FUNCTION pg_temp.csv_file(body text) RETURNS bytea LANGUAGE sql AS $$
  SELECT convert_to(replace(body, E'\n', E'\r\n'), 'UTF8')
$$;
CREATE FUNCTION pg_temp.ingest(body text, snapshot date DEFAULT '2024-06-01') RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.refusal(format('SELECT * FROM jackpot.ingest_football_data(%L::bytea, snapshot_date => %L)',
                                pg_temp.csv_file(body), snapshot))
$$;
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE sql AS $$
  SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM (
    SELECT to_jsonb(x) AS t FROM jackpot.matches x UNION ALL SELECT to_jsonb(x) FROM jackpot.teams x
    UNION ALL SELECT to_jsonb(x) FROM jackpot.leagues x UNION ALL SELECT to_jsonb(x) FROM jackpot.ingestion_logs x) s
$$;

-- bad files: 22P04 (bad_copy_file_format), nothing written
SELECT is(pg_temp.ingest('Name,Score
A,1'), '22P04 line 1, column 1', 'an unknown header layout is refused');
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG
E0,10/08/19,A,B,1,x'), '22P04 line 2, column 6', 'a non-numeric score is refused');
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG
E0,29/02/19,A,B,1,0'), '22P04 line 2, column 2', 'an impossible date is refused');
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG
E0,10/08/19,A,B,1,0,9'), '22P04 line 2, column 7', 'a row with too many fields is refused');
SELECT is(pg_temp.ingest(''), '22P04 line 1', 'an empty file is refused');
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG
E0,10/08/19,A,B,1,0
E0,10/08/19,A,B,2,0'), '22P04 line 3', 'a duplicate match is refused');
SELECT is(pg_temp.fingerprint(), md5(''), 'rejected files wrote nothing');

-- a failure after a first (league, season) was written rolls everything back
SELECT is(pg_temp.ingest('Country,League,Season,Date,Time,Home,Away,HG,AG,Res
Norway,Eliteserien,2021,10/04/2021,15:00,Molde,Rosenborg,1,0,H
Norway,Eliteserien,2022,10/04/2022,15:00,Molde,Molde FK,1,0,H', '2024-06-01'), '22P04 line 3',
  'two names of one team in one match are refused, after the first season was written');
SELECT is(pg_temp.fingerprint(), md5(''), 'and the first season''s rows are gone with the file');

-- arguments
SELECT is(pg_temp.refusal($$SELECT * FROM jackpot.ingest_football_data(NULL)$$), '22023 data must not be NULL', 'data is required');
SELECT is(pg_temp.refusal($$SELECT * FROM jackpot.ingest_football_data('x'::bytea, snapshot_date => NULL)$$),
          '22023 snapshot_date must not be NULL', 'snapshot_date is required');
SELECT is(pg_temp.refusal($$SELECT * FROM jackpot.ingest_football_data('x'::bytea, season => 'spring')$$),
          '22023 season "spring" is neither YYYY-YY (e.g. 2023-24) nor YYYY (e.g. 2023)', 'a season label must be YYYY-YY or YYYY');
SELECT is(pg_temp.refusal($$SELECT * FROM jackpot.ingest_football_data('x'::bytea, league_code => '')$$),
          '22023 league_code must not be empty', 'an empty league code is refused');

-- a good file, then the same file again, then a different file for the same snapshot
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA
D1,09/08/2024,Leverkusen,M''gladbach,3,2,1.4,5.0,7.0
D1,10/08/2024,Dortmund,Ein Frankfurt,2,0,1.6,4.2,5.0'), 'allowed', 'a good file is ingested');
SELECT is((SELECT count(*)::int FROM jackpot.matches), 2, 'its matches are stored');
SELECT is((SELECT season FROM jackpot.ingestion_logs), '2024-25', 'the season is inferred from the dates');
SELECT is((SELECT checksum FROM jackpot.ingestion_logs),
          encode(sha256(pg_temp.csv_file('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA
D1,09/08/2024,Leverkusen,M''gladbach,3,2,1.4,5.0,7.0
D1,10/08/2024,Dortmund,Ein Frankfurt,2,0,1.6,4.2,5.0')), 'hex'), 'the checksum is the SHA-256 of the raw bytes');
SELECT ok((SELECT abs(prob_home_market + prob_draw_market + prob_away_market - 1) < 1e-15 FROM jackpot.matches LIMIT 1),
          'market probabilities sum to 1');
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA
D1,09/08/2024,Leverkusen,M''gladbach,3,2,1.4,5.0,7.0
D1,10/08/2024,Dortmund,Ein Frankfurt,2,0,1.6,4.2,5.0'), 'allowed', 'the same file and snapshot again is a no-op');
SELECT is((SELECT count(*)::int FROM jackpot.ingestion_logs), 1, 'which records no second log');
SELECT is(pg_temp.ingest('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA
D1,09/08/2024,Leverkusen,M''gladbach,3,3,1.4,5.0,7.0'), '23505 ingestion of D1 2024-25 from football-data.co.uk with snapshot_date 2024-06-01 is already recorded with a different file (checksum ' ||
  left((SELECT checksum FROM jackpot.ingestion_logs), 12) || '…, this file ' ||
  left(encode(sha256(pg_temp.csv_file('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA
D1,09/08/2024,Leverkusen,M''gladbach,3,3,1.4,5.0,7.0')), 'hex'), 12) || '…)',
  'a different file for a recorded snapshot is refused');

-- team names
SELECT is(jackpot.canonical_team_name('Borussia Mönchengladbach'), 'borussia monchengladbach', 'accents are folded');
SELECT is((jackpot.resolve_team('Borussia Monchengladbach')).name, 'M''gladbach', 'a shipped alias resolves');
SELECT is((jackpot.resolve_team('Bayer 04 Leverkusen')).name, 'Leverkusen', 'similarity resolves a longer name');
SELECT is((jackpot.resolve_team('Eintracht Frankfurt', 'D1')).name, 'Ein Frankfurt', 'within a league');
SELECT is(left(pg_temp.refusal($$SELECT jackpot.resolve_team('Bayern Munich')$$), 5), 'P0002', 'an unknown club is an error, not a guess');
INSERT INTO jackpot.teams (league_id, name, canonical_name)
  SELECT id, n, jackpot.canonical_team_name(n) FROM jackpot.leagues, unnest(ARRAY['Alpha', 'Alphab']) AS n;
SELECT is(left(pg_temp.refusal($$SELECT jackpot.resolve_team('Alphabet')$$), 5), 'P0003', 'two equally good matches are an error');
SELECT is(pg_temp.refusal($$SELECT jackpot.resolve_team('  ')$$), '22023 resolve_team', 'an empty name is refused');
SELECT is(pg_temp.refusal($$SELECT jackpot.resolve_team('Dortmund', 'XX')$$), '22023 resolve_team', 'an unknown league is refused');
SELECT is((jackpot.add_team_alias('BVB', jackpot.resolve_team('Dortmund'))).canonical_alias, 'bvb', 'an operator adds an alias');
SELECT is((jackpot.resolve_team('bvb')).name, 'Dortmund', 'which then resolves');
SELECT is((SELECT count(*)::int FROM jackpot.team_aliases), 1, 'and is stored once');
SELECT lives_ok($$SELECT jackpot.add_team_alias('B.V.B.', jackpot.resolve_team('Dortmund'))$$, 'adding it again is idempotent');
SELECT is(pg_temp.refusal($$SELECT jackpot.add_team_alias('Nobody', -1)$$), '22023 add_team_alias', 'an alias needs an existing team');

SELECT * FROM finish();
ROLLBACK;
