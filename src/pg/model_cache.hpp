// Fitted models as the prediction functions use them. A statement keeps each model it uses in a
// cache in the calling expression's fn_extra, freed with its memory context, so a statement
// predicting a multi-league jackpot reads each league's model once. Beneath it the session keeps
// every model it has read: a model never changes (its rules forbid it) except by gaining its
// calibration once, so a statement re-reads only the model's id and whether it is calibrated,
// and reuses the session's copy when both are as before.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/dixon_coles_model.hpp"
#include "core/eigen.hpp"
#include "core/isotonic.hpp"
#include "core/prediction_sets.hpp"
#include "pg/postgres.hpp"
#include "pg/result_row.hpp"

namespace jackpot::pg {

struct FittedModel {
  std::string version;
  std::string id;  // models.id: a version deleted with its transaction and written anew is another model
  std::string league_code;
  core::DixonColesRates rates{};
  int max_goals = 8;  // the matrix size the model was fitted and is predicted with
  core::LeagueStatistics league;
  bool calibrated = false;               // calibration_data holds its three one-vs-rest maps
  core::IsotonicMap calibration[3];      // home, draw, away
  std::unordered_map<std::int32_t, core::TeamStrength> strengths;        // by team id
  std::unordered_map<std::string, std::int32_t> team_of_canonical;
  std::unordered_map<std::string, std::int32_t> team_of_name;            // names resolved so far

  // Expected goals (λ, μ) of home against away; throws when either team is not rated.
  core::ExpectedGoals expected_goals(std::int32_t home, std::int32_t away) const;
};

// Set A's input: the model's probabilities, calibrated by its isotonic maps when it has them and
// use_calibration allows (a jackpot fixture locks whether its model was calibrated when the
// jackpot was created).
core::Probabilities set_a_probabilities(const FittedModel& model, const core::Probabilities& raw,
                                        bool use_calibration = true);

// One fixture under a model: expected goals, the score matrix over the model's max_goals, and
// the seven sets (set A through set_a_probabilities). Throws when home and away are one team or
// either is not rated.
struct FixtureForecast {
  double lambda = 0, mu = 0;
  Eigen::MatrixXd score_matrix;
  core::FixturePrediction prediction;
};
FixtureForecast forecast(const FittedModel& model, std::int32_t home, std::int32_t away,
                         const std::optional<core::Probabilities>& odds, const core::SetParameters& parameters,
                         bool use_calibration = true);

struct StatementCache {
  std::unordered_map<std::string, std::unique_ptr<FittedModel>> models;
  std::unordered_map<Oid, int> set_index_of_enum;  // jackpot.prediction_set value → 0 … 6
  Datum set_enum[core::kPredictionSets] = {};      // index → jackpot.prediction_set value
  TupleDesc result_type = nullptr;                 // in fn_mcxt
  bool result_checked = false;                     // a set-returning function's row, checked once
};

// The statement's cache, created on first use.
StatementCache& statement_cache(FunctionCallInfo fcinfo);

// The model of this version, read on first use; throws 22023 for an unknown version.
FittedModel& cached_model(StatementCache& cache, std::string_view version);

// The model of this id (a uuid Datum), read on first use in the session and kept: the id of a
// model's row is never reused and the model never changes, except that it may gain its
// calibration once, which use_calibration asks for.
const FittedModel& cached_model_by_id(StatementCache& cache, Datum id, bool use_calibration);

// The model's team a name designates: its exact canonical name, else jackpot.resolve_team in
// the model's league; remembered for the rest of the statement.
std::int32_t team_of(FittedModel& model, std::string_view name);

// The result row type of a function returning a composite, checked against its description,
// blessed and kept in fn_mcxt.
TupleDesc cached_result_type(StatementCache& cache, FunctionCallInfo fcinfo, const RowDescription& description);

}  // namespace jackpot::pg
