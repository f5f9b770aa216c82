#include "pg/model_cache.hpp"

#include <cmath>
#include <tuple>

#include "core/score_matrix.hpp"
#include "core/team_names.hpp"
#include "pg/isotonic_map.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

// The prediction functions have no SET search_path (a per-call GUC save and restore would cost
// more than the prediction), so these statements name every function, operator and type by schema.
constexpr StatementParameter kVersionParameter[] = {{"version", TEXTOID}};
constexpr StatementParameter kIdParameter[] = {{"id", UUIDOID}};
// What tells whether the session's copy of a model is still the model: its id (a row written
// anew under the same version has another) and whether it has been calibrated since. (Only the
// tables of every supported release: between installing this library and ALTER EXTENSION UPDATE,
// an older release's SQL calls it.)
constexpr const char* kModelKeyColumns[] = {"id", "calibrated"};
constexpr StatementDescription kModelKey{
    "model key",
    "SELECT m.id, EXISTS (SELECT FROM jackpot.calibration_data AS c"
    "        WHERE c.model_id OPERATOR(pg_catalog.=) m.id) AS calibrated"
    "  FROM jackpot.models AS m WHERE m.version OPERATOR(pg_catalog.=) $(version)",
    kVersionParameter, kModelKeyColumns};

constexpr const char* kModelColumns[] = {"version", "code",      "intercept", "home_advantage", "rho",           "max_goals",
                                         "home_rate", "draw_rate", "away_rate",      "mean_model_draw", "mean_market_draw"};
constexpr StatementDescription kModel{
    "model",
    "SELECT m.version, l.code, (m.parameters OPERATOR(pg_catalog.->>) 'intercept')::pg_catalog.float8 AS intercept,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'home_advantage')::pg_catalog.float8 AS home_advantage,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'rho')::pg_catalog.float8 AS rho,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'max_goals')::pg_catalog.int4 AS max_goals,"
    "       (s OPERATOR(pg_catalog.->>) 'home_rate')::pg_catalog.float8 AS home_rate,"
    "       (s OPERATOR(pg_catalog.->>) 'draw_rate')::pg_catalog.float8 AS draw_rate,"
    "       (s OPERATOR(pg_catalog.->>) 'away_rate')::pg_catalog.float8 AS away_rate,"
    "       (s OPERATOR(pg_catalog.->>) 'mean_model_draw')::pg_catalog.float8 AS mean_model_draw,"
    "       (s OPERATOR(pg_catalog.->>) 'mean_market_draw')::pg_catalog.float8 AS mean_market_draw"
    "  FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id OPERATOR(pg_catalog.=) m.league_id,"
    "       LATERAL (SELECT m.parameters OPERATOR(pg_catalog.->) 'league_statistics') AS st(s)"
    " WHERE m.id OPERATOR(pg_catalog.=) $(id)",
    kIdParameter, kModelColumns};

constexpr const char* kStrengthsColumns[] = {"team_id", "attack", "defence", "canonical_name"};
constexpr StatementDescription kStrengths{
    "model strengths",
    "SELECT s.key::pg_catalog.int4 AS team_id, (s.value OPERATOR(pg_catalog.->>) 'attack')::pg_catalog.float8 AS attack,"
    "       (s.value OPERATOR(pg_catalog.->>) 'defence')::pg_catalog.float8 AS defence, t.canonical_name"
    "  FROM jackpot.models AS m CROSS JOIN LATERAL pg_catalog.jsonb_each(m.team_strengths) AS s"
    "  JOIN jackpot.teams AS t ON t.id OPERATOR(pg_catalog.=) s.key::pg_catalog.int4"
    " WHERE m.id OPERATOR(pg_catalog.=) $(id)",
    kIdParameter, kStrengthsColumns};

constexpr const char* kCalibrationColumns[] = {"outcome", "map"};
constexpr StatementDescription kCalibration{
    "model calibration",
    "SELECT c.outcome, pg_catalog.jsonb_build_object('x_thresholds', c.bins, 'y_thresholds', c.frequencies) AS map"
    "  FROM jackpot.calibration_data AS c WHERE c.model_id OPERATOR(pg_catalog.=) $(id)",
    kIdParameter, kCalibrationColumns};

constexpr StatementParameter kResolveParameters[] = {{"name", TEXTOID}, {"league_code", TEXTOID}};
constexpr const char* kResolveColumns[] = {"id"};
constexpr StatementDescription kResolve{"resolve team", "SELECT (jackpot.resolve_team($(name), $(league_code))).id",
                                        kResolveParameters, kResolveColumns};

void delete_statement_cache(void* cache) { delete static_cast<StatementCache*>(cache); }

// The session's models by id (a row's id is never reused, and a model never changes but for its
// calibration, written once). A plain pointer: no static C++ object; the map lives for the
// backend's life.
std::unordered_map<std::string, std::shared_ptr<const FittedModel>>* session_models = nullptr;

