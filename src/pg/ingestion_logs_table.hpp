// jackpot.ingestion_logs as an ingestion reads and writes it: one row per (source, league,
// season, snapshot_date), the record that makes a snapshot immutable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pg/postgres.hpp"

namespace jackpot::pg {

struct IngestionKey {
  std::string source;
  std::string league_code;
  std::string season;
  DateADT snapshot_date;
};

// The checksum of the file already logged under this key, if any; its row is then the current
// SPI result (for return_logged_row).
std::optional<std::string> logged_checksum(const IngestionKey& key);

struct IngestionCounts {
  std::int32_t loaded, inserted, updated, skipped;
};

// Logs a completed ingestion; its row is then the current SPI result.
void insert_ingestion_log(const IngestionKey& key, const IngestionCounts& counts, const std::string& checksum,
                          TimestampTz started_at);

// Appends the current SPI result's row to a set-returning function's result.
void return_logged_row(ReturnSetInfo* result);

}  // namespace jackpot::pg
