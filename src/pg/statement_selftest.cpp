// Test hook for the statement descriptions (sql/statements.sql binds it, as sql/guard.sql binds
// the guard's): each kind runs a statement whose description does or does not match its text,
// its plan or its arguments, and returns what it read.
#include <cstdio>
#include <new>
#include <string>

#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "pg/statement.hpp"

namespace {

using jackpot::pg::Argument;
using jackpot::pg::ResultShape;
using jackpot::pg::StatementDescription;
using jackpot::pg::StatementParameter;

constexpr StatementParameter kN[] = {{"n", INT4OID}};
constexpr StatementParameter kNAndM[] = {{"n", INT4OID}, {"m", INT4OID}};
constexpr const char* kSum[] = {"sum"};
constexpr const char* kSumAndN[] = {"sum", "n"};

constexpr StatementDescription kMatching{"matching", "SELECT $(n) + 1 AS sum", kN, kSum};
constexpr StatementDescription kUnlistedParameter{"unlisted parameter", "SELECT $(n) + $(k) AS sum", kN, kSum};
constexpr StatementDescription kUnusedParameter{"unused parameter", "SELECT $(n) + 1 AS sum", kNAndM, kSum};
constexpr StatementDescription kPositional{"positional", "SELECT $1 + 1 AS sum", kN, kSum};
constexpr StatementDescription kColumnCount{"column count", "SELECT $(n) + 1 AS sum", kN, kSumAndN};
constexpr StatementDescription kColumnName{"column name", "SELECT $(n) + 1 AS total", kN, kSum};
constexpr StatementDescription kNoResult{"no result", "UPDATE jackpot.leagues SET name = name WHERE id = $(n)", kN, kSum};
constexpr StatementDescription kTwoParameters{"two parameters", "SELECT $(n) + $(m) AS sum", kNAndM, kSum};

std::int32_t run(const StatementDescription& statement, std::initializer_list<Argument> arguments) {
  jackpot::pg::SpiConnection spi;
  jackpot::pg::spi_execute(statement, arguments);
  const std::int32_t sum = DatumGetInt32(*jackpot::pg::spi_value(0, 1));
  spi.finish();
  return sum;
}

// 200 distinct statements, each prepared and kept (more than the 64 plans that used to fit).
std::int32_t many() {
  constexpr int kCount = 200;
  static char texts[kCount][48];
  alignas(StatementDescription) static unsigned char storage[kCount][sizeof(StatementDescription)];
  static bool built = false;
  if (!built) {
    for (int i = 0; i < kCount; ++i) {
      snprintf(texts[i], sizeof texts[i], "SELECT $(n) + %d AS sum", i);
      new (storage[i]) StatementDescription("many", texts[i], kN, kSum);
    }
    built = true;
  }
  std::int32_t total = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < kCount; ++i)
      total += run(*std::launder(reinterpret_cast<const StatementDescription*>(storage[i])), {{"n", Int32GetDatum(0)}});
  return total;  // 2 × (0 + 1 + … + 199)
}

}  // namespace

JACKPOT_SQL_FUNCTION(jackpot_selftest_statement) {
  const std::string kind(jackpot::pg::text_argument(fcinfo, 0));
  const Datum one = Int32GetDatum(1);
  if (kind == "matching") return Int32GetDatum(run(kMatching, {{"n", one}}));
  if (kind == "unlisted_parameter") return Int32GetDatum(run(kUnlistedParameter, {{"n", one}}));
  if (kind == "unused_parameter") return Int32GetDatum(run(kUnusedParameter, {{"n", one}, {"m", one}}));
  if (kind == "positional") return Int32GetDatum(run(kPositional, {{"n", one}}));
  if (kind == "column_count") return Int32GetDatum(run(kColumnCount, {{"n", one}}));
  if (kind == "column_name") return Int32GetDatum(run(kColumnName, {{"n", one}}));
  if (kind == "no_result") return Int32GetDatum(run(kNoResult, {{"n", one}}));
  if (kind == "argument_order") return Int32GetDatum(run(kTwoParameters, {{"m", one}, {"n", one}}));
  if (kind == "argument_count") return Int32GetDatum(run(kTwoParameters, {{"n", one}}));
  if (kind == "many") return Int32GetDatum(many());
  throw std::invalid_argument("unknown kind " + kind);
}