std::string id_key(Datum id) {
  const auto* bytes = reinterpret_cast<const char*>(DatumGetUUIDP(id)->data);
  return std::string(bytes, UUID_LEN);
}

double float8_column(int column, const std::string& version, const char* what) {
  const std::optional<Datum> value = spi_value(0, column);
  if (!value)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "model " + version + " has no " + what,
                        "It was fitted by an older jackpot; fit the league again with jackpot.dixon_coles_fit().");
  return DatumGetFloat8(*value);
}

}  // namespace

core::ExpectedGoals FittedModel::expected_goals(std::int32_t home, std::int32_t away) const {
  const auto h = strengths.find(home), a = strengths.find(away);
  if (h == strengths.end() || a == strengths.end())
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE,
                        "team " + std::to_string(h == strengths.end() ? home : away) + " is not rated by model " + version,
                        "The model was fitted on matches in which this team did not play.");
  return core::expected_goals(rates, h->second, a->second);
}

core::Probabilities set_a_probabilities(const FittedModel& model, const core::Probabilities& raw,
                                        bool use_calibration) {
  if (!use_calibration || !model.calibrated) return raw;
  return core::calibrate_outcomes(model.calibration, raw);
}

FixtureForecast forecast(const FittedModel& model, std::int32_t home, std::int32_t away,
                         const std::optional<core::Probabilities>& odds, const core::SetParameters& parameters,
                         bool use_calibration) {
  if (home == away) throw std::invalid_argument("the home and away teams are the same team");
  FixtureForecast f;
  const core::ExpectedGoals goals = model.expected_goals(home, away);
  f.lambda = goals.home;
  f.mu = goals.away;
  f.score_matrix = core::dixon_coles_score_matrix(f.lambda, f.mu, model.rates.rho, model.max_goals,
                                                 core::NegativeTau::floor);
  f.prediction = core::prediction_sets(
      set_a_probabilities(model, core::outcome_probabilities(f.score_matrix), use_calibration), odds, model.league,
      parameters);
  return f;
}

StatementCache& statement_cache(FunctionCallInfo fcinfo) {
  if (fcinfo->flinfo->fn_extra == nullptr) {
    auto cache = std::make_unique<StatementCache>();
    MemoryContext context = fcinfo->flinfo->fn_mcxt;
    call_postgres([&] {
      // The C++ object dies with the memory context that holds the pointer to it.
      auto* callback = static_cast<MemoryContextCallback*>(MemoryContextAlloc(context, sizeof(MemoryContextCallback)));
      callback->func = delete_statement_cache;
      callback->arg = cache.get();
      MemoryContextRegisterResetCallback(context, callback);
    });
    fcinfo->flinfo->fn_extra = cache.release();
  }
  return *static_cast<StatementCache*>(fcinfo->flinfo->fn_extra);
}

namespace {

// Reads a model whole: its rates, league statistics, team strengths and calibration maps.
std::unique_ptr<FittedModel> read_model(const Datum id) {
  auto model = std::make_unique<FittedModel>();
  if (spi_execute(kModel, {{"id", id}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown model",
                        "List the models with: SELECT id, version, status FROM jackpot.models;");
  const std::string version = text_of(*spi_value(0, JACKPOT_COLUMN(kModel, "version")));
  const auto model_column = [&](int column) { return DatumGetFloat8(*spi_value(0, column)); };
  const auto statistic = [&](int column) { return float8_column(column, version, "league statistics"); };
  model->league_code = text_of(*spi_value(0, JACKPOT_COLUMN(kModel, "code")));
  model->rates = {model_column(JACKPOT_COLUMN(kModel, "intercept")), model_column(JACKPOT_COLUMN(kModel, "home_advantage")),
                  model_column(JACKPOT_COLUMN(kModel, "rho"))};
  model->max_goals = DatumGetInt32(*spi_value(0, JACKPOT_COLUMN(kModel, "max_goals")));
  core::LeagueStatistics& league = model->league;
  league.base_rates = {statistic(JACKPOT_COLUMN(kModel, "home_rate")), statistic(JACKPOT_COLUMN(kModel, "draw_rate")),
                       statistic(JACKPOT_COLUMN(kModel, "away_rate"))};
  league.draw_rate = league.base_rates[1];
  league.mean_model_draw = statistic(JACKPOT_COLUMN(kModel, "mean_model_draw"));
  league.mean_market_draw = statistic(JACKPOT_COLUMN(kModel, "mean_market_draw"));
  const std::uint64_t rows = spi_execute(kStrengths, {{"id", id}});
  for (std::uint64_t r = 0; r < rows; ++r) {
    const std::int32_t team = DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kStrengths, "team_id")));
    model->strengths[team] = {DatumGetFloat8(*spi_value(r, JACKPOT_COLUMN(kStrengths, "attack"))),
                              DatumGetFloat8(*spi_value(r, JACKPOT_COLUMN(kStrengths, "defence")))};
    model->team_of_canonical[text_of(*spi_value(r, JACKPOT_COLUMN(kStrengths, "canonical_name")))] = team;
  }
  const std::uint64_t maps = spi_execute(kCalibration, {{"id", id}});
  int found = 0;
  for (std::uint64_t r = 0; r < maps; ++r) {
    const std::string outcome = text_of(*spi_value(r, JACKPOT_COLUMN(kCalibration, "outcome")));
    const int k = outcome == "home" ? 0 : outcome == "draw" ? 1 : outcome == "away" ? 2 : -1;
    if (k < 0) continue;
    const Datum map = *spi_value(r, JACKPOT_COLUMN(kCalibration, "map"));
    // a small jsonb in a tuple may carry a short header: detoast before reading it as Jsonb
    model->calibration[k] = isotonic_map_of(call_postgres([map] { return DatumGetJsonbP(map); }));
    found |= 1 << k;
  }
  model->calibrated = found == 7;
  model->version = version;
  return model;
}

}  // namespace

