#include "pg/teams.hpp"

#include <map>

#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace jackpot::pg {
namespace {

constexpr StatementParameter kTeamNamesParameters[] = {{"ids", INT4ARRAYOID}};
constexpr const char* kTeamNamesColumns[] = {"id", "name"};
constexpr StatementDescription kTeamNames{"team names", "SELECT id, name FROM jackpot.teams WHERE id = ANY ($(ids)) ORDER BY id",
                                          kTeamNamesParameters, kTeamNamesColumns};

}  // namespace

std::vector<std::string> team_names(const std::vector<std::int32_t>& team_ids) {
  const std::uint64_t rows = spi_execute(kTeamNames, {{"ids", int4_array(team_ids)}});
  std::map<std::int32_t, std::string> by_id;
  for (std::uint64_t r = 0; r < rows; ++r)
    by_id[DatumGetInt32(*spi_value(r, JACKPOT_COLUMN(kTeamNames, "id")))] =
        text_of(*spi_value(r, JACKPOT_COLUMN(kTeamNames, "name")));
  std::vector<std::string> names;
  for (const std::int32_t id : team_ids) names.push_back(by_id[id]);
  return names;
}

std::vector<std::string> id_texts(const std::vector<std::int32_t>& team_ids) {
  std::vector<std::string> texts;
  texts.reserve(team_ids.size());
  for (const std::int32_t id : team_ids) texts.push_back(std::to_string(id));
  return texts;
}

}  // namespace jackpot::pg
