// jackpot.teams as the fits name teams in their messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jackpot::pg {

// The teams' names, in the order of their ids.
std::vector<std::string> team_names(const std::vector<std::int32_t>& team_ids);

// The ids as decimal text: the keys under which a fit's team strengths are stored.
std::vector<std::string> id_texts(const std::vector<std::int32_t>& team_ids);

}  // namespace jackpot::pg
