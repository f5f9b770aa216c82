// jackpot.dixon_coles_agg(home, away, home_goals, away_goals, weight): a Dixon–Coles fit over
// any query's rows, returned as jsonb. The transition function only collects rows; the final
// function fits. Rows with a NULL in any argument are ignored.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/json_writer.hpp"
#include "core/rho_boundary_json.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/settings_gucs.hpp"

namespace jackpot::pg {
namespace {

struct AggregateRows {
  std::map<std::string, int> team_index;
  std::vector<std::string> team_names;
  std::vector<core::DixonColesMatch> matches;

  int team(std::string_view name) {
    const auto [it, inserted] = team_index.emplace(std::string(name), static_cast<int>(team_names.size()));
    if (inserted) team_names.emplace_back(name);
    return it->second;
  }
};

std::vector<std::string> quoted_names(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) {
    std::string value;
    core::append_json_string(value, name);
    quoted.push_back(std::move(value));
  }
  return quoted;
}

void delete_rows(void* rows) { delete static_cast<AggregateRows*>(rows); }

MemoryContext aggregate_context(FunctionCallInfo fcinfo) {
  return call_postgres([fcinfo] {
    MemoryContext context = nullptr;
    if (!AggCheckCallContext(fcinfo, &context)) elog(ERROR, "dixon_coles_agg called outside an aggregate");
    return context;
  });
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_dixon_coles_agg_transition) {
  using namespace jackpot::pg;
  const MemoryContext context = aggregate_context(fcinfo);
  AggregateRows* rows = PG_ARGISNULL(0) ? nullptr : reinterpret_cast<AggregateRows*>(PG_GETARG_POINTER(0));
  if (rows == nullptr) {
    auto fresh = std::make_unique<AggregateRows>();
    call_postgres([&] {
      auto* callback = static_cast<MemoryContextCallback*>(MemoryContextAlloc(context, sizeof(MemoryContextCallback)));
      callback->func = delete_rows;
      callback->arg = fresh.get();
      MemoryContextRegisterResetCallback(context, callback);
    });
    rows = fresh.release();
  }
  for (int i = 1; i <= 5; ++i)
    if (PG_ARGISNULL(i)) return PointerGetDatum(rows);
  const int home = rows->team(text_argument(fcinfo, 1));
  const int away = rows->team(text_argument(fcinfo, 2));
  if (home == away) throw std::invalid_argument("a match has the same home and away team");
  const int home_goals = PG_GETARG_INT32(3), away_goals = PG_GETARG_INT32(4);
  if (home_goals < 0 || away_goals < 0) throw std::invalid_argument("goals must not be negative");
  rows->matches.push_back({home, away, home_goals, away_goals, PG_GETARG_FLOAT8(5)});
  return PointerGetDatum(rows);
}

JACKPOT_SQL_FUNCTION(jackpot_dixon_coles_agg_final) {
  using namespace jackpot;
  using namespace jackpot::pg;
  aggregate_context(fcinfo);
  if (PG_ARGISNULL(0)) {
    fcinfo->isnull = true;
    return Datum(0);
  }
  const auto* rows = reinterpret_cast<const AggregateRows*>(PG_GETARG_POINTER(0));
  const core::Settings settings = current_settings();
  core::DixonColesOptions options;
  options.initial_home_advantage = settings.home_advantage;
  core::DixonColesFit fit;
  try {
    fit = core::fit_dixon_coles(rows->matches, static_cast<int>(rows->team_names.size()), options);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument("dixon_coles_agg: " + core::name_teams_in_message(error.what(), rows->team_names));
  }
  const core::DixonColesLayout layout{fit.teams};
  core::JsonObjectWriter teams;
  for (int i = 0; i < fit.teams; ++i) {
    core::JsonObjectWriter team;
    team.number("attack", fit.phi(layout.attack(i))).number("defence", fit.phi(layout.defence(i)))
        .number("attack_se", fit.phi_se(layout.attack(i))).number("defence_se", fit.phi_se(layout.defence(i)));
    teams.raw(rows->team_names[i], team.finish());
  }
  core::JsonObjectWriter result;
  result.number("rho", fit.phi(layout.rho())).number("home_advantage", fit.phi(layout.home_advantage()))
      .number("intercept", fit.phi(layout.intercept())).number("rho_se", fit.phi_se(layout.rho()))
      .number("home_advantage_se", fit.phi_se(layout.home_advantage()))
      .number("log_likelihood", fit.log_likelihood).integer("iterations", fit.iterations)
      .number("gradient_norm", fit.gradient_norm).boolean("converged", fit.converged)
      .raw("rho_boundary", core::rho_boundary_json(fit, quoted_names(rows->team_names), "home", "away"))
      .integer("n_matches", static_cast<long long>(fit.matches)).number("sum_weights", fit.sum_weights)
      .raw("teams", teams.finish());
  return jsonb_from_json(result.finish());
}
