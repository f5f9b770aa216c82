// jackpot.coupon_fixture_rows(dates, homes, aways, leagues, home_ids, away_ids, odds…,
// on_unresolved): a coupon's
// fixtures as create_jackpot writes them (rows of jackpot.jackpot_fixtures without their
// jackpot): both names resolved together (pg/fixture_resolution), and each fixture's basis
// decided: its league's active model when that model rates both teams, else the market when
// odds are given, else a prior (core/fixture_basis), whose inputs are measured here and locked.
// With on_unresolved 'error', a coupon with an unresolved name is refused in one error listing
// every unresolved fixture, before any basis is measured.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/fixture_basis.hpp"
#include "core/margin.hpp"
#include "core/settings.hpp"
#include "core/team_names.hpp"
#include "pg/datum.hpp"
#include "pg/fixture_resolution.hpp"
#include "pg/result_row.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"
#include "pg/team_directory.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kCodesParameters[] = {{"codes", TEXTARRAYOID}};
constexpr const char* kLeagueIdsColumns[] = {"code", "id"};
constexpr StatementDescription kLeagueIds{"league ids", "SELECT code, id FROM jackpot.leagues WHERE code = ANY ($(codes))",
                                          kCodesParameters, kLeagueIdsColumns};

// The active model of each league, whether it is calibrated, and the teams it rates.
constexpr StatementParameter kLeaguesParameters[] = {{"league_ids", INT4ARRAYOID}};
constexpr const char* kActiveModelsColumns[] = {"league_id", "id", "calibrated", "rated"};
constexpr StatementDescription kActiveModels{
    "active models",
    "SELECT m.league_id, m.id, EXISTS (SELECT FROM jackpot.calibration_data AS c WHERE c.model_id = m.id) AS calibrated,"
    "       ARRAY(SELECT k::int FROM jsonb_object_keys(m.team_strengths) AS k) AS rated"
    "  FROM jackpot.models AS m WHERE m.status = 'active' AND m.league_id = ANY ($(league_ids))",
    kLeaguesParameters, kActiveModelsColumns};

// The population of a fallback basis: one league's matches (or every league's) in the window
// before the date.
constexpr StatementParameter kPopulationParameters[] = {{"league_id", INT4OID}, {"before", DATEOID}, {"days", INT4OID}};
constexpr const char* kPopulationColumns[] = {"matches", "home_wins", "draws",      "away_wins",
                                              "home_goals", "away_goals", "with_market", "market_draw"};
constexpr StatementDescription kPopulation{
    "basis population",
    "SELECT count(*) AS matches, count(*) FILTER (WHERE m.result = 'H') AS home_wins,"
    "       count(*) FILTER (WHERE m.result = 'D') AS draws, count(*) FILTER (WHERE m.result = 'A') AS away_wins,"
    "       coalesce(sum(m.home_goals), 0)::float8 AS home_goals, coalesce(sum(m.away_goals), 0)::float8 AS away_goals,"
    "       count(m.prob_draw_market) AS with_market, coalesce(sum(m.prob_draw_market), 0) AS market_draw"
    "  FROM jackpot.matches AS m"
    " WHERE m.match_date < $(before) AND m.match_date >= $(before) - $(days)"
    "   AND ($(league_id)::int IS NULL OR m.league_id = $(league_id))",
    kPopulationParameters, kPopulationColumns, PlanChoice::custom};

// A league population smaller than this is widened to every league.
constexpr long long kSmallestLeaguePopulation = 30;

constexpr const char* kFixtureColumns[] = {
    "id",           "jackpot_id",   "match_order", "match_date", "home_team",     "away_team",        "odds_home",
    "odds_draw",    "odds_away",    "home_team_id", "away_team_id", "league_id",  "model_id",         "calibrated",
    "result_status", "actual_result", "actual_home_goals", "actual_away_goals", "created_at", "basis", "basis_inputs",
    "resolution"};
