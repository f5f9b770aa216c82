-- One pgbench transaction of a jackpot's life: create a 13-fixture coupon of the OP league
-- (test/operations/league.sql) in this client's name, predict it under the seven sets, finalise
-- it, and read its summary.
\set first random(1, 10)
SELECT jackpot.create_jackpot(
         (SELECT jsonb_agg(jsonb_build_object('home', names[h], 'away', names[(h + k / 10) % 10 + 1],
                                              'date', '2024-06-10', 'odds_home', 2.2, 'odds_draw', 3.3, 'odds_away', 3.4))
            FROM (SELECT k, (:first + k) % 10 + 1 AS h FROM generate_series(0, 12) AS k) AS f,
                 (SELECT ARRAY['Ashby', 'Brent', 'Corby', 'Derby', 'Epsom', 'Fleet', 'Goole', 'Hythe', 'Ilkey', 'Jarrow'] AS names) AS n),
         user_id => 'bench-' || :client_id) AS id \gset
SELECT count(*) FROM jackpot.predict_jackpot(':id');
SELECT status FROM jackpot.finalize_jackpot(':id');
SELECT expected_correct FROM jackpot.jackpot_summary(':id', 'B');
