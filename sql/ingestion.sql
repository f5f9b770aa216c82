-- Ingesting football-data.co.uk files: both layouts, the real files' anomalies, re-ingestion,
-- and rejected files. Every file is built here; the real collection is tested by
-- test/shared-data (it skips without ../shared).
-- One transaction, rolled back at the end; ON_ERROR_ROLLBACK keeps it alive past the
-- expected errors, so no other test sees (or is disturbed by) this file's rows.
\set ON_ERROR_ROLLBACK on
BEGIN;
\set VERBOSITY terse
-- CSV text to the bytes of a file: CRLF line endings, and {92}-style escapes for raw bytes.
CREATE FUNCTION pg_temp.csv_file(body text) RETURNS bytea LANGUAGE sql AS $$
  SELECT string_agg(CASE WHEN n % 2 = 1 THEN convert_to(part, 'UTF8') ELSE decode(part, 'hex') END, ''::bytea ORDER BY n)
    FROM regexp_split_to_table(replace(body, E'\n', E'\r\n'), '[{}]') WITH ORDINALITY AS p(part, n)
$$;

-- A main-league file with a BOM, a Windows-1252 byte, a postponed match, a blank Pinnacle
-- closing price (the market average closing is used), a row without any odds, and a trailing
-- row of bare commas.
SELECT pg_temp.csv_file('{efbbbf}Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA,
EC,03/10/2020,17:30,King{92}s Lynn,Yeovil,2,1,H,2.50,3.40,2.90,2.45,3.35,2.85,
EC,03/10/2020,15:00,Woking,Dover,0,0,D,,,,2.10,3.30,3.60,
EC,04/10/2020,15:00,Aldershot,Barnet,,,,2.00,3.40,3.80,1.95,3.35,3.75,
EC,10/10/2020,15:00,Barnet,Woking,1,3,A,,,,,,,
,,,,,,,,,,,,,,
') AS file_2020 \gset

SELECT league_code, season, records_loaded, records_inserted, records_updated, records_skipped, status, checksum
  FROM jackpot.ingest_football_data(:'file_2020', snapshot_date => '2021-06-01') \gset first_
SELECT :'first_league_code' AS league_code, :'first_season' AS season, :first_records_loaded AS loaded,
       :first_records_inserted AS inserted, :first_records_updated AS updated, :first_records_skipped AS skipped,
       :'first_status' AS status, :'first_checksum' AS checksum;
SELECT id AS first_log FROM jackpot.ingestion_logs \gset
SELECT l.code, l.name, l.country, l.tier FROM jackpot.leagues l;
SELECT t.name, t.canonical_name FROM jackpot.teams t ORDER BY t.name;
SELECT m.match_date, h.name AS home, a.name AS away, m.home_goals, m.away_goals, m.result, m.closing_odds,
       round(m.prob_home_market::numeric, 6) AS p_home, round(m.prob_draw_market::numeric, 6) AS p_draw,
       round(m.prob_away_market::numeric, 6) AS p_away, m.season, m.snapshot_date
  FROM jackpot.matches m JOIN jackpot.teams h ON h.id = m.home_team_id JOIN jackpot.teams a ON a.id = m.away_team_id
 ORDER BY m.match_date, home;

-- The same file and snapshot again: a no-op returning the existing log
SELECT id = :first_log AS same_log, records_inserted FROM jackpot.ingest_football_data(:'file_2020', snapshot_date => '2021-06-01');
SELECT count(*) AS logs, (SELECT count(*) FROM jackpot.matches) AS matches FROM jackpot.ingestion_logs;

-- A corrected score under the same snapshot is refused; under a new snapshot it updates one row
SELECT pg_temp.csv_file('Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA
EC,03/10/2020,17:30,King{92}s Lynn,Yeovil,2,2,D,2.50,3.40,2.90,2.45,3.35,2.85
EC,03/10/2020,15:00,Woking,Dover,0,0,D,,,,2.10,3.30,3.60
EC,10/10/2020,15:00,Barnet,Woking,1,3,A,,,,,,
') AS corrected \gset
SELECT * FROM jackpot.ingest_football_data(:'corrected', snapshot_date => '2021-06-01');
SELECT records_loaded, records_inserted, records_updated, records_skipped
  FROM jackpot.ingest_football_data(:'corrected', snapshot_date => '2021-06-02');
SELECT home_goals, away_goals, result, snapshot_date FROM jackpot.matches WHERE match_date = '2020-10-03' ORDER BY snapshot_date;

-- A multi-season extra-league file: one log per season, the code derived from Country
SELECT pg_temp.csv_file('{efbbbf}Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,MaxCH,MaxCD,MaxCA,AvgCH,AvgCD,AvgCA
Norway ,Eliteserien ,2021,15/05/2021,16:00,Molde,Bodo/Glimt,1,2,A,2.1,3.5,3.2,2.2,3.6,3.4,2.05,3.45,3.15
Norway ,Eliteserien ,2022,02/04/2022,18:00,Bodo/Glimt,Molde,3,0,H,1.8,3.9,4.2,1.9,4.0,4.4,1.75,3.8,4.1
') AS norway \gset
SELECT league_code, season, records_loaded, records_inserted FROM jackpot.ingest_football_data(:'norway', snapshot_date => '2022-12-01');
SELECT code, name, country FROM jackpot.leagues ORDER BY code;

-- Rejected files name line and column, and write nothing
SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS before FROM (
  SELECT to_jsonb(x) AS t FROM jackpot.matches x UNION ALL SELECT to_jsonb(x) FROM jackpot.teams x
  UNION ALL SELECT to_jsonb(x) FROM jackpot.leagues x UNION ALL SELECT to_jsonb(x) FROM jackpot.ingestion_logs x) s \gset
SELECT * FROM jackpot.ingest_football_data(pg_temp.csv_file('Name,Score
A,1
'));
SELECT * FROM jackpot.ingest_football_data(pg_temp.csv_file('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR
E2,12/09/2020,Hull,Crewe,3,1,H
E2,13/09/2020,Lincoln,Oxford,two,0,H
'));
SELECT * FROM jackpot.ingest_football_data(pg_temp.csv_file('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR
E2,31/09/2020,Hull,Crewe,3,1,H
'));
SELECT * FROM jackpot.ingest_football_data(pg_temp.csv_file('Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR
E2,12/09/2020,Hull,Crewe,3,1,H,4.5
'));
SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) = :'before' AS nothing_written FROM (
  SELECT to_jsonb(x) AS t FROM jackpot.matches x UNION ALL SELECT to_jsonb(x) FROM jackpot.teams x
  UNION ALL SELECT to_jsonb(x) FROM jackpot.leagues x UNION ALL SELECT to_jsonb(x) FROM jackpot.ingestion_logs x) s;
ROLLBACK;
