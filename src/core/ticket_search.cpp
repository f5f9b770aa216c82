#include "core/ticket_search.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "core/jackpot_odds.hpp"

namespace jackpot::core {
namespace {

// The probabilities a selection is ranked by: the model's while open, the known result once
// played, any single on a void (every pick counts there).
Probabilities effective_probabilities(const TicketFixture& f) {
  if (f.state == FixtureState::open) return f.model;
  Probabilities p{0, 0, 0};
  p[f.state == FixtureState::played ? static_cast<std::size_t>(f.result) : 0] = 1;
  return p;
}

struct Search {
  const std::vector<TicketFixture>& fixtures;
  const PrizeRules& rules;
  double entries;
  std::int64_t min_lines, max_lines;
  std::function<double(const std::vector<unsigned>&)> score;  // the objective of a ticket
  std::vector<std::vector<unsigned>> candidates;             // per fixture
  std::vector<std::array<unsigned, 3>> tops;                 // per fixture: top-1, top-2, top-3
  std::int64_t evaluated = 0;

  std::int64_t lines_of(const std::vector<unsigned>& t) const {
    std::int64_t lines = 1;
    for (const unsigned s : t) lines *= selection_size(s);
    return lines;
  }
  bool allowed(const std::vector<unsigned>& t) const {
    const std::int64_t lines = lines_of(t);
    return lines >= min_lines && lines <= max_lines;
  }
  double value(const std::vector<unsigned>& t) {
    ++evaluated;
    return score(t);
  }

  std::int64_t configurations() const {
    double count = 1;
    for (const auto& c : candidates) count *= static_cast<double>(c.size());
    return count > 9e18 ? INT64_MAX : static_cast<std::int64_t>(count);
  }

  // Every combination of candidates within the line bounds; the first of equals kept.
  std::pair<std::vector<unsigned>, double> exhaustive() {
    std::vector<unsigned> current(fixtures.size()), best;
    double best_value = -INFINITY;
    std::function<void(std::size_t, std::int64_t)> walk = [&](std::size_t i, std::int64_t lines) {
      if (lines > max_lines) return;
      if (i == fixtures.size()) {
        if (lines < min_lines) return;
        const double v = value(current);
        if (v > best_value) {
          best_value = v;
          best = current;
        }
        return;
      }
      for (const unsigned c : candidates[i]) {
        current[i] = c;
        walk(i + 1, lines * selection_size(c));
      }
    };
    walk(0, 1);
    if (best.empty()) throw std::invalid_argument("no ticket has between " + std::to_string(min_lines) + " and " + std::to_string(max_lines) + " lines");
    return {best, best_value};
  }

