-- Tickets that pay (docs/jackpots.md#tickets-that-pay, docs/formulas/ticket-value.md): a
-- ticket's exact value under an operator's prize rules, the best ticket within a budget, and the
-- best few. The arithmetic is in C (jackpot.ticket_distribution, jackpot.ticket_search); these
-- read the jackpot, its predictions and the rules.

CREATE FUNCTION jackpot.prize_rules_row(rules text)
RETURNS jackpot.prize_rules
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r jackpot.prize_rules;
BEGIN
  SELECT * INTO r FROM jackpot.prize_rules AS p WHERE p.name = prize_rules_row.rules;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown prize rules "%"', coalesce(rules, 'NULL') USING ERRCODE = '22023',
      HINT = (SELECT 'Known: ' || string_agg(p.name, ', ' ORDER BY p.name) FROM jackpot.prize_rules AS p);
  END IF;
  RETURN r;
END
$$;
COMMENT ON FUNCTION jackpot.prize_rules_row(text) IS 'The prize rules of this name, or 22023 naming the known ones.';

CREATE FUNCTION jackpot.ticket_distribution(probs double precision[], public_picks double precision[], selections text[],
                                            results text[], entries double precision, fixtures integer,
                                            stake_per_line double precision, tier_correct integer[], tier_kind text[],
                                            tier_amount double precision[], prize_per text, void_rule text,
                                            refund_beyond_voids integer, min_lines integer, max_lines integer,
                                            OUT lines bigint, OUT cost double precision, OUT voids integer,
                                            OUT refunded boolean, OUT best_line_pmf double precision[],
                                            OUT expected_lines double precision[], OUT tier_probabilities double precision[],
                                            OUT p_any_prize double precision, OUT expected_prize double precision,
                                            OUT prize_sd double precision, OUT expected_return double precision)
RETURNS record
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'jackpot_ticket_distribution';
COMMENT ON FUNCTION jackpot.ticket_distribution(double precision[], double precision[], text[], text[], double precision, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer) IS
  'The exact value of one ticket (one selection per fixture) under prize rules given as arrays: probs and public_picks hold (home, draw, away) per fixture, results NULL (open), H/D/A (known) or void. What jackpot.ticket_value computes for a jackpot.';

CREATE FUNCTION jackpot.ticket_search(probs double precision[], public_picks double precision[], results text[],
                                      entries double precision, max_lines bigint, objective text, tickets integer,
                                      fixtures integer, stake_per_line double precision, tier_correct integer[],
                                      tier_kind text[], tier_amount double precision[], prize_per text, void_rule text,
                                      refund_beyond_voids integer, min_lines integer, max_lines_allowed integer)
RETURNS TABLE (ticket integer, selections text[], objective_value double precision, method text,
               gap_bound double precision, evaluated bigint)
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'jackpot_ticket_search';
COMMENT ON FUNCTION jackpot.ticket_search(double precision[], double precision[], text[], double precision, bigint, text, integer, integer, double precision, integer[], text[], double precision[], text, text, integer, integer, integer) IS
  'The best ticket (tickets = 1) or the best few within max_lines lines each, for an objective (expected_return, p_jackpot, p_any_prize), with how each was found and the gap to the optimum it proves (0: exact; after a local search, a proven bound). What jackpot.optimize_ticket and optimize_tickets compute for a jackpot.';

-- A jackpot's fixtures as the ticket arithmetic takes them: the set's probabilities, the public
-- pick distribution (given, or the market's probabilities where the fixture had odds, else the
-- set's, each sharpened by jackpot.public_pick_exponent) and the results so far.
CREATE FUNCTION jackpot.ticket_inputs(jackpot_id uuid, set_id jackpot.prediction_set, public_picks double precision[],
                                      OUT probs double precision[], OUT public double precision[], OUT results text[],
                                      OUT fixtures integer)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  j jackpot.jackpots := jackpot.jackpot_row(ticket_inputs.jackpot_id);
  gamma double precision := jackpot.setting('public_pick_exponent')::float8;
BEGIN
  SELECT array_agg(v ORDER BY f.match_order, k), count(*) / 3
    INTO probs, fixtures
    FROM jackpot.jackpot_fixtures AS f
    JOIN jackpot.predictions AS p ON p.fixture_id = f.id AND p.set_id = ticket_inputs.set_id
   CROSS JOIN LATERAL (VALUES (1, p.prob_home), (2, p.prob_draw), (3, p.prob_away)) AS x(k, v)
   WHERE f.jackpot_id = j.id;
  IF probs IS NULL THEN
    RAISE EXCEPTION 'jackpot % has no predictions', j.id
      USING ERRCODE = '55000', HINT = 'Predict it first with jackpot.predict_jackpot(jackpot_id).';
  END IF;
  SELECT array_agg(CASE f.result_status WHEN 'played' THEN f.actual_result::text
                                         WHEN 'void' THEN coalesce(f.actual_result::text, 'void') END ORDER BY f.match_order)
    INTO results
    FROM jackpot.jackpot_fixtures AS f WHERE f.jackpot_id = j.id;
  IF ticket_inputs.public_picks IS NOT NULL THEN
    IF cardinality(ticket_inputs.public_picks) <> 3 * fixtures
       OR EXISTS (SELECT FROM unnest(ticket_inputs.public_picks) AS q WHERE q IS NULL OR q < 0 OR q > 1) THEN
      RAISE EXCEPTION 'public_picks must hold three shares in [0, 1] (home, draw, away) for each of the % fixtures, % values in all', fixtures, 3 * fixtures
        USING ERRCODE = '22023';
    END IF;
    public := ARRAY(SELECT q FROM unnest(ticket_inputs.public_picks) AS q);
    RETURN;
  END IF;
  IF gamma IS NULL OR gamma <= 0 THEN
    RAISE EXCEPTION 'jackpot.public_pick_exponent must be positive' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg(b.v ^ gamma / s.total ORDER BY f.match_order, b.k)
    INTO public
    FROM jackpot.jackpot_fixtures AS f
    JOIN jackpot.predictions AS p ON p.fixture_id = f.id AND p.set_id = ticket_inputs.set_id
   CROSS JOIN LATERAL (VALUES (1, coalesce(p.market_prob_home, p.prob_home)), (2, coalesce(p.market_prob_draw, p.prob_draw)),
                              (3, coalesce(p.market_prob_away, p.prob_away))) AS b(k, v)
   CROSS JOIN LATERAL (SELECT coalesce(p.market_prob_home, p.prob_home) ^ gamma + coalesce(p.market_prob_draw, p.prob_draw) ^ gamma
                              + coalesce(p.market_prob_away, p.prob_away) ^ gamma AS total) AS s
   WHERE f.jackpot_id = j.id;
END
$$;
COMMENT ON FUNCTION jackpot.ticket_inputs(uuid, jackpot.prediction_set, double precision[]) IS
  'A jackpot''s fixtures as the ticket arithmetic takes them: the set''s probabilities (home, draw, away per fixture), the public pick distribution (public_picks when given, else the market probabilities where the fixture had odds, else the set''s, sharpened: p^gamma / sum p^gamma, gamma = jackpot.public_pick_exponent), and the results so far (NULL open, H/D/A, void). 55000 for a jackpot not yet predicted.';

CREATE FUNCTION jackpot.ticket_value(jackpot_id uuid, set_id jackpot.prediction_set, selections text[], rules text,
                                     entries integer DEFAULT 0, public_picks double precision[] DEFAULT NULL)
RETURNS TABLE (lines bigint, cost numeric, currency text, expected_prize double precision, prize_sd double precision,
               expected_return double precision, best_line_pmf double precision[], expected_lines double precision[],
               tier_correct integer[], tier_probabilities double precision[], p_any_prize double precision,
               p_jackpot double precision, voids integer, refunded boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r jackpot.prize_rules := jackpot.prize_rules_row(ticket_value.rules);
  i record;
  d record;
  tiers record;
BEGIN
  IF entries IS NULL OR entries < 0 THEN
    RAISE EXCEPTION 'ticket_value: entries (the other entries sharing a pool) must be >= 0, not %', coalesce(entries::text, 'NULL')
      USING ERRCODE = '22023';
  END IF;
  IF selections IS NULL THEN
    RAISE EXCEPTION 'ticket_value: selections must not be NULL' USING ERRCODE = '22004';
  END IF;
  i := jackpot.ticket_inputs(ticket_value.jackpot_id, ticket_value.set_id, ticket_value.public_picks);
  tiers := jackpot.prize_tier_arrays(r.tiers);
  d := jackpot.ticket_distribution(i.probs, i.public, ticket_value.selections, i.results, entries, r.fixtures,
                                   r.stake_per_line::float8, tiers.correct, tiers.kind, tiers.amount,
                                   r.prize_per, r.void_rule, r.refund_beyond_voids, r.min_lines, r.max_lines);
  RETURN QUERY SELECT d.lines, d.lines * r.stake_per_line, r.currency, d.expected_prize, d.prize_sd, d.expected_return,
                      ('[0:' || i.fixtures || ']=' || d.best_line_pmf::text)::float8[],
                      ('[0:' || i.fixtures || ']=' || d.expected_lines::text)::float8[],
                      tiers.correct, d.tier_probabilities, d.p_any_prize, d.best_line_pmf[i.fixtures + 1], d.voids, d.refunded;
END
$$;
COMMENT ON FUNCTION jackpot.ticket_value(uuid, jackpot.prediction_set, text[], text, integer, double precision[]) IS
  'The exact value of a ticket on a jackpot under a set and a rule set: selections one per fixture in match order (1 X 2 1X 12 X2 1X2); its lines and cost, the expected prize and its standard deviation, the expected return (prize - cost), the best line''s number-correct distribution and the expected lines per number correct (subscripts 0..n), each tier''s probability, P(any prize), P(all correct). entries other entries share the pools, their picks following public_picks (3 per fixture) or the market sharpened by jackpot.public_pick_exponent. Results and voids so far are settled by the rules'' void clause.';

-- The rules' arrays, once, for the two searches below.
CREATE FUNCTION jackpot.ticket_search_for(jackpot_id uuid, set_id jackpot.prediction_set, budget numeric, rules text,
                                          objective text, entries integer, tickets integer, public_picks double precision[])
RETURNS TABLE (ticket integer, selections text[], objective_value double precision, method text,
               gap_bound double precision, evaluated bigint)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r jackpot.prize_rules := jackpot.prize_rules_row(ticket_search_for.rules);
  i record;
  affordable numeric;
BEGIN
  IF budget IS NULL OR objective IS NULL OR entries IS NULL OR tickets IS NULL THEN
    RAISE EXCEPTION 'budget, objective, entries and tickets must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF entries < 0 THEN
    RAISE EXCEPTION 'entries (the other entries sharing a pool) must be >= 0, not %', entries USING ERRCODE = '22023';
  END IF;
  IF budget = 'NaN'::numeric OR budget IN ('Infinity'::numeric, '-Infinity'::numeric) THEN
    RAISE EXCEPTION 'the budget must be a finite amount, not %', budget USING ERRCODE = '22023';
  END IF;
  IF tickets < 1 OR tickets > 10 THEN
    RAISE EXCEPTION 'tickets must lie in 1 .. 10, not %', tickets USING ERRCODE = '22023';
  END IF;
  affordable := floor(budget / r.stake_per_line / tickets);
  IF affordable < r.min_lines THEN
    RAISE EXCEPTION 'a budget of % % buys % line(s) per ticket at % a line: below the rules'' minimum of % (a budget below one line)',
      budget, r.currency, affordable, r.stake_per_line, r.min_lines USING ERRCODE = '22023';
  END IF;
  i := jackpot.ticket_inputs(ticket_search_for.jackpot_id, ticket_search_for.set_id, ticket_search_for.public_picks);
  RETURN QUERY
  SELECT s.* FROM jackpot.prize_tier_arrays(r.tiers) AS a,
         jackpot.ticket_search(i.probs, i.public, i.results, entries, least(affordable, r.max_lines)::bigint, objective, tickets,
                               r.fixtures, r.stake_per_line::float8, a.correct, a.kind, a.amount,
                               r.prize_per, r.void_rule, r.refund_beyond_voids, r.min_lines, r.max_lines) AS s;
END
$$;
COMMENT ON FUNCTION jackpot.ticket_search_for(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[]) IS
  'The search behind optimize_ticket and optimize_tickets: checks the budget (at least the rules'' minimum lines per ticket), reads the jackpot and the rules, and runs jackpot.ticket_search.';

CREATE FUNCTION jackpot.optimize_ticket(jackpot_id uuid, set_id jackpot.prediction_set, budget numeric, rules text,
                                        objective text, entries integer DEFAULT 0, public_picks double precision[] DEFAULT NULL)
RETURNS TABLE (selections text[], lines bigint, cost numeric, currency text, expected_prize double precision,
               prize_sd double precision, expected_return double precision, best_line_pmf double precision[],
               tier_correct integer[], tier_probabilities double precision[], p_any_prize double precision,
               p_jackpot double precision, objective_value double precision, method text, gap_bound double precision)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT s.selections, v.lines, v.cost, v.currency, v.expected_prize, v.prize_sd, v.expected_return, v.best_line_pmf,
         v.tier_correct, v.tier_probabilities, v.p_any_prize, v.p_jackpot, s.objective_value, s.method, s.gap_bound
    FROM jackpot.ticket_search_for(optimize_ticket.jackpot_id, optimize_ticket.set_id, optimize_ticket.budget,
                                   optimize_ticket.rules, optimize_ticket.objective, optimize_ticket.entries, 1,
                                   optimize_ticket.public_picks) AS s
   CROSS JOIN LATERAL jackpot.ticket_value(optimize_ticket.jackpot_id, optimize_ticket.set_id, s.selections,
                                           optimize_ticket.rules, optimize_ticket.entries, optimize_ticket.public_picks) AS v;
END;
COMMENT ON FUNCTION jackpot.optimize_ticket(uuid, jackpot.prediction_set, numeric, text, text, integer, double precision[]) IS
  'The best ticket on a jackpot within a budget (in the rules'' currency) for an objective: expected_return (prize - cost), p_jackpot (P(all correct): exact, dynamic programming) or p_any_prize; selections and every column of ticket_value, with how it was found and the gap to the optimum it proves (0 exact; after a local search on instances too large to enumerate, a proven but loose bound).';

CREATE FUNCTION jackpot.optimize_tickets(jackpot_id uuid, set_id jackpot.prediction_set, budget numeric, rules text,
                                         objective text, entries integer DEFAULT 0, tickets integer DEFAULT 2,
                                         public_picks double precision[] DEFAULT NULL)
RETURNS TABLE (ticket integer, selections text[], lines bigint, cost numeric, expected_prize double precision,
               expected_return double precision, p_jackpot double precision, gain double precision,
               p_at_least_one_jackpot double precision, method text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT s.ticket, s.selections, v.lines, v.cost, v.expected_prize, v.expected_return, v.p_jackpot, s.objective_value,
         CASE WHEN optimize_tickets.objective = 'p_jackpot'
              THEN sum(s.objective_value) OVER (ORDER BY s.ticket) END,
         s.method
    FROM jackpot.ticket_search_for(optimize_tickets.jackpot_id, optimize_tickets.set_id, optimize_tickets.budget,
                                   optimize_tickets.rules, optimize_tickets.objective, optimize_tickets.entries,
                                   optimize_tickets.tickets, optimize_tickets.public_picks) AS s
   CROSS JOIN LATERAL jackpot.ticket_value(optimize_tickets.jackpot_id, optimize_tickets.set_id, s.selections,
                                           optimize_tickets.rules, optimize_tickets.entries, optimize_tickets.public_picks) AS v
   ORDER BY s.ticket;
END;
COMMENT ON FUNCTION jackpot.optimize_tickets(uuid, jackpot.prediction_set, numeric, text, text, integer, integer, double precision[]) IS
  'K tickets (1..10) sharing a budget equally: p_jackpot maximises P(at least one ticket all correct) greedily (a coverage function: (1 - 1/e) of the best K when each step''s ticket is the best), exact by inclusion-exclusion; expected_return is additive, so the best ticket K times. Per ticket its selections, value, its gain and the running P(at least one all correct).';
