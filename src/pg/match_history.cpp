#include "pg/match_history.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <string_view>
#include <tuple>

#include "core/dixon_coles_model.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

// The training rows (sorted afterwards into the canonical order that training_data_sha256
// hashes: date, home team id, away team id). The best plan depends on the values, with other
// leagues in the table:
// - every season: planned for each call's values (PlanChoice::custom), since as_of
//   alone decides how many seasons a backtest's early fit reads;
// - given seasons: one generic plan, kept (PlanChoice::generic), that reads the
//   league's seasons through idx_matches_league_season whatever as_of is. as_of bounds the rows
//   as a filter only ("+ 0"): a generic plan cannot know that the bound hardly selects, and
//   would otherwise walk idx_matches_date through every league's matches.
#define JACKPOT_TRAINING_COLUMNS                                                                   \
  "SELECT m.match_date, m.home_team_id, m.away_team_id, m.home_goals, m.away_goals,"               \
  "       m.prob_draw_market, m.season, m.prob_home_market, m.prob_away_market"                      \
  "  FROM jackpot.matches AS m"
constexpr const char* kTrainingColumns[] = {"match_date", "home_team_id", "away_team_id", "home_goals",
                                            "away_goals", "prob_draw_market", "season", "prob_home_market",
                                            "prob_away_market"};
constexpr StatementParameter kTrainingParameters[] = {{"as_of", DATEOID}, {"league_id", INT4OID}};
constexpr StatementDescription kTrainingMatches{
    "training matches", JACKPOT_TRAINING_COLUMNS " WHERE m.league_id = $(league_id) AND m.match_date < $(as_of)",
    kTrainingParameters, kTrainingColumns, PlanChoice::custom};
constexpr StatementParameter kTrainingOfSeasonsParameters[] = {
    {"as_of", DATEOID}, {"league_id", INT4OID}, {"seasons", TEXTARRAYOID}};
constexpr StatementDescription kTrainingMatchesOfSeasons{
    "training matches of seasons",
    JACKPOT_TRAINING_COLUMNS " WHERE m.league_id = $(league_id) AND m.season = ANY ($(seasons)) AND m.match_date + 0 < $(as_of)",
    kTrainingOfSeasonsParameters, kTrainingColumns, PlanChoice::generic};
#undef JACKPOT_TRAINING_COLUMNS

constexpr StatementParameter kBacktestMatchesParameters[] = {{"league_id", INT4OID}, {"to_date", DATEOID}};
#define JACKPOT_BACKTEST_COLUMNS                                                                                  \
  "SELECT m.id, m.match_date, m.home_team_id, m.away_team_id, m.home_goals, m.away_goals,"                        \
  "       (m.closing_odds ->> 'home')::float8 AS odds_home, (m.closing_odds ->> 'draw')::float8 AS odds_draw,"     \
  "       (m.closing_odds ->> 'away')::float8 AS odds_away, m.prob_home_market, m.prob_draw_market,"              \
  "       m.prob_away_market"                                                                                     \
  "  FROM jackpot.matches AS m"
constexpr const char* kBacktestMatchesColumns[] = {"id", "match_date", "home_team_id", "away_team_id", "home_goals",
                                                   "away_goals", "odds_home", "odds_draw", "odds_away",
                                                   "prob_home_market", "prob_draw_market", "prob_away_market"};
constexpr StatementDescription kBacktestMatches{
    "backtest matches",
    JACKPOT_BACKTEST_COLUMNS " WHERE m.league_id = $(league_id) AND m.match_date <= $(to_date)"
    " ORDER BY m.match_date, m.home_team_id, m.away_team_id",
    kBacktestMatchesParameters, kBacktestMatchesColumns};
#undef JACKPOT_BACKTEST_COLUMNS

struct TrainingRow {
  DateADT date;
  std::int32_t home, away, home_goals, away_goals, days;
  double market_draw;
  double market_home, market_away;  // NaN without a stored margin-free 1X2
};

// Collects the training rows straight from the executor (spi_stream_*).
struct TrainingRowReader {
  DateADT as_of;  // finite: the days before it fit an int
  std::vector<TrainingRow> rows;
  std::set<std::string>* seasons;
  std::set<std::string>* seasons_with_market;
  std::string last_season, last_season_with_market;
  std::int32_t largest_id = 0;
  std::exception_ptr failure;  // what stopped the read (out of memory), raised after it
};