constexpr RowDescription kFixtureRow{"jackpot.coupon_fixtures", kFixtureColumns};
#define FIELD(name) JACKPOT_FIELD(kFixtureRow, name)
using Row = RowValues<kFixtureRow.size()>;

struct CouponFixture {
  core::FixtureQuery query;
  std::optional<std::string> league_code;
  std::optional<core::Probabilities> odds;
};

// create_jackpot's one error for a coupon with unresolved names: every such fixture, each
// unresolved name, why, and its best candidates.
void refuse_unresolved(const core::TeamDirectory& directory, const std::vector<CouponFixture>& coupon,
                       const std::vector<core::FixtureResolution>& resolved) {
  std::string listing;
  int unresolved = 0;
  for (std::size_t i = 0; i < coupon.size(); ++i) {
    if (resolved[i].home.team && resolved[i].away.team) continue;
    ++unresolved;
    std::string sides;
    for (const auto& [side, query, resolution] :
         {std::tuple{"home", &coupon[i].query.home, &resolved[i].home}, std::tuple{"away", &coupon[i].query.away, &resolved[i].away}}) {
      if (resolution->team) continue;
      sides += std::string(sides.empty() ? "" : "; ") + side + " \"" + query->name + "\": " +
               unresolved_reason(directory, *resolution) + " (candidates: " + candidates_text(directory, *resolution) + ")";
    }
    listing += std::string(listing.empty() ? "" : "; ") + "fixture " + std::to_string(i + 1) + " (" + coupon[i].query.home.name +
               " v " + coupon[i].query.away.name + "): " + sides;
  }
  if (unresolved == 0) return;
  throw SqlStateError(ERRCODE_NO_DATA_FOUND,
                      "create_jackpot: " + std::to_string(unresolved) + " of " + std::to_string(coupon.size()) +
                          " fixtures could not be resolved: " + listing,
                      "Pass on_unresolved => 'fallback' to predict them from the market or a prior, give home_team_id "
                      "and away_team_id, or teach a name with jackpot.add_team_alias(alias, team).");
}

// Element i of an array argument, or nullopt when the array or the element is NULL.
template <typename T, typename Read>
std::vector<std::optional<T>> array_elements(FunctionCallInfo fcinfo, int n, Oid type, int length, bool by_value,
                                             char align, std::size_t count, Read read) {
  std::vector<std::optional<T>> out(count);
  if (PG_ARGISNULL(n)) return out;
  Datum* values = nullptr;
  bool* nulls = nullptr;
  int found = 0;
  call_postgres([&] {
    deconstruct_array(PG_GETARG_ARRAYTYPE_P(n), type, length, by_value, align, &values, &nulls, &found);
  });
  if (static_cast<std::size_t>(found) != count) throw std::invalid_argument("the coupon's arrays differ in length");
  for (std::size_t i = 0; i < count; ++i)
    if (!nulls[i]) out[i] = read(values[i]);
  return out;
}

