// jackpot.models as a fit writes it: a model version looked up, and a new fit recorded with its
// training run, its team_features snapshot and the league's and teams' ratings, in one statement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dixon_coles.hpp"
#include "core/team_form.hpp"
#include "pg/postgres.hpp"

namespace jackpot::pg {

// The model row of this version (a jackpot.models Datum), if there is one.
std::optional<Datum> existing_model(const std::string& version);

// Everything a fit records beside the fit itself.
struct FitRecord {
  std::string model_type;  // 'dixon-coles' or 'market-implied'
  std::string objective;   // training_runs.objective
  std::string version;
  std::int32_t league_id;
  DateADT as_of;
  double xi;
  TimestampTz started_at;
  std::string seasons_json;     // training_seasons: a JSON array of season labels
  std::string parameters_json;  // models.parameters
  std::string strengths_json;   // models.team_strengths
  DateADT first_match, last_match;
  std::vector<std::int32_t> team_ids;  // fit index → team id
  std::vector<core::TeamForm> form;    // per team, the rolling form over the same matches
  double league_draw_rate;
};

// Archives the league's active model, inserts this one as active with its training run, one
// team_features row per team, the league's draw rate and the teams' ratings; returns the model
// row (a jackpot.models Datum).
Datum record_fit(const FitRecord& record, const core::DixonColesFit& fit);

}  // namespace jackpot::pg
