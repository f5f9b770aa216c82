#include "core/rho_boundary_json.hpp"

#include "core/json_writer.hpp"

namespace jackpot::core {

std::string rho_boundary_json(const DixonColesFit& fit, const std::vector<std::string>& team_values,
                              const char* home_key, const char* away_key) {
  if (fit.rho_boundary.empty()) return "null";
  static constexpr const char* kScores[] = {"0-0", "0-1", "1-0", "1-1"};
  std::string out = "[";
  for (const DixonColesFit::ActiveCell& active : fit.rho_boundary) {
    JsonObjectWriter json;
    if (active.cell.cell != 3)
      json.raw(home_key, team_values.at(static_cast<std::size_t>(active.cell.home)))
          .raw(away_key, team_values.at(static_cast<std::size_t>(active.cell.away)));
    json.string("score", kScores[active.cell.cell]).number("multiplier", active.multiplier);
    if (out.size() > 1) out += ',';
    out += json.finish();
  }
  return out + "]";
}

}  // namespace jackpot::core
