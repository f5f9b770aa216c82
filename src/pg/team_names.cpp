// jackpot.canonical_team_name(text) and jackpot.team_name_match_score(text, text).
#include <string>

#include "core/team_names.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"

JACKPOT_SQL_FUNCTION(jackpot_canonical_team_name) {
  const std::string canonical = jackpot::core::canonical_team_name(jackpot::pg::text_argument(fcinfo, 0));
  return jackpot::pg::text_datum(canonical);
}

JACKPOT_SQL_FUNCTION(jackpot_team_name_match_score) {
  return Float8GetDatum(jackpot::core::team_name_match_score(jackpot::pg::text_argument(fcinfo, 0),
                                                             jackpot::pg::text_argument(fcinfo, 1)));
}