namespace {

// The session's model of this id, read when the session has none, or when calibration is needed
// and its copy was read before the model was calibrated.
std::shared_ptr<const FittedModel> session_model(Datum id, bool need_calibration) {
  if (session_models == nullptr) session_models = new std::unordered_map<std::string, std::shared_ptr<const FittedModel>>();
  auto& kept = (*session_models)[id_key(id)];
  if (!kept || (need_calibration && !kept->calibrated)) kept = read_model(id);
  return kept;
}

FittedModel& statement_copy(StatementCache& cache, const std::string& key, const FittedModel& model) {
  auto copy = std::make_unique<FittedModel>(model);  // the statement's own: it learns names
  copy->team_of_name.clear();
  return *cache.models.insert_or_assign(key, std::move(copy)).first->second;
}

}  // namespace

FittedModel& cached_model(StatementCache& cache, std::string_view version_view) {
  const std::string version(version_view);
  if (const auto it = cache.models.find(version); it != cache.models.end()) return *it->second;
  SpiConnection spi;
  if (spi_execute(kModelKey, {{"version", text_datum(version)}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown model version \"" + version + "\"",
                        "List the versions with: SELECT version, status FROM jackpot.models;");
  const Datum id = call_postgres([] { return datumCopy(*spi_value(0, JACKPOT_COLUMN(kModelKey, "id")), false, UUID_LEN); });
  const bool calibrated = DatumGetBool(*spi_value(0, JACKPOT_COLUMN(kModelKey, "calibrated")));
  const std::shared_ptr<const FittedModel> model = session_model(id, calibrated);
  spi.finish();
  return statement_copy(cache, version, *model);
}

const FittedModel& cached_model_by_id(StatementCache& cache, Datum id, bool use_calibration) {
  const std::string key = "id:" + id_key(id);
  if (const auto it = cache.models.find(key); it != cache.models.end()) return *it->second;
  if (session_models != nullptr)  // the common case: no statement at all
    if (const auto it = session_models->find(id_key(id));
        it != session_models->end() && (!use_calibration || it->second->calibrated))
      return statement_copy(cache, key, *it->second);
  SpiConnection spi;
  const std::shared_ptr<const FittedModel> model = session_model(id, use_calibration);
  spi.finish();
  return statement_copy(cache, key, *model);
}

std::int32_t team_of(FittedModel& model, std::string_view name) {
  const std::string key(name);
  if (const auto it = model.team_of_name.find(key); it != model.team_of_name.end()) return it->second;
  std::int32_t team;
  if (const auto it = model.team_of_canonical.find(core::canonical_team_name(name)); it != model.team_of_canonical.end()) {
    team = it->second;
  } else {
    SpiConnection spi;
    spi_execute(kResolve, {{"name", text_datum(name)}, {"league_code", text_datum(model.league_code)}});
    team = DatumGetInt32(*spi_value(0, JACKPOT_COLUMN(kResolve, "id")));
    spi.finish();
    if (model.strengths.count(team) == 0)
      throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE,
                          "team \"" + key + "\" is not rated by model " + model.version,
                          "The model was fitted on matches in which this team did not play.");
  }
  model.team_of_name.emplace(key, team);
  return team;
}

TupleDesc cached_result_type(StatementCache& cache, FunctionCallInfo fcinfo, const RowDescription& description) {
  if (cache.result_type == nullptr) {
    cache.result_type = call_postgres([fcinfo] {
      TupleDesc type;
      if (get_call_result_type(fcinfo, nullptr, &type) != TYPEFUNC_COMPOSITE) elog(ERROR, "function must return a record");
      MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
      TupleDesc kept = BlessTupleDesc(CreateTupleDescCopy(type));
      MemoryContextSwitchTo(old);
      return kept;
    });
    check_result_row(description, cache.result_type);
  }
  return cache.result_type;
}

}  // namespace jackpot::pg