bool receive_training_row(TupleTableSlot* slot, void* context) noexcept {
  auto& reader = *static_cast<TrainingRowReader*>(context);
  const Datum* values = slot->tts_values;
  const bool* nulls = slot->tts_isnull;
  constexpr int kDate = JACKPOT_COLUMN(kTrainingMatches, "match_date") - 1, kHome = JACKPOT_COLUMN(kTrainingMatches, "home_team_id") - 1,
                kAway = JACKPOT_COLUMN(kTrainingMatches, "away_team_id") - 1, kHomeGoals = JACKPOT_COLUMN(kTrainingMatches, "home_goals") - 1,
                kAwayGoals = JACKPOT_COLUMN(kTrainingMatches, "away_goals") - 1,
                kMarketDraw = JACKPOT_COLUMN(kTrainingMatches, "prob_draw_market") - 1, kSeason = JACKPOT_COLUMN(kTrainingMatches, "season") - 1,
                kMarketHome = JACKPOT_COLUMN(kTrainingMatches, "prob_home_market") - 1,
                kMarketAway = JACKPOT_COLUMN(kTrainingMatches, "prob_away_market") - 1;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  // A short label is stored inline (VARDATA_ANY reads a 1-byte header too); a compressed or
  // out-of-line one is not expected, but is never misread. Detoasting may raise a PostgreSQL
  // error: no C++ object is alive in this frame until the try block.
  const text* season = reinterpret_cast<const text*>(DatumGetPointer(values[kSeason]));
  if (VARATT_IS_COMPRESSED(season) || VARATT_IS_EXTERNAL(season))
    season = reinterpret_cast<const text*>(pg_detoast_datum_packed(const_cast<text*>(season)));
  try {
    if (DATE_NOT_FINITE(DatumGetDateADT(values[kDate])))  // the days before as_of would not be a number
      throw SqlStateError(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
                          std::string("a training match is dated ") +
                              (DATE_IS_NOBEGIN(DatumGetDateADT(values[kDate])) ? "-infinity" : "infinity") +
                              ": match dates must be finite");
    const TrainingRow row{DatumGetDateADT(values[kDate]), DatumGetInt32(values[kHome]), DatumGetInt32(values[kAway]),
                          DatumGetInt32(values[kHomeGoals]), DatumGetInt32(values[kAwayGoals]),
                          reader.as_of - DatumGetDateADT(values[kDate]),  // days before as_of
                          nulls[kMarketDraw] ? kNaN : DatumGetFloat8(values[kMarketDraw]),
                          nulls[kMarketHome] ? kNaN : DatumGetFloat8(values[kMarketHome]),
                          nulls[kMarketAway] ? kNaN : DatumGetFloat8(values[kMarketAway])};
    reader.rows.push_back(row);
    reader.largest_id = std::max({reader.largest_id, row.home, row.away});
    // seasons come in runs (rows arrive roughly in load order): kept only when one changes
    const std::string_view name(VARDATA_ANY(season), VARSIZE_ANY_EXHDR(season));
    if (name != reader.last_season) {
      reader.seasons->emplace(name);
      reader.last_season = name;
    }
    if (!std::isnan(row.market_home) && name != reader.last_season_with_market) {
      reader.seasons_with_market->emplace(name);
      reader.last_season_with_market = name;
    }
    return true;
  } catch (...) {
    reader.failure = std::current_exception();
    return false;
  }
}

}  // namespace