std::vector<CouponFixture> read_coupon(FunctionCallInfo fcinfo) {
  for (int i = 0; i < 3; ++i)
    if (PG_ARGISNULL(i)) throw std::invalid_argument("dates, homes and aways must not be NULL");
  const int count = call_postgres([fcinfo] { return ArrayGetNItems(ARR_NDIM(PG_GETARG_ARRAYTYPE_P(0)), ARR_DIMS(PG_GETARG_ARRAYTYPE_P(0))); });
  const std::size_t n = static_cast<std::size_t>(count);
  const auto text = [](Datum d) { return text_of(d); };
  const auto date = [](Datum d) { return DatumGetDateADT(d); };
  const auto int4 = [](Datum d) { return DatumGetInt32(d); };
  const auto float8 = [](Datum d) { return DatumGetFloat8(d); };
  const auto dates = array_elements<DateADT>(fcinfo, 0, DATEOID, 4, true, TYPALIGN_INT, n, date);
  const auto homes = array_elements<std::string>(fcinfo, 1, TEXTOID, -1, false, TYPALIGN_INT, n, text);
  const auto aways = array_elements<std::string>(fcinfo, 2, TEXTOID, -1, false, TYPALIGN_INT, n, text);
  const auto leagues = array_elements<std::string>(fcinfo, 3, TEXTOID, -1, false, TYPALIGN_INT, n, text);
  const auto home_ids = array_elements<std::int32_t>(fcinfo, 4, INT4OID, 4, true, TYPALIGN_INT, n, int4);
  const auto away_ids = array_elements<std::int32_t>(fcinfo, 5, INT4OID, 4, true, TYPALIGN_INT, n, int4);
  const auto odds_h = array_elements<double>(fcinfo, 6, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, n, float8);
  const auto odds_d = array_elements<double>(fcinfo, 7, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, n, float8);
  const auto odds_a = array_elements<double>(fcinfo, 8, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, n, float8);
  std::vector<CouponFixture> coupon(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!dates[i] || !homes[i] || !aways[i] || DATE_NOT_FINITE(*dates[i]))
      throw std::invalid_argument("fixture " + std::to_string(i + 1) + ": home, away and a finite date are required");
    coupon[i].query = {{*homes[i], home_ids[i]}, {*aways[i], away_ids[i]}, *dates[i], std::nullopt};
    coupon[i].league_code = leagues[i];
    if (odds_h[i] && odds_d[i] && odds_a[i]) coupon[i].odds = core::Probabilities{*odds_h[i], *odds_d[i], *odds_a[i]};
  }
  return coupon;
}

// The fixtures' named leagues, as ids; an unknown code is refused naming its fixture.
void resolve_league_codes(std::vector<CouponFixture>& coupon) {
  std::vector<std::string> codes;
  for (const CouponFixture& f : coupon)
    if (f.league_code) codes.push_back(*f.league_code);
  if (codes.empty()) return;
  std::map<std::string, std::int32_t> ids;
  const std::uint64_t rows = spi_execute(kLeagueIds, {{"codes", text_array(codes)}});
  for (std::uint64_t r = 0; r < rows; ++r)
    ids[text_of(*spi_value(r, JACKPOT_COLUMN(kLeagueIds, "code")))] = DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kLeagueIds, "id")));
  for (std::size_t i = 0; i < coupon.size(); ++i) {
    if (!coupon[i].league_code) continue;
    const auto it = ids.find(*coupon[i].league_code);
    if (it == ids.end())
      throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE,
                          "fixture " + std::to_string(i + 1) + ": unknown league code \"" + *coupon[i].league_code + "\"");
    coupon[i].query.league_id = it->second;
  }
}

struct ActiveModel {
  Datum id;  // uuid, in the caller's memory context
  bool calibrated;
  std::vector<std::int32_t> rated;
};

std::map<std::int32_t, ActiveModel> active_models(const std::vector<std::int32_t>& league_ids) {
  std::map<std::int32_t, ActiveModel> models;
  if (league_ids.empty()) return models;
  const std::uint64_t rows = spi_execute(kActiveModels, {{"league_ids", int4_array(league_ids)}});
  for (std::uint64_t r = 0; r < rows; ++r) {
    ActiveModel model{call_postgres([r] {
                        return datumCopy(*spi_value(r, JACKPOT_COLUMN(kActiveModels, "id")), false, 16);
                      }),
                      DatumGetBool(*spi_value(r, JACKPOT_COLUMN(kActiveModels, "calibrated"))), {}};
    const Datum rated = *spi_value(r, JACKPOT_COLUMN(kActiveModels, "rated"));
    Datum* ids = nullptr;
    bool* nulls = nullptr;
    int n = 0;
    call_postgres([&] { deconstruct_array(DatumGetArrayTypeP(rated), INT4OID, 4, true, TYPALIGN_INT, &ids, &nulls, &n); });
    for (int i = 0; i < n; ++i) model.rated.push_back(DatumGetInt32(ids[i]));
    models.emplace(DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kActiveModels, "league_id"))), std::move(model));
  }
  return models;
}

