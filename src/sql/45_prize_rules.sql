-- An operator's prize rules as data (docs/jackpots.md#prize-rules, docs/formulas/ticket-value.md):
-- what a ticket costs and what it can win. Maintained by jackpot_operator, read by every role.

CREATE TABLE jackpot.prize_rules (
  name                 text PRIMARY KEY,
  description          text NOT NULL,
  fixtures             integer NOT NULL,
  stake_per_line       numeric NOT NULL,
  currency             text NOT NULL,
  tiers                jsonb NOT NULL,
  prize_per            text NOT NULL DEFAULT 'line',
  void_rule            text NOT NULL DEFAULT 'counts_correct',
  refund_beyond_voids  integer,
  min_lines            integer NOT NULL DEFAULT 1,
  max_lines            integer NOT NULL,
  is_example           boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
  CONSTRAINT check_prize_rules_name CHECK (name ~ '^[a-z0-9][a-z0-9_-]*$'),
  CONSTRAINT check_prize_rules_fixtures CHECK (fixtures BETWEEN 1 AND 30),
  CONSTRAINT check_prize_rules_stake CHECK (stake_per_line > 0),
  CONSTRAINT check_prize_rules_currency CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT check_prize_rules_per CHECK (prize_per IN ('line', 'ticket')),
  CONSTRAINT check_prize_rules_void CHECK (void_rule IN ('counts_correct', 'tier_drops')),
  CONSTRAINT check_prize_rules_refund CHECK (refund_beyond_voids >= 0),
  CONSTRAINT check_prize_rules_lines CHECK (min_lines >= 1 AND max_lines >= min_lines)
);
COMMENT ON TABLE jackpot.prize_rules IS
  'An operator''s prize rules: fixtures per coupon, stake per line and currency, the prize tiers, whether a prize is paid per line or once per ticket, the void rule and the lines a ticket may have. Maintained by jackpot_operator; every row is checked by the enforce_prize_rules trigger.';
COMMENT ON COLUMN jackpot.prize_rules.tiers IS
  '[{"correct": k, "prize": "fixed" | "pool", "amount": x}, ...] by ascending k: exactly k correct wins amount per winner (fixed) or a share of the pool amount among every entry''s winning lines (pool). Amounts may not fall as k rises.';
COMMENT ON COLUMN jackpot.prize_rules.prize_per IS
  'line: every winning line is paid its tier; ticket: the ticket is paid once, for its best line.';
COMMENT ON COLUMN jackpot.prize_rules.void_rule IS
  'counts_correct: a void fixture counts as correct on every line; tier_drops: it is removed and each tier needs one fewer correct (the same value; see docs/formulas/ticket-value.md).';
COMMENT ON COLUMN jackpot.prize_rules.refund_beyond_voids IS 'More void fixtures than this: every stake is refunded and nothing is won; NULL: never.';
COMMENT ON COLUMN jackpot.prize_rules.is_example IS 'An example shipped with the extension, not any operator''s current terms.';

-- The trigger's check: the tiers' shape here, their values in the core (jackpot.prize_rules_check).
CREATE FUNCTION jackpot.prize_rules_check(fixtures integer, stake_per_line double precision, tier_correct integer[],
                                          tier_kind text[], tier_amount double precision[], prize_per text,
                                          void_rule text, refund_beyond_voids integer, min_lines integer,
                                          max_lines integer)
RETURNS void
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'jackpot_prize_rules_check';
COMMENT ON FUNCTION jackpot.prize_rules_check(integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer) IS
  'Raises 22023 naming the problem of a prize rule set (fixtures outside 1..30, a stake that is not positive or above 1e12, a tier outside 1..fixtures, repeated or out of order, an amount that is not positive or above 1e15, tiers that are not monotone, lines bounds out of order); returns nothing for valid rules.';

-- The tiers as the C functions take them: numbers correct, kinds and amounts, in listed order.
CREATE FUNCTION jackpot.prize_tier_arrays(tiers jsonb, OUT correct integer[], OUT kind text[], OUT amount double precision[])
RETURNS record
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT array_agg((t ->> 'correct')::integer ORDER BY k), array_agg(t ->> 'prize' ORDER BY k),
         array_agg((t ->> 'amount')::double precision ORDER BY k)
    FROM jsonb_array_elements(prize_tier_arrays.tiers) WITH ORDINALITY AS e(t, k);
