#include "pg/model_cache.hpp"

#include <cmath>
#include <tuple>

#include "core/score_matrix.hpp"
#include "core/team_names.hpp"
#include "pg/isotonic_map.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

// The prediction functions have no SET search_path (a per-call GUC save and restore would cost
// more than the prediction), so these statements name every function, operator and type by schema.
constexpr const char* kModel =
    "SELECT l.code, (m.parameters OPERATOR(pg_catalog.->>) 'intercept')::pg_catalog.float8,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'home_advantage')::pg_catalog.float8,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'rho')::pg_catalog.float8,"
    "       (m.parameters OPERATOR(pg_catalog.->>) 'max_goals')::pg_catalog.int4,"
    "       (s OPERATOR(pg_catalog.->>) 'home_rate')::pg_catalog.float8,"
    "       (s OPERATOR(pg_catalog.->>) 'draw_rate')::pg_catalog.float8,"
    "       (s OPERATOR(pg_catalog.->>) 'away_rate')::pg_catalog.float8,"
    "       (s OPERATOR(pg_catalog.->>) 'mean_model_draw')::pg_catalog.float8,"
    "       (s OPERATOR(pg_catalog.->>) 'mean_market_draw')::pg_catalog.float8"
    "  FROM jackpot.models AS m JOIN jackpot.leagues AS l ON l.id OPERATOR(pg_catalog.=) m.league_id,"
    "       LATERAL (SELECT m.parameters OPERATOR(pg_catalog.->) 'league_statistics') AS st(s)"
    " WHERE m.version OPERATOR(pg_catalog.=) $1";

constexpr const char* kStrengths =
    "SELECT s.key::pg_catalog.int4, (s.value OPERATOR(pg_catalog.->>) 'attack')::pg_catalog.float8,"
    "       (s.value OPERATOR(pg_catalog.->>) 'defence')::pg_catalog.float8, t.canonical_name"
    "  FROM jackpot.models AS m CROSS JOIN LATERAL pg_catalog.jsonb_each(m.team_strengths) AS s"
    "  JOIN jackpot.teams AS t ON t.id OPERATOR(pg_catalog.=) s.key::pg_catalog.int4"
    " WHERE m.version OPERATOR(pg_catalog.=) $1";

constexpr const char* kCalibration =
    "SELECT c.outcome, pg_catalog.jsonb_build_object('x_thresholds', c.bins, 'y_thresholds', c.frequencies)"
    "  FROM jackpot.calibration_data AS c JOIN jackpot.models AS m ON m.id OPERATOR(pg_catalog.=) c.model_id"
    " WHERE m.version OPERATOR(pg_catalog.=) $1";

constexpr const char* kResolve = "SELECT (jackpot.resolve_team($1, $2)).id";

void delete_statement_cache(void* cache) { delete static_cast<StatementCache*>(cache); }

double float8_column(int column, const std::string& version, const char* what) {
  const std::optional<Datum> value = spi_value(0, column);
  if (!value)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "model " + version + " has no " + what,
                        "It was fitted by an older jackpot; fit the league again with jackpot.dixon_coles_fit().");
  return DatumGetFloat8(*value);
}

}  // namespace

std::pair<double, double> FittedModel::expected_goals(std::int32_t home, std::int32_t away) const {
  const auto h = strengths.find(home), a = strengths.find(away);
  if (h == strengths.end() || a == strengths.end())
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE,
                        "team " + std::to_string(h == strengths.end() ? home : away) + " is not rated by model " + version,
                        "The model was fitted on matches in which this team did not play.");
  const auto& [home_attack, home_defence] = h->second;
  const auto& [away_attack, away_defence] = a->second;
  return {std::exp(intercept + home_advantage + home_attack - away_defence),
          std::exp(intercept + away_attack - home_defence)};
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
  std::tie(f.lambda, f.mu) = model.expected_goals(home, away);
  f.score_matrix = core::dixon_coles_score_matrix(f.lambda, f.mu, model.rho, model.max_goals,
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

FittedModel& cached_model(StatementCache& cache, std::string_view version_view) {
  std::string version(version_view);
  if (const auto it = cache.models.find(version); it != cache.models.end()) return *it->second;
  auto model = std::make_unique<FittedModel>();
  SpiConnection spi;
  const Datum version_text = text_datum(version);
  if (spi_execute(kModel, {{TEXTOID, version_text}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown model version \"" + version + "\"",
                        "List the versions with: SELECT version, status FROM jackpot.models;");
  model->league_code = text_of(*spi_value(0, 1));
  model->intercept = DatumGetFloat8(*spi_value(0, 2));
  model->home_advantage = DatumGetFloat8(*spi_value(0, 3));
  model->rho = DatumGetFloat8(*spi_value(0, 4));
  model->max_goals = DatumGetInt32(*spi_value(0, 5));
  core::LeagueStatistics& league = model->league;
  league.base_rates = {float8_column(6, version, "league statistics"), float8_column(7, version, "league statistics"),
                       float8_column(8, version, "league statistics")};
  league.draw_rate = league.base_rates[1];
  league.mean_model_draw = float8_column(9, version, "league statistics");
  league.mean_market_draw = float8_column(10, version, "league statistics");
  const std::uint64_t rows = spi_execute(kStrengths, {{TEXTOID, version_text}});
  for (std::uint64_t r = 0; r < rows; ++r) {
    const std::int32_t team = DatumGetInt32(*spi_value(r, 1));
    model->strengths[team] = {DatumGetFloat8(*spi_value(r, 2)), DatumGetFloat8(*spi_value(r, 3))};
    model->team_of_canonical[text_of(*spi_value(r, 4))] = team;
  }
  const std::uint64_t maps = spi_execute(kCalibration, {{TEXTOID, version_text}});
  int found = 0;
  for (std::uint64_t r = 0; r < maps; ++r) {
    const std::string outcome = text_of(*spi_value(r, 1));
    const int k = outcome == "home" ? 0 : outcome == "draw" ? 1 : outcome == "away" ? 2 : -1;
    if (k < 0) continue;
    const Datum map = *spi_value(r, 2);
    // a small jsonb in a tuple may carry a short header: detoast before reading it as Jsonb
    model->calibration[k] = isotonic_map_of(call_postgres([map] { return DatumGetJsonbP(map); }));
    found |= 1 << k;
  }
  model->calibrated = found == 7;
  spi.finish();
  model->version = version;
  return *cache.models.emplace(std::move(version), std::move(model)).first->second;
}

std::int32_t team_of(FittedModel& model, std::string_view name) {
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

TupleDesc cached_result_type(StatementCache& cache, FunctionCallInfo fcinfo) {
  if (cache.result_type == nullptr) {
    cache.result_type = call_postgres([fcinfo] {
      TupleDesc type;
      if (get_call_result_type(fcinfo, nullptr, &type) != TYPEFUNC_COMPOSITE) elog(ERROR, "function must return a record");
      MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
      TupleDesc kept = BlessTupleDesc(CreateTupleDescCopy(type));
      MemoryContextSwitchTo(old);
      return kept;
    });
  }
  return cache.result_type;
}

}  // namespace jackpot::pg
