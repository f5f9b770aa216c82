// jackpot.predict_fixture(model_version, home_team, away_team) and jackpot.score_matrix(...).
// predict_fixture keeps the model it read, and every team name it resolved, for the rest of
// the SQL statement (fn_extra), so predicting a whole table reads the model once.
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/score_matrix.hpp"
#include "core/settings.hpp"
#include "core/team_names.hpp"
#include "pg/datum.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

// predict_fixture has no SET search_path (a per-call GUC save and restore would cost more than
// the prediction), so its statements name every function, operator and type by schema.
constexpr const char* kModel =
    "SELECT l.code, (m.parameters OPERATOR(pg_catalog.->>) 'intercept')::pg_catalog.float8,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'home_advantage')::pg_catalog.float8,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'rho')::pg_catalog.float8"
    "  FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id OPERATOR(pg_catalog.=) m.league_id"
    " WHERE m.version OPERATOR(pg_catalog.=) $1";

constexpr const char* kStrengths =
    "SELECT s.key::pg_catalog.int4, (s.value OPERATOR(pg_catalog.->>) 'attack')::pg_catalog.float8,"
    "       (s.value OPERATOR(pg_catalog.->>) 'defence')::pg_catalog.float8, t.canonical_name"
    "  FROM jackpot.models AS m CROSS JOIN LATERAL pg_catalog.jsonb_each(m.team_strengths) AS s"
    "  JOIN jackpot.teams AS t ON t.id OPERATOR(pg_catalog.=) s.key::pg_catalog.int4"
    " WHERE m.version OPERATOR(pg_catalog.=) $1";

constexpr const char* kResolve = "SELECT (jackpot.resolve_team($1, $2)).id";

struct CachedModel {
  std::string version;
  std::string league_code;
  double intercept = 0, home_advantage = 0, rho = 0;
  std::unordered_map<std::int32_t, std::pair<double, double>> strengths;  // team id → (attack, defence)
  std::unordered_map<std::string, std::int32_t> team_of_canonical;
  std::unordered_map<std::string, std::int32_t> team_of_name;            // names resolved so far
  TupleDesc result_type = nullptr;                                       // in fn_mcxt
};

void delete_cached_model(void* model) { delete static_cast<CachedModel*>(model); }

CachedModel& model_cache(FunctionCallInfo fcinfo) {
  if (fcinfo->flinfo->fn_extra == nullptr) {
    auto model = std::make_unique<CachedModel>();
    MemoryContext context = fcinfo->flinfo->fn_mcxt;
    call_postgres([&] {
      // The C++ object dies with the memory context that holds the pointer to it.
      auto* callback = static_cast<MemoryContextCallback*>(MemoryContextAlloc(context, sizeof(MemoryContextCallback)));
      callback->func = delete_cached_model;
      callback->arg = model.get();
      MemoryContextRegisterResetCallback(context, callback);
    });
    fcinfo->flinfo->fn_extra = model.release();
  }
  return *static_cast<CachedModel*>(fcinfo->flinfo->fn_extra);
}

