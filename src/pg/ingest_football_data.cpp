// jackpot.ingest_football_data(data bytea, league_code, season, snapshot_date, source):
// parses a football-data.co.uk file in the core, then writes it in set-based statements
// (match_writes, ingestion_logs_table), one (league, season) at a time, and returns one ingestion_logs row per (league, season).
// Everything runs in the caller's statement: a file that fails anywhere writes nothing.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/football_data_csv.hpp"
#include "core/margin.hpp"
#include "core/settings.hpp"
#include "pg/datum.hpp"
#include "pg/ingestion_logs_table.hpp"
#include "pg/league_lock.hpp"
#include "pg/match_writes.hpp"
#include "pg/settings_gucs.hpp"
#include "pg/spi.hpp"

namespace jackpot::pg {
namespace {

using core::FootballDataMatch;

struct SeasonBatch {
  std::vector<const FootballDataMatch*> matches;
  std::size_t skipped_rows = 0;
};

struct Arguments {
  std::string_view data;
  core::FootballDataOptions options;
  DateADT snapshot_date;
  std::string source;
  core::MarginMethod margin_method;  // jackpot.margin_method, for the market probabilities
};

Arguments read_arguments(FunctionCallInfo fcinfo) {
  if (PG_ARGISNULL(0)) throw std::invalid_argument("data must not be NULL");
  if (PG_ARGISNULL(3)) throw std::invalid_argument("snapshot_date must not be NULL");
  if (PG_ARGISNULL(4)) throw std::invalid_argument("source must not be NULL");
  Arguments a;
  a.margin_method = current_settings().margin_method;
  bytea* data = call_postgres([&] { return PG_GETARG_BYTEA_PP(0); });
  a.data = std::string_view(VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
  if (!PG_ARGISNULL(1)) {
    a.options.league_code = std::string(text_argument(fcinfo, 1));
    if (a.options.league_code->empty()) throw std::invalid_argument("league_code must not be empty");
  }
  if (!PG_ARGISNULL(2)) a.options.season = std::string(text_argument(fcinfo, 2));
  a.snapshot_date = PG_GETARG_DATEADT(3);
  a.source = std::string(text_argument(fcinfo, 4));
  if (a.source.empty()) throw std::invalid_argument("source must not be empty");
  return a;
}

// One (league, season) of the file: refused if the snapshot was logged from another file, nothing
// to do if from this one, else its league, teams and matches written and the load logged. The
// log row is then the current SPI result.
void ingest_batch(const IngestionKey& key, const SeasonBatch& batch, const Arguments& args,
                  const std::string& checksum, TimestampTz started_at) {
  lock_league(key.league_code);  // batches run in code order: two files' locks never cross
  if (const std::optional<std::string> logged = logged_checksum(key)) {
    if (*logged != checksum)
      throw SqlStateError(
          ERRCODE_UNIQUE_VIOLATION,
          "ingestion of " + key.league_code + " " + key.season + " from " + key.source + " with snapshot_date " +
              date_text(key.snapshot_date) + " is already recorded with a different file (checksum " +
              logged->substr(0, 12) + "…, this file " + checksum.substr(0, 12) + "…)",
          "A snapshot is immutable: ingest the new file with another snapshot_date "
          "(for example current_date) to record the change.");
    return;  // the same file again
  }
  const std::int32_t league_id = ensure_league(key.league_code);
  std::int64_t inserted = 0, updated = 0;
  if (!batch.matches.empty())
    std::tie(inserted, updated) = upsert_matches(league_id, key.season, batch.matches, ensure_teams(league_id, batch.matches),
                                                 args.margin_method, args.source, args.snapshot_date);
  const std::int64_t loaded = static_cast<std::int64_t>(batch.matches.size() + batch.skipped_rows);
  insert_ingestion_log(key,
                       {static_cast<std::int32_t>(loaded), static_cast<std::int32_t>(inserted),
                        static_cast<std::int32_t>(updated), static_cast<std::int32_t>(loaded - inserted - updated)},
                       checksum, started_at);
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_ingest_football_data) {
  using namespace jackpot;
  using namespace jackpot::pg;
  const TimestampTz started_at = GetCurrentTimestamp();
  const Arguments args = read_arguments(fcinfo);
  const core::FootballDataFile file = core::parse_football_data(args.data, args.options);
  const std::string checksum = sha256_hex(args.data);
  std::map<std::pair<std::string, std::string>, SeasonBatch> batches;
  for (const core::FootballDataMatch& m : file.matches) batches[{m.league_code, m.season}].matches.push_back(&m);
  for (const core::FootballDataSkippedRow& s : file.skipped) ++batches[{s.league_code, s.season}].skipped_rows;

  call_postgres([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  SpiConnection spi;
  for (const auto& [key, batch] : batches) {
    ingest_batch({args.source, key.first, key.second, args.snapshot_date}, batch, args, checksum, started_at);
    return_logged_row(result);
  }
  spi.finish();
  return static_cast<Datum>(0);
}
