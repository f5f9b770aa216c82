-- Tickets that pay: the prize rules table (its permissions, its checks, the shipped examples),
-- ticket_value, optimize_ticket and optimize_tickets on a real jackpot, settled results and voids,
-- and every refusal with its SQLSTATE.
\ir include/setup.sql
SELECT plan(31);

-- the rules table -----------------------------------------------------------------------------
SELECT results_eq($$SELECT name, fixtures, is_example FROM jackpot.prize_rules ORDER BY name$$,
                  $$VALUES ('example-mega-17', 17, true), ('example-midweek-13', 13, true)$$,
                  'two example rule sets ship with the extension, marked as examples');
CREATE ROLE test_operator LOGIN;
CREATE ROLE test_reader LOGIN;
CREATE ROLE test_analyst LOGIN;
GRANT jackpot_operator TO test_operator;
GRANT jackpot_reader TO test_reader;
GRANT jackpot_analyst TO test_analyst;
CREATE FUNCTION pg_temp.as_role(login text, statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  outcome text := 'allowed';
BEGIN
  EXECUTE format('SET SESSION AUTHORIZATION %I', login);
  BEGIN
    EXECUTE statement;
  EXCEPTION WHEN OTHERS THEN
    outcome := SQLSTATE;
  END;
  RESET SESSION AUTHORIZATION;
  RETURN outcome;
END
$$;
CREATE TEMP TABLE new_rules AS SELECT $$INSERT INTO jackpot.prize_rules (name, description, fixtures, stake_per_line, currency, tiers, max_lines)
  VALUES ('house-13', 'a test', 13, 20, 'KES', '[{"correct": 12, "prize": "fixed", "amount": 1000}, {"correct": 13, "prize": "pool", "amount": 500000}]', 5000)$$ AS sql;
SELECT is(pg_temp.as_role('test_reader', 'SELECT count(*) FROM jackpot.prize_rules'), 'allowed', 'a reader reads the prize rules');
SELECT is(pg_temp.as_role('test_reader', (SELECT sql FROM new_rules)), '42501', 'a reader cannot add rules');
SELECT is(pg_temp.as_role('test_analyst', (SELECT sql FROM new_rules)), '42501', 'an analyst cannot add rules');
SELECT is(pg_temp.as_role('test_operator', (SELECT sql FROM new_rules)), 'allowed', 'the operator adds rules');
SELECT is(pg_temp.as_role('test_operator', $$UPDATE jackpot.prize_rules SET stake_per_line = 25 WHERE name = 'house-13'$$), 'allowed',
          'and changes them');
SELECT is(pg_temp.as_role('test_reader', $$DELETE FROM jackpot.prize_rules WHERE name = 'house-13'$$), '42501', 'a reader cannot delete rules');
SELECT is(pg_temp.refusal($$UPDATE jackpot.prize_rules SET tiers = '[{"correct": 12, "prize": "fixed", "amount": 900}, {"correct": 13, "prize": "fixed", "amount": 800}]' WHERE name = 'house-13'$$),
          '22023 prize rules "house-13"', 'tiers that fall as the number correct rises are refused');
SELECT throws_ok($$UPDATE jackpot.prize_rules SET tiers = '[{"correct": 13, "prize": "fixed", "amount": 900}, {"correct": 12, "prize": "fixed", "amount": 1800}]' WHERE name = 'house-13'$$,
                 '22023', 'prize rules "house-13": tiers must be listed by ascending number correct, each once: 13 then 12',
                 'tiers out of order: the message names them');
SELECT is(pg_temp.refusal($$UPDATE jackpot.prize_rules SET tiers = '[{"correct": 12, "prize": "jackpot", "amount": 900}]' WHERE name = 'house-13'$$),
          '22023 prize rules "house-13"', 'an unknown kind of prize is refused');
SELECT is(pg_temp.refusal($$UPDATE jackpot.prize_rules SET tiers = '{"correct": 12}' WHERE name = 'house-13'$$),
          '22023 prize rules "house-13"', 'tiers that are not an array of tiers are refused');
SELECT is(pg_temp.refusal($$UPDATE jackpot.prize_rules SET tiers = '[{"correct": 14, "prize": "fixed", "amount": 900}]' WHERE name = 'house-13'$$),
          '22023 prize rules "house-13"', 'a tier beyond the coupon''s fixtures is refused');
SELECT is(pg_temp.refusal($$UPDATE jackpot.prize_rules SET currency = 'shillings' WHERE name = 'house-13'$$),
          '23514 check_prize_rules_currency', 'a currency is an ISO 4217 code');
SELECT throws_ok($$UPDATE jackpot.prize_rules SET min_lines = 10, max_lines = 5 WHERE name = 'house-13'$$,
                 '22023', 'prize rules "house-13": lines bounds must satisfy 1 <= min_lines <= max_lines, not 10 .. 5',
                 'line bounds in order, the message naming them');

-- a 13-fixture jackpot of the six-team league ---------------------------------------------------
\ir ../fixtures/six_team_league.sql
SELECT 1 FROM jackpot.dixon_coles_fit('T1', '2024-06-01');
SELECT jackpot.create_jackpot((SELECT jsonb_agg(jsonb_build_object('home', 'Team ' || h, 'away', 'Team ' || a, 'date', '2024-06-08') ORDER BY h, a)
                                 FROM (SELECT h, a FROM generate_series(1, 6) AS h, generate_series(1, 6) AS a
                                        WHERE h <> a ORDER BY h, a LIMIT 13) AS x)) AS j \gset
SELECT is(pg_temp.refusal(format($$SELECT jackpot.ticket_value(%L, 'A', array_fill('1'::text, ARRAY[13]), 'example-midweek-13')$$, :'j')),
          '55000 jackpot ' || :'j' || ' has no predictions', 'a jackpot not yet predicted: 55000');
SELECT count(*) FROM jackpot.predict_jackpot(:'j') \gset
CREATE TEMP TABLE picks AS
  SELECT array_agg(CASE pick WHEN 'H' THEN '1' WHEN 'D' THEN 'X' ELSE '2' END ORDER BY match_order) AS singles
    FROM jackpot.jackpot_picks(:'j', 'A');
SELECT ok((SELECT abs(v.p_jackpot - s.p_all_correct) < 1e-15 AND v.lines = 1 AND v.cost = 50
             FROM jackpot.ticket_value(:'j', 'A', (SELECT singles FROM picks), 'example-midweek-13') AS v,
                  jackpot.jackpot_summary(:'j', 'A') AS s),
          'the favourites'' singles: one line at the stake, P(all correct) the product of the picks'' probabilities (as jackpot_summary)');
SELECT ok((SELECT array_lower(best_line_pmf, 1) = 0 AND array_upper(best_line_pmf, 1) = 13
                  AND abs((SELECT sum(x) FROM unnest(best_line_pmf) AS x) - 1) < 1e-12
                  AND abs((SELECT sum(x) FROM unnest(expected_lines) AS x) - lines) < 1e-9
             FROM jackpot.ticket_value(:'j', 'A', '{1X,1,1,1X2,1,1,2,1,1,X,1,1,1}', 'example-midweek-13')),
          'a combination ticket: the best line''s distribution over 0..13 sums to 1, the expected lines per number correct to its 6 lines');
SELECT ok((SELECT a.expected_prize > b.expected_prize
             FROM jackpot.ticket_value(:'j', 'A', (SELECT singles FROM picks), 'example-midweek-13', 0) AS a,
                  jackpot.ticket_value(:'j', 'A', (SELECT singles FROM picks), 'example-midweek-13', 1000000) AS b),
          'a pool shared with a million other entries is worth less than one kept whole');
SELECT is(pg_temp.refusal(format($$SELECT jackpot.ticket_value(%L, 'A', array_fill('1'::text, ARRAY[12]), 'example-midweek-13')$$, :'j')),
          '22023 the ticket has 12 selections for 13 fixtures', 'selections that do not match the jackpot''s fixtures: 22023');
SELECT is(pg_temp.refusal(format($$SELECT jackpot.ticket_value(%L, 'A', array_fill('Y'::text, ARRAY[13]), 'example-midweek-13')$$, :'j')),
          '22023 selection 1', 'a selection outside 1 X 2 1X 12 X2 1X2: 22023, naming it');
SELECT is(pg_temp.refusal(format($$SELECT jackpot.ticket_value(%L, 'A', array_fill('1'::text, ARRAY[13]), 'example-mega-17')$$, :'j')),
          '22023 the ticket has 13 selections; the rules are for coupons of 17 fixtures', 'rules for another coupon size: 22023');
SELECT is(pg_temp.refusal(format($$SELECT jackpot.ticket_value(%L, 'A', array_fill('1'::text, ARRAY[13]), 'example-midweek-13', -1)$$, :'j')),
          '22023 ticket_value', 'N < 0: 22023');

-- optimising ------------------------------------------------------------------------------------
SELECT ok((SELECT abs(n.p_jackpot - o.p_win) < 1e-15 AND n.gap_bound = 0 AND n.lines <= 96
             FROM jackpot.optimize_ticket(:'j', 'A', 96 * 50, 'example-midweek-13', 'p_jackpot') AS n,
                  (SELECT DISTINCT p_win FROM jackpot.optimize_ticket(:'j', 'A', 96)) AS o),
          'p_jackpot within a budget of 96 lines: the dynamic programme''s P(all correct), exact (gap 0)');
SELECT ok((SELECT n.expected_return >= v.expected_return - 1e-9 AND n.cost <= 5000
             FROM jackpot.optimize_ticket(:'j', 'A', 5000, 'example-midweek-13', 'expected_return', 100000) AS n,
                  jackpot.ticket_value(:'j', 'A', (SELECT singles FROM picks), 'example-midweek-13', 100000) AS v),
          'expected_return: no worse than the favourites'' singles, within the budget');
SELECT is(pg_temp.refusal(format($$SELECT * FROM jackpot.optimize_ticket(%L, 'A', 49, 'example-midweek-13', 'p_jackpot')$$, :'j')),
          '22023 a budget of 49 KES buys 0 line(s) per ticket at 50 a line', 'a budget below one line: 22023');
SELECT is(pg_temp.refusal(format($$SELECT * FROM jackpot.optimize_ticket(%L, 'A', 'NaN', 'example-midweek-13', 'p_jackpot')$$, :'j')),
          '22023 the budget must be a finite amount, not NaN', 'a budget that is not a number: 22023');
SELECT is(pg_temp.refusal(format($$SELECT * FROM jackpot.optimize_ticket(%L, 'A', 5000, 'example-midweek-13', 'profit')$$, :'j')),
          '22023 unknown objective "profit"', 'an unknown objective: 22023');
SELECT ok((SELECT bool_and(t.p_at_least_one_jackpot >= t.p_jackpot - 1e-15) AND max(t.p_at_least_one_jackpot) > max(t.p_jackpot)
             FROM jackpot.optimize_tickets(:'j', 'A', 3 * 32 * 50, 'example-midweek-13', 'p_jackpot', 0, 3) AS t),
          'three tickets: P(at least one all correct) grows beyond the best single ticket''s');
SELECT is(pg_temp.refusal(format($$SELECT * FROM jackpot.optimize_tickets(%L, 'A', 5000, 'example-midweek-13', 'p_any_prize', 0, 3)$$, :'j')),
          '22023 optimize_tickets maximises ''p_jackpot'' (P(at least one ticket all correct)) or ''expected_return''; P(at least one ticket wins a lower tier) has no exact form over several tickets here',
          'several tickets for a lower tier: refused, saying why');

-- settled results and voids ---------------------------------------------------------------------
SELECT jackpot.finalize_jackpot(:'j');
SELECT jackpot.record_result(:'j', 1, 2, 0);
SELECT jackpot.record_void(:'j', 2);
SELECT ok((SELECT v.voids = 1 AND NOT v.refunded AND v.best_line_pmf[0] = 0
             FROM jackpot.ticket_value(:'j', 'A', '{1,2,1,1,1,1,1,1,1,1,1,1,1}', 'example-midweek-13') AS v),
          'a home win recorded on fixture 1 (picked) and a void on fixture 2 (counts correct): the best line has at least two right');
SELECT jackpot.record_void(:'j', 3);
SELECT jackpot.record_void(:'j', 4);
SELECT ok((SELECT v.refunded AND v.expected_prize = 0 AND v.expected_return = 0
             FROM jackpot.ticket_value(:'j', 'A', (SELECT singles FROM picks), 'example-midweek-13') AS v),
          'three voids, more than the example allows: stakes refunded, nothing won');

SELECT * FROM finish();
ROLLBACK;