TrainingData read_training_data(std::int32_t league_id, DateADT as_of, const Datum* seasons, double xi) {
  TrainingData data;
  TrainingRowReader reader;
  reader.as_of = as_of;
  reader.seasons = &data.seasons;
  reader.seasons_with_market = &data.seasons_with_market;
  if (seasons)
    spi_stream(kTrainingMatchesOfSeasons,
               {{"as_of", DateADTGetDatum(as_of)}, {"league_id", Int32GetDatum(league_id)}, {"seasons", *seasons}},
               receive_training_row, &reader);
  else
    spi_stream(kTrainingMatches, {{"as_of", DateADTGetDatum(as_of)}, {"league_id", Int32GetDatum(league_id)}},
               receive_training_row, &reader);
  if (reader.failure) std::rethrow_exception(reader.failure);
  std::vector<TrainingRow>& raw = reader.rows;
  const std::int32_t largest_id = reader.largest_id;
  // Team ids → indexes 0 … n−1 in ascending id order.
  std::vector<int> index(static_cast<std::size_t>(largest_id) + 1, -1);
  for (const TrainingRow& row : raw) index[row.home] = index[row.away] = 0;
  int next = 0;
  for (std::size_t id = 0; id < index.size(); ++id)
    if (index[id] == 0) {
      index[id] = next++;
      data.team_ids.push_back(static_cast<std::int32_t>(id));
    }
  // The canonical order; (date, home, away) is unique within a league (uix_match), so the
  // order, and with it every sum of the fit, is the same on every run.
  std::sort(raw.begin(), raw.end(), [](const TrainingRow& a, const TrainingRow& b) {
    return std::tie(a.date, a.home, a.away) < std::tie(b.date, b.home, b.away);
  });
  data.matches.reserve(raw.size());
  data.market.reserve(raw.size());
  data.window.reserve(raw.size());
  data.canonical.reserve(raw.size() * 32);
  // Matches come in runs of one date: the date's text is formatted once per run.
  char day_text[kDateTextCapacity + 1];
  std::size_t day_text_length = 0;
  DateADT day_of_text = DATEVAL_NOBEGIN;
  const auto append_int = [&data](int value) {
    char digits[16];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    (void)error;  // 16 characters hold any int
    data.canonical.append(digits, end);
  };
  double weight = 0;  // exp(−ξ · days), also computed once per date
  for (const TrainingRow& row : raw) {
    if (row.date != day_of_text) {
      day_text_length = format_date(row.date, day_text);
      day_text[day_text_length++] = ',';
      weight = core::decay_weight(xi, row.days);
      day_of_text = row.date;
    }
    data.matches.push_back({index[row.home], index[row.away], row.home_goals, row.away_goals, weight});
    data.window.push_back({row.days, row.market_draw});
    if (std::isnan(row.market_home) || std::isnan(row.market_draw) || std::isnan(row.market_away))
      data.market.emplace_back();
    else
      data.market.push_back(core::Probabilities{row.market_home, row.market_draw, row.market_away});
    data.canonical.append(day_text, day_text_length);
    append_int(row.home);
    data.canonical += ',';
    append_int(row.away);
    data.canonical += ',';
    append_int(row.home_goals);
    data.canonical += ',';
    append_int(row.away_goals);
    data.canonical += '\n';
  }
  if (!raw.empty()) {
    data.first = raw.front().date;
    data.last = raw.back().date;
  }
  return data;
}

std::vector<core::BacktestMatch> read_backtest_matches(std::int32_t league_id, DateADT to_date) {
  const std::uint64_t rows =
      spi_execute(kBacktestMatches, {{"league_id", Int32GetDatum(league_id)}, {"to_date", DateADTGetDatum(to_date)}});
  std::vector<core::BacktestMatch> matches;
  matches.reserve(rows);
  const auto value = [](std::uint64_t r, int column) { return spi_value(r, column); };
  for (std::uint64_t r = 0; r < rows; ++r) {
    core::BacktestMatch m{DatumGetInt64(*value(r, JACKPOT_COLUMN(kBacktestMatches, "id"))),
                          DatumGetDateADT(*value(r, JACKPOT_COLUMN(kBacktestMatches, "match_date"))),
                          DatumGetInt32(*value(r, JACKPOT_COLUMN(kBacktestMatches, "home_team_id"))),
                          DatumGetInt32(*value(r, JACKPOT_COLUMN(kBacktestMatches, "away_team_id"))),
                          DatumGetInt32(*value(r, JACKPOT_COLUMN(kBacktestMatches, "home_goals"))),
                          DatumGetInt32(*value(r, JACKPOT_COLUMN(kBacktestMatches, "away_goals"))),
                          std::nullopt,
                          std::numeric_limits<double>::quiet_NaN()};
    const auto h = value(r, JACKPOT_COLUMN(kBacktestMatches, "odds_home"));
    const auto d = value(r, JACKPOT_COLUMN(kBacktestMatches, "odds_draw"));
    const auto a = value(r, JACKPOT_COLUMN(kBacktestMatches, "odds_away"));
    if (h && d && a) m.odds = core::Probabilities{DatumGetFloat8(*h), DatumGetFloat8(*d), DatumGetFloat8(*a)};
    const auto ph = value(r, JACKPOT_COLUMN(kBacktestMatches, "prob_home_market"));
    const auto pd = value(r, JACKPOT_COLUMN(kBacktestMatches, "prob_draw_market"));
    const auto pa = value(r, JACKPOT_COLUMN(kBacktestMatches, "prob_away_market"));
    if (pd) m.market_draw = DatumGetFloat8(*pd);
    if (ph && pd && pa) m.market = core::Probabilities{DatumGetFloat8(*ph), DatumGetFloat8(*pd), DatumGetFloat8(*pa)};
    matches.push_back(m);
  }
  return matches;
}

}  // namespace jackpot::pg
