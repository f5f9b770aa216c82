#include "pg/ingestion_logs_table.hpp"

#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kKeyParameters[] = {
    {"source", TEXTOID}, {"league_code", TEXTOID}, {"season", TEXTOID}, {"snapshot_date", DATEOID}};
constexpr StatementDescription kFindLog{
    "find ingestion log",
    "SELECT * FROM jackpot.ingestion_logs "
    "WHERE source = $(source) AND league_code = $(league_code) AND season = $(season) AND snapshot_date = $(snapshot_date)",
    kKeyParameters, ResultShape::whole_row};

constexpr StatementParameter kInsertLogParameters[] = {
    {"source", TEXTOID},   {"league_code", TEXTOID}, {"season", TEXTOID},  {"snapshot_date", DATEOID},
    {"loaded", INT4OID},   {"inserted", INT4OID},    {"updated", INT4OID}, {"skipped", INT4OID},
    {"checksum", TEXTOID}, {"started_at", TIMESTAMPTZOID}};
constexpr StatementDescription kInsertLog{
    "insert ingestion log",
    "INSERT INTO jackpot.ingestion_logs (source, league_code, season, snapshot_date, records_loaded,"
    "    records_inserted, records_updated, records_skipped, checksum, status, started_at, completed_at)"
    "VALUES ($(source), $(league_code), $(season), $(snapshot_date), $(loaded), $(inserted), $(updated), $(skipped),"
    "        $(checksum), 'completed', $(started_at), clock_timestamp()) RETURNING *",
    kInsertLogParameters, ResultShape::whole_row};

}  // namespace

std::optional<std::string> logged_checksum(const IngestionKey& key) {
  if (spi_execute(kFindLog, {{"source", text_datum(key.source)},
                             {"league_code", text_datum(key.league_code)},
                             {"season", text_datum(key.season)},
                             {"snapshot_date", DateADTGetDatum(key.snapshot_date)}}) == 0)
    return std::nullopt;
  return text_of(*spi_value(0, SPI_fnumber(SPI_tuptable->tupdesc, "checksum")));
}

void insert_ingestion_log(const IngestionKey& key, const IngestionCounts& counts, const std::string& checksum,
                          TimestampTz started_at) {
  spi_execute(kInsertLog, {{"source", text_datum(key.source)},
                           {"league_code", text_datum(key.league_code)},
                           {"season", text_datum(key.season)},
                           {"snapshot_date", DateADTGetDatum(key.snapshot_date)},
                           {"loaded", Int32GetDatum(counts.loaded)},
                           {"inserted", Int32GetDatum(counts.inserted)},
                           {"updated", Int32GetDatum(counts.updated)},
                           {"skipped", Int32GetDatum(counts.skipped)},
                           {"checksum", text_datum(checksum)},
                           {"started_at", TimestampTzGetDatum(started_at)}});
}

void return_logged_row(ReturnSetInfo* result) {
  call_postgres([result] { tuplestore_puttuple(result->setResult, SPI_tuptable->vals[0]); });
}

}  // namespace jackpot::pg