core::PopulationCounts population_counts(std::optional<std::int32_t> league_id, DateADT before, int days) {
  spi_execute(kPopulation, {{"league_id", Int32GetDatum(league_id.value_or(0)), !league_id},
                            {"before", DateADTGetDatum(before)},
                            {"days", Int32GetDatum(days)}});
  const auto count = [](int column) { return DatumGetInt64(*spi_value(0, column)); };
  const auto sum = [](int column) { return DatumGetFloat8(*spi_value(0, column)); };
  core::PopulationCounts p;
  p.matches = count(JACKPOT_COLUMN(kPopulation, "matches"));
  p.home_wins = count(JACKPOT_COLUMN(kPopulation, "home_wins"));
  p.draws = count(JACKPOT_COLUMN(kPopulation, "draws"));
  p.away_wins = count(JACKPOT_COLUMN(kPopulation, "away_wins"));
  p.home_goals = sum(JACKPOT_COLUMN(kPopulation, "home_goals"));
  p.away_goals = sum(JACKPOT_COLUMN(kPopulation, "away_goals"));
  p.with_market = count(JACKPOT_COLUMN(kPopulation, "with_market"));
  p.market_draw = sum(JACKPOT_COLUMN(kPopulation, "market_draw"));
  return p;
}

// The locked inputs of a fallback basis: the fixture's league's matches in the window when it has
// enough of them, else every league's; a market basis without any is its own base rates.
core::BasisInputs fallback_inputs(core::Basis basis, std::optional<std::int32_t> league_id, const CouponFixture& f,
                                  const core::Settings& settings, std::size_t position) {
  const DateADT date = f.query.day;
  core::PopulationCounts counts = population_counts(league_id, date, settings.league_statistics_days);
  if (league_id && counts.matches < kSmallestLeaguePopulation)
    counts = population_counts(std::nullopt, date, settings.league_statistics_days);
  try {
    if (basis == core::Basis::market && counts.matches == 0)
      return core::market_basis_inputs(core::remove_margin(*f.odds, settings.margin_method), settings.dixon_coles_rho,
                                       settings.max_goals);
    return core::basis_inputs(basis, counts, settings.dixon_coles_rho, settings.max_goals);
  } catch (const std::invalid_argument& error) {
    throw SqlStateError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "fixture " + std::to_string(position) + ": " + error.what() + " (none in the " +
                            std::to_string(settings.league_statistics_days) + " days before " + date_text(date) + ")",
                        "Ingest past seasons first with jackpot.ingest_football_data().");
  }
}

// The active models of the leagues the resolved fixtures share.
std::map<std::int32_t, ActiveModel> models_of_shared_leagues(const core::TeamDirectory& directory,
                                                             const std::vector<core::FixtureResolution>& resolved) {
  std::vector<std::int32_t> leagues;
  for (const core::FixtureResolution& r : resolved)
    if (const auto league = shared_league(directory, r)) leagues.push_back(*league);
  return active_models(leagues);
}

void refuse_same_team(const core::TeamDirectory& directory, const CouponFixture& f, const core::FixtureResolution& r,
                      std::size_t position) {
  if (!r.home.team || !r.away.team || directory.identity_of(*r.home.team) != directory.identity_of(*r.away.team)) return;
  throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE,
                      "create_jackpot: fixture " + std::to_string(position) + ": \"" + f.query.home.name + "\" and \"" +
                          f.query.away.name + "\" are the same team (" + directory.teams()[*r.home.team].name + ")");
}

