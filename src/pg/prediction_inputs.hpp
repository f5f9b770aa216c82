// Arguments shared by the prediction functions: odds, a prediction set, and the settings the
// sets are computed with (the session's, or those locked with a jackpot).
#pragma once

#include <optional>

#include "core/fixture_basis.hpp"
#include "core/prediction_sets.hpp"
#include "core/settings.hpp"
#include "pg/model_cache.hpp"

namespace jackpot::pg {

// Arguments first … first + 2 as (home, draw, away) odds: nullopt when all three are NULL;
// throws when only some are.
std::optional<core::Probabilities> odds_arguments(FunctionCallInfo fcinfo, int first);

// Argument n, a jackpot.prediction_set, as 0 (A) … 6 (G).
int set_index_argument(StatementCache& cache, FunctionCallInfo fcinfo, int n);

// The jackpot.prediction_set value of index 0 … 6, of the enum type typid.
Datum set_enum_value(StatementCache& cache, Oid typid, int index);

core::SetParameters set_parameters(const core::Settings& settings);

// The settings a jackpot locked at creation (the jsonb of jackpot.settings()).
core::SetParameters set_parameters(Jsonb* locked_settings);

// The inputs a fixture's market or prior basis locked at creation (core::basis_inputs_json).
core::BasisInputs basis_inputs_of(Jsonb* locked_inputs);

}  // namespace jackpot::pg