void load_model(CachedModel& model, const std::string& version) {
  SpiConnection spi;
  const Datum version_text = text_datum(version);
  if (spi_execute(kModel, {{TEXTOID, version_text}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown model version \"" + version + "\"");
  model.league_code = text_of(*spi_value(0, 1));
  model.intercept = DatumGetFloat8(*spi_value(0, 2));
  model.home_advantage = DatumGetFloat8(*spi_value(0, 3));
  model.rho = DatumGetFloat8(*spi_value(0, 4));
  model.strengths.clear();
  model.team_of_canonical.clear();
  model.team_of_name.clear();
  const std::uint64_t rows = spi_execute(kStrengths, {{TEXTOID, version_text}});
  for (std::uint64_t r = 0; r < rows; ++r) {
    const std::int32_t team = DatumGetInt32(*spi_value(r, 1));
    model.strengths[team] = {DatumGetFloat8(*spi_value(r, 2)), DatumGetFloat8(*spi_value(r, 3))};
    model.team_of_canonical[text_of(*spi_value(r, 4))] = team;
  }
  spi.finish();
  model.version = version;
}

// The model's team a name designates: its exact canonical name, else jackpot.resolve_team in
// the model's league; remembered for the rest of the statement.
std::int32_t team_of(CachedModel& model, std::string_view name) {
  const std::string key(name);
  if (const auto it = model.team_of_name.find(key); it != model.team_of_name.end()) return it->second;
  std::int32_t team;
  if (const auto it = model.team_of_canonical.find(core::canonical_team_name(name)); it != model.team_of_canonical.end()) {
    team = it->second;
  } else {
    SpiConnection spi;
    spi_execute(kResolve, {{TEXTOID, text_datum(name)}, {TEXTOID, text_datum(model.league_code)}});
    team = DatumGetInt32(*spi_value(0, 1));
    spi.finish();
    if (model.strengths.count(team) == 0)
      throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE,
                          "team \"" + key + "\" is not rated by model " + model.version,
                          "The model was fitted on matches in which this team did not play.");
  }
  model.team_of_name.emplace(key, team);
  return team;
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_predict_fixture) {
  using namespace jackpot;
  using namespace jackpot::pg;
  CachedModel& model = model_cache(fcinfo);
  const std::string_view version = text_argument(fcinfo, 0);
  if (model.version != version) load_model(model, std::string(version));
  const std::int32_t home = team_of(model, text_argument(fcinfo, 1));
  const std::int32_t away = team_of(model, text_argument(fcinfo, 2));
  if (home == away) throw std::invalid_argument("the home and away teams are the same team");
  const auto& [home_attack, home_defence] = model.strengths.at(home);
  const auto& [away_attack, away_defence] = model.strengths.at(away);
  const double lambda = std::exp(model.intercept + model.home_advantage + home_attack - away_defence);
  const double mu = std::exp(model.intercept + away_attack - home_defence);
  const int max_goals = static_cast<int>(current_setting_values()[core::setting_index("max_goals")]);
  const auto p = core::outcome_probabilities(core::dixon_coles_score_matrix(lambda, mu, model.rho, max_goals));

  if (model.result_type == nullptr) {
    model.result_type = call_postgres([fcinfo] {
      TupleDesc type;
      if (get_call_result_type(fcinfo, nullptr, &type) != TYPEFUNC_COMPOSITE) elog(ERROR, "predict_fixture must return a record");
      MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
      TupleDesc kept = BlessTupleDesc(CreateTupleDescCopy(type));
      MemoryContextSwitchTo(old);
      return kept;
    });
  }
  Datum values[7] = {Float8GetDatum(p[0]), Float8GetDatum(p[1]), Float8GetDatum(p[2]), Float8GetDatum(lambda),
                     Float8GetDatum(mu), Int32GetDatum(home), Int32GetDatum(away)};
  bool nulls[7] = {false, false, false, false, false, false, false};
  TupleDesc type = model.result_type;
  return call_postgres([&] { return HeapTupleGetDatum(heap_form_tuple(type, values, nulls)); });
}

JACKPOT_SQL_FUNCTION(jackpot_score_matrix) {
  using namespace jackpot;
  const int max_goals = PG_ARGISNULL(3)
      ? static_cast<int>(pg::current_setting_values()[core::setting_index("max_goals")])
      : PG_GETARG_INT32(3);
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
    throw std::invalid_argument("lambda_home, lambda_away and rho must not be NULL");
  const Eigen::MatrixXd m = core::dixon_coles_score_matrix(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
                                                           PG_GETARG_FLOAT8(2), max_goals);
  const int n = static_cast<int>(m.rows());
  return pg::call_postgres([&] {
    Datum* cells = static_cast<Datum*>(palloc(sizeof(Datum) * n * n));
    for (int x = 0; x < n; ++x)
      for (int y = 0; y < n; ++y) cells[x * n + y] = Float8GetDatum(m(x, y));
    int dims[2] = {n, n};
    int lower_bounds[2] = {0, 0};
    return PointerGetDatum(construct_md_array(cells, nullptr, 2, dims, lower_bounds, FLOAT8OID, 8,
                                              FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
  });
}