// The league model a resolved fixture rests on: its shared league's active model, when that model
// rates both teams.
const ActiveModel* rating_model(const core::TeamDirectory& directory, const std::map<std::int32_t, ActiveModel>& models,
                                std::optional<std::int32_t> league, const core::FixtureResolution& r) {
  const auto model = league ? models.find(*league) : models.end();
  if (model == models.end()) return nullptr;
  const auto rates = [&](std::size_t team) {
    const std::vector<std::int32_t>& rated = model->second.rated;
    return std::find(rated.begin(), rated.end(), directory.teams()[team].id) != rated.end();
  };
  return rates(*r.home.team) && rates(*r.away.team) ? &model->second : nullptr;
}

// One fixture as create_jackpot writes it, with its basis and, on a fallback basis, its inputs.
Row fixture_row(const core::TeamDirectory& directory, const std::map<std::int32_t, ActiveModel>& models,
                const core::Settings& settings, const CouponFixture& f, const core::FixtureResolution& r,
                std::size_t position) {
  refuse_same_team(directory, f, r, position);
  const std::optional<std::int32_t> league = shared_league(directory, r);
  Row row;
  row.set(FIELD("match_order"), Int32GetDatum(static_cast<std::int32_t>(position)));
  row.set(FIELD("match_date"), DateADTGetDatum(f.query.day));
  row.set(FIELD("home_team"), text_datum(f.query.home.name));
  row.set(FIELD("away_team"), text_datum(f.query.away.name));
  if (f.odds) {
    row.set(FIELD("odds_home"), Float8GetDatum((*f.odds)[0]));
    row.set(FIELD("odds_draw"), Float8GetDatum((*f.odds)[1]));
    row.set(FIELD("odds_away"), Float8GetDatum((*f.odds)[2]));
  }
  if (r.home.team) row.set(FIELD("home_team_id"), Int32GetDatum(directory.teams()[*r.home.team].id));
  if (r.away.team) row.set(FIELD("away_team_id"), Int32GetDatum(directory.teams()[*r.away.team].id));
  if (league) row.set(FIELD("league_id"), Int32GetDatum(*league));
  const ActiveModel* model = rating_model(directory, models, league, r);
  const core::Basis basis = model ? core::Basis::model : f.odds ? core::Basis::market : core::Basis::prior;
  row.set(FIELD("basis"), text_datum(core::basis_name(basis)));
  row.set(FIELD("calibrated"), BoolGetDatum(model && model->calibrated));
  if (model) {
    row.set(FIELD("model_id"), model->id);
  } else {
    const std::optional<std::int32_t> population = f.query.league_id ? f.query.league_id : league;
    row.set(FIELD("basis_inputs"),
            jsonb_from_json(core::basis_inputs_json(fallback_inputs(basis, population, f, settings, position))));
  }
  row.set(FIELD("resolution"), jsonb_from_json(resolution_json(directory, f.query, r)));
  return row;
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_coupon_fixtures) {
  using namespace jackpot;
  using namespace jackpot::pg;
  std::vector<CouponFixture> coupon = read_coupon(fcinfo);
  if (PG_ARGISNULL(9)) throw std::invalid_argument("on_unresolved must not be NULL");
  const bool fallback = text_argument(fcinfo, 9) == "fallback";
  const core::Settings settings = current_settings();
  call_postgres([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  check_result_row(kFixtureRow, result->setDesc);
  SpiConnection spi;
  resolve_league_codes(coupon);
  const core::TeamDirectory& directory = team_directory();
  std::vector<core::FixtureQuery> queries;
  for (const CouponFixture& f : coupon) queries.push_back(f.query);
  const std::vector<core::FixtureResolution> resolved = resolve_fixtures(directory, queries);
  if (!fallback) refuse_unresolved(directory, coupon, resolved);
  const std::map<std::int32_t, ActiveModel> models = models_of_shared_leagues(directory, resolved);
  for (std::size_t i = 0; i < coupon.size(); ++i) {
    Row row = fixture_row(directory, models, settings, coupon[i], resolved[i], i + 1);
    call_postgres([&] { tuplestore_putvalues(result->setResult, result->setDesc, row.values, row.nulls); });
  }
  spi.finish();
  return Datum(0);
}
#undef FIELD