  // Best-improvement over single-fixture moves (any candidate) and paired moves (one fixture one
  // size up among its most likely outcomes, another one size down), until none improves.
  std::pair<std::vector<unsigned>, double> local_search(std::vector<unsigned> t) {
    double current = value(t);
    const auto size_step = [&](std::size_t i, int delta) -> unsigned {
      const int s = selection_size(t[i]) + delta;
      return s >= 1 && s <= 3 ? tops[i][static_cast<std::size_t>(s - 1)] : 0u;
    };
    for (int sweep = 0; sweep < 200; ++sweep) {
      std::vector<unsigned> best = t;
      double best_value = current;
      std::vector<unsigned> trial = t;
      for (std::size_t i = 0; i < t.size(); ++i) {
        for (const unsigned c : candidates[i]) {
          if (c == t[i]) continue;
          trial[i] = c;
          if (allowed(trial)) {
            const double v = value(trial);
            if (v > best_value) best_value = v, best = trial;
          }
        }
        trial[i] = t[i];
      }
      for (std::size_t i = 0; i < t.size(); ++i) {
        const unsigned up = size_step(i, +1);
        if (!up) continue;
        for (std::size_t j = 0; j < t.size(); ++j) {
          const unsigned down = j == i ? 0u : size_step(j, -1);
          if (!down) continue;
          trial[i] = up;
          trial[j] = down;
          if (allowed(trial)) {
            const double v = value(trial);
            if (v > best_value) best_value = v, best = trial;
          }
          trial[i] = t[i];
          trial[j] = t[j];
        }
      }
      if (!(best_value > current)) break;
      t = best;
      current = best_value;
    }
    return {t, current};
  }
};

double objective_of(const TicketValue& v, TicketObjective objective) {
  switch (objective) {
    case TicketObjective::p_jackpot: return v.best_line_pmf.back();
    case TicketObjective::p_any_prize: return v.p_any_prize;
    case TicketObjective::expected_return: break;
  }
  return v.expected_return;
}

bool pool_matters(const PrizeRules& rules, double entries) {
  return entries > 0 && std::any_of(rules.tiers.begin(), rules.tiers.end(), [](const PrizeTier& t) { return t.shared; });
}

// Tiers that do not run without a gap from the lowest to every fixture right: one more right
// can then lose a prize, and the most likely outcomes are no longer enough as candidates.
bool tiers_have_gaps(const PrizeRules& rules) {
  for (std::size_t i = 1; i < rules.tiers.size(); ++i)
    if (rules.tiers[i].correct != rules.tiers[i - 1].correct + 1) return true;
  return rules.tiers.back().correct != rules.fixtures;
}

// A bound no ticket within the line bounds exceeds, for the objectives without an exact method.
// A ticket's prize is at most the sum of its lines' (per ticket, its best line's, which is one of
// them); a line is worth at most what the favourites' single line is worth with every pool kept
// whole and each amount raised to the largest of the tiers at or below it (a value then monotone
// in each fixture's chance, so the most likely outcomes maximise it). Likewise P(any prize) is
// at most the lines' P(at least the lowest tier right) summed.
double objective_upper_bound(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, std::int64_t min_lines,
                             std::int64_t max_lines, TicketObjective objective, const std::vector<std::array<unsigned, 3>>& tops) {
  PrizeRules line = rules;
  line.min_lines = line.max_lines = 1;
  line.unit = PrizeUnit::line;
  line.tiers.clear();
  double running = 0;
  for (int k = rules.tiers.front().correct, t = 0; k <= rules.fixtures; ++k) {
    if (t < static_cast<int>(rules.tiers.size()) && rules.tiers[static_cast<std::size_t>(t)].correct == k)
      running = std::max(running, rules.tiers[static_cast<std::size_t>(t++)].amount);
    line.tiers.push_back({k, false, running});
  }
  std::vector<TicketFixture> favourites = fixtures;
  for (std::size_t i = 0; i < favourites.size(); ++i) favourites[i].selection = tops[i][0];
  const TicketValue v = ticket_value(favourites, line, 0.0, {false, true});
  if (objective == TicketObjective::p_any_prize) return std::min(1.0, static_cast<double>(max_lines) * v.p_any_prize);
  const double per_line = v.expected_prize - rules.stake_per_line;
  return static_cast<double>(per_line > 0 ? max_lines : min_lines) * per_line;
}

Search make_search(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries, std::int64_t max_lines,
                   bool every_selection) {
  Search s{fixtures, rules, entries, rules.min_lines, std::min(max_lines, rules.max_lines), {}, {}, {}, 0};
  for (const TicketFixture& f : fixtures) {
    const auto tops = most_likely_selections(effective_probabilities(f));
    s.tops.push_back(tops);
    if (every_selection && f.state == FixtureState::open)
      s.candidates.push_back({tops[0], 1u, 2u, 4u, tops[1], 3u, 5u, 6u, 7u});
    else
      s.candidates.push_back({tops[0], tops[1], tops[2]});
    auto& c = s.candidates.back();
    std::vector<unsigned> unique;
    for (const unsigned x : c)
      if (std::find(unique.begin(), unique.end(), x) == unique.end()) unique.push_back(x);
    c = unique;
  }
  return s;
}

std::vector<unsigned> jackpot_optimal(const std::vector<TicketFixture>& fixtures, std::int64_t max_lines) {
  std::vector<Probabilities> p;
  for (const TicketFixture& f : fixtures) p.push_back(effective_probabilities(f));
  const Ticket t = optimal_ticket(p, max_lines);
  std::vector<unsigned> selections;
  for (const TicketLeg& leg : t.legs) selections.push_back(leg.outcomes);
  return selections;
}

std::vector<TicketFixture> with_selections(std::vector<TicketFixture> fixtures, const std::vector<unsigned>& selections) {
  for (std::size_t i = 0; i < fixtures.size(); ++i) fixtures[i].selection = selections[i];
  return fixtures;
}

}  // namespace

TicketObjective parse_ticket_objective(std::string_view name) {
  if (name == "expected_return") return TicketObjective::expected_return;
  if (name == "p_jackpot") return TicketObjective::p_jackpot;
  if (name == "p_any_prize") return TicketObjective::p_any_prize;
  throw std::invalid_argument("unknown objective \"" + std::string(name) + "\": expected 'expected_return', 'p_jackpot' or 'p_any_prize'");
}

TicketChoice optimize_ticket(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries,
                             std::int64_t max_lines, TicketObjective objective, std::int64_t exhaustive_limit) {
  validate_prize_rules(rules);
  if (max_lines < rules.min_lines)
    throw std::invalid_argument("the budget buys " + std::to_string(max_lines) + " lines, fewer than the rules' minimum of " +
                                std::to_string(rules.min_lines));
  if (static_cast<int>(fixtures.size()) != rules.fixtures)
    throw std::invalid_argument("the jackpot has " + std::to_string(fixtures.size()) + " fixtures; the rules are for coupons of " +
                                std::to_string(rules.fixtures));
  Search s = make_search(fixtures, rules, entries, max_lines, pool_matters(rules, entries) || tiers_have_gaps(rules));
  const TicketValueParts parts{false, objective == TicketObjective::p_any_prize};
  std::vector<TicketFixture> scratch = fixtures;  // reselected for each ticket valued, not copied
  s.score = [&](const std::vector<unsigned>& t) {
    for (std::size_t i = 0; i < t.size(); ++i) scratch[i].selection = t[i];
    return objective_of(ticket_value(scratch, rules, entries, parts), objective);
  };
  TicketChoice choice;
  std::pair<std::vector<unsigned>, double> found;
  const std::vector<unsigned> dp = jackpot_optimal(fixtures, s.max_lines);
  if (objective == TicketObjective::p_jackpot && s.allowed(dp)) {
    found = {dp, s.value(dp)};
    choice.method = "dynamic programming over the numbers of doubles and trebles (exact: P(all correct) is a product)";
    choice.gap_bound = 0;
  } else if (s.configurations() <= exhaustive_limit) {
    found = s.exhaustive();
    choice.method = "exhaustive over " + std::to_string(s.configurations()) + " candidate tickets (exact)";
    choice.gap_bound = 0;
  } else {
    std::vector<unsigned> favourites;
    for (const auto& top : s.tops) favourites.push_back(top[0]);
    // and, for rules that require more lines than one, the favourites with the next most likely
    // outcome added on the fixtures whose favourite is weakest until the minimum is bought
    std::vector<unsigned> hedged = favourites;
    std::vector<std::size_t> weakest(fixtures.size());
    for (std::size_t i = 0; i < weakest.size(); ++i) weakest[i] = i;
    std::stable_sort(weakest.begin(), weakest.end(), [&](std::size_t a, std::size_t b) {
      const Probabilities pa = effective_probabilities(fixtures[a]), pb = effective_probabilities(fixtures[b]);
      return std::max({pa[0], pa[1], pa[2]}) < std::max({pb[0], pb[1], pb[2]});
    });
    for (int size = 2; size <= 3 && s.lines_of(hedged) < s.min_lines; ++size)
      for (const std::size_t i : weakest)
        if (s.lines_of(hedged) < s.min_lines && fixtures[i].state == FixtureState::open) hedged[i] = s.tops[i][static_cast<std::size_t>(size - 1)];
    found = {favourites, -INFINITY};
    std::vector<std::vector<unsigned>> starts;
    for (const std::vector<unsigned>& start : {favourites, dp, hedged})
      if (s.allowed(start) && std::find(starts.begin(), starts.end(), start) == starts.end()) starts.push_back(start);
    for (const std::vector<unsigned>& start : starts) {
      const auto local = s.local_search(start);
      if (local.second > found.second) found = local;
    }
    if (!s.allowed(found.first)) throw std::invalid_argument("no ticket within the rules' line bounds was found");
    choice.method = "local search over single-fixture and paired moves from the favourites, the P(all)-optimal ticket and the "
                    "favourites hedged to the minimum lines (" +
                    std::string(s.configurations() == INT64_MAX ? "more than 9e18" : std::to_string(s.configurations())) +
                    " candidate tickets, too many to enumerate); gap_bound: the lines' values summed, each at most the "
                    "favourites' line with pools kept whole";
  }
  choice.selections = found.first;
  choice.value = ticket_value(with_selections(fixtures, found.first), rules, entries);
  choice.objective = objective_of(choice.value, objective);
  if (!choice.gap_bound)
    choice.gap_bound = std::max(0.0, objective_upper_bound(fixtures, rules, s.min_lines, s.max_lines, objective, s.tops) - choice.objective);
  choice.evaluated = s.evaluated;
  return choice;
}

namespace {

// P(o_i ∈ bits) for every fixture, multiplied: the probability of a product set of outcomes.
double product_mass(const std::vector<Probabilities>& p, const std::vector<unsigned>& bits) {
  double mass = 1;
  for (std::size_t i = 0; i < p.size() && mass > 0; ++i) {
    double m = 0;
    for (int k = 0; k < 3; ++k)
      if ((bits[i] >> k) & 1u) m += p[i][static_cast<std::size_t>(k)];
    mass *= m;
  }
  return mass;
}

// P(T ∩ (S_1 ∪ … ∪ S_j)) by inclusion–exclusion over the non-empty subsets J of the chosen
// tickets: Σ (−1)^(|J|+1) P(T ∩ ⋂_J S).
double covered_mass(const std::vector<Probabilities>& p, const std::vector<unsigned>& t,
                    const std::vector<std::vector<unsigned>>& chosen) {
  const std::size_t k = chosen.size();
  double total = 0;
  std::vector<unsigned> meet(t.size());
  for (std::uint32_t subset = 1; subset < (1u << k); ++subset) {
    meet = t;
    int members = 0;
    for (std::size_t j = 0; j < k; ++j)
      if ((subset >> j) & 1u) {
        ++members;
        for (std::size_t i = 0; i < t.size(); ++i) meet[i] &= chosen[j][i];
      }
    const double mass = product_mass(p, meet);
    total += members % 2 ? mass : -mass;
  }
  return total;
}

}  // namespace

TicketSet optimize_tickets(const std::vector<TicketFixture>& fixtures, const PrizeRules& rules, double entries,
                           std::int64_t max_lines_each, TicketObjective objective, int tickets) {
  if (tickets < 1 || tickets > 10) throw std::invalid_argument("tickets must lie in 1 .. 10, not " + std::to_string(tickets));
  if (objective == TicketObjective::p_any_prize)
    throw std::invalid_argument("optimize_tickets maximises 'p_jackpot' (P(at least one ticket all correct)) or 'expected_return'; "
                                "P(at least one ticket wins a lower tier) has no exact form over several tickets here");
  TicketSet set;
  if (objective == TicketObjective::expected_return) {
    const TicketChoice best = optimize_ticket(fixtures, rules, entries, max_lines_each, objective);
    set.tickets.assign(static_cast<std::size_t>(tickets), best);
    set.objective = best.objective * tickets;
    set.method = "expected return is additive over tickets: the best single ticket (" + best.method + "), " + std::to_string(tickets) + " times";
    return set;
  }
  validate_prize_rules(rules);
  if (max_lines_each < rules.min_lines)
    throw std::invalid_argument("the budget buys " + std::to_string(max_lines_each) + " lines a ticket, fewer than the rules' minimum of " +
                                std::to_string(rules.min_lines));
  std::vector<Probabilities> p;
  for (const TicketFixture& f : fixtures) p.push_back(effective_probabilities(f));
  std::vector<std::vector<unsigned>> chosen;
  bool every_step_exact = true;
  for (int step = 0; step < tickets; ++step) {
    Search s = make_search(fixtures, rules, entries, max_lines_each, step > 0);
    s.score = [&](const std::vector<unsigned>& t) { return product_mass(p, t) - covered_mass(p, t, chosen); };
    std::pair<std::vector<unsigned>, double> found;
    const std::vector<unsigned> dp = jackpot_optimal(fixtures, s.max_lines);
    if (step == 0 && s.allowed(dp)) {
      found = {dp, s.value(dp)};
    } else if (s.configurations() <= kExhaustiveTickets) {
      found = s.exhaustive();
    } else {
      every_step_exact = false;
      found = s.local_search(dp);
    }
    TicketChoice c;
    c.selections = found.first;
    c.value = ticket_value(with_selections(fixtures, found.first), rules, entries);
    c.objective = found.second;  // this ticket's gain in P(at least one all correct)
    c.evaluated = s.evaluated;
    c.method = step == 0 ? "the P(all)-optimal ticket (dynamic programming)" : "the largest gain given the tickets before it";
    chosen.push_back(found.first);
    set.tickets.push_back(c);
    set.objective += found.second;
  }
  set.method = std::string("greedy on P(at least one ticket all correct), a coverage function: (1 - 1/e) of the best ") +
               std::to_string(tickets) + " tickets" +
               (every_step_exact ? " (every step's ticket found exactly)"
                                 : " if each step's ticket is the best; steps too large to enumerate used local search");
  return set;
}

}  // namespace jackpot::core