END;
COMMENT ON FUNCTION jackpot.prize_tier_arrays(jsonb) IS
  'A rule set''s tiers ([{"correct", "prize", "amount"}, ...]) as three arrays in listed order: what prize_rules_check, ticket_distribution and ticket_search take.';

CREATE FUNCTION jackpot.enforce_prize_rules()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  problem text;
BEGIN
  IF jsonb_typeof(NEW.tiers) IS DISTINCT FROM 'array' OR jsonb_array_length(NEW.tiers) = 0
     OR EXISTS (SELECT FROM jsonb_array_elements(NEW.tiers) AS t
                 WHERE jsonb_typeof(t) <> 'object' OR (SELECT count(*) FROM jsonb_object_keys(t)) <> 3
                    OR coalesce(t ->> 'correct', '') !~ '^[0-9]{1,2}$' OR (t ->> 'prize') IS NULL
                    OR jsonb_typeof(t -> 'amount') IS DISTINCT FROM 'number') THEN
    RAISE EXCEPTION 'prize rules "%": tiers must be a non-empty array of {"correct": k, "prize": "fixed" or "pool", "amount": x}', NEW.name
      USING ERRCODE = '22023';
  END IF;
  BEGIN
    PERFORM jackpot.prize_rules_check(NEW.fixtures, NEW.stake_per_line::float8, a.correct, a.kind, a.amount,
                                      NEW.prize_per, NEW.void_rule, NEW.refund_beyond_voids, NEW.min_lines, NEW.max_lines)
       FROM jackpot.prize_tier_arrays(NEW.tiers) AS a;
  EXCEPTION WHEN invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS problem = MESSAGE_TEXT;
    RAISE EXCEPTION 'prize rules "%": %', NEW.name, problem USING ERRCODE = '22023';
  END;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION jackpot.enforce_prize_rules() IS
  'Trigger: refuses prize rules whose tiers are malformed or whose values do not make sense (22023, naming the rule set and the problem), and stamps updated_at.';
CREATE TRIGGER enforce_prize_rules BEFORE INSERT OR UPDATE ON jackpot.prize_rules
  FOR EACH ROW EXECUTE FUNCTION jackpot.enforce_prize_rules();
COMMENT ON TRIGGER enforce_prize_rules ON jackpot.prize_rules IS 'Rule prize_rules.valid (22023).';

-- Two examples, shaped like real coupons; the amounts are examples, not any operator's terms.
INSERT INTO jackpot.prize_rules (name, description, fixtures, stake_per_line, currency, tiers, prize_per, void_rule,
                                 refund_beyond_voids, min_lines, max_lines, is_example)
VALUES ('example-mega-17',
        'Example shaped like a 17-fixture mega jackpot: bonuses from 12 correct, the two top tiers shared pools. Amounts are examples, not any operator''s terms.',
        17, 99, 'KES',
        '[{"correct": 12, "prize": "fixed", "amount": 150}, {"correct": 13, "prize": "fixed", "amount": 1000},
          {"correct": 14, "prize": "fixed", "amount": 5000}, {"correct": 15, "prize": "fixed", "amount": 50000},
          {"correct": 16, "prize": "pool", "amount": 5000000}, {"correct": 17, "prize": "pool", "amount": 200000000}]',
        'line', 'counts_correct', 3, 1, 100000, true),
       ('example-midweek-13',
        'Example shaped like a 13-fixture midweek jackpot: bonuses from 10 correct, the top tier a shared pool. Amounts are examples, not any operator''s terms.',
        13, 50, 'KES',
        '[{"correct": 10, "prize": "fixed", "amount": 300}, {"correct": 11, "prize": "fixed", "amount": 2000},
          {"correct": 12, "prize": "fixed", "amount": 20000}, {"correct": 13, "prize": "pool", "amount": 15000000}]',
        'line', 'counts_correct', 2, 1, 50000, true);
