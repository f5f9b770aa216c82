#include "pg/leagues.hpp"

#include <string>

#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kLeagueParameters[] = {{"code", TEXTOID}};
constexpr const char* kLeagueColumns[] = {"id"};
constexpr StatementDescription kLeague{"league id", "SELECT id FROM jackpot.leagues WHERE code = $(code)",
                                       kLeagueParameters, kLeagueColumns};

}  // namespace

std::int32_t league_id_of(std::string_view league_code) {
  if (spi_execute(kLeague, {{"code", text_datum(league_code)}}) == 0)
    throw SqlStateError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown league \"" + std::string(league_code) + "\"",
                        "Ingest it first with jackpot.ingest_football_data().");
  return DatumGetInt32(*spi_value(0, JACKPOT_COLUMN(kLeague, "id")));
}

}  // namespace jackpot::pg
