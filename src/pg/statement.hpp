// The adapter's SQL statements, each described once, by name. Its text refers to its parameters
// as $(name); the description lists them, with their types, in the order a caller binds them,
// and names the result columns the caller reads. When a statement is first used its description
// is checked against its text (every parameter referenced, no other, no positional $n) and
// against the planned result's columns (same names, same order): a mismatch is an error naming
// the statement and the difference, at first use, never a value read from the wrong column.
// Callers bind arguments by name (checked against the description on every call) and read
// columns through JACKPOT_COLUMN, which resolves a name to its position at compile time.
//
// Every statement's plan is prepared once per backend and kept (SPI_keepplan; PostgreSQL's plan
// cache revalidates it after DDL), however many statements there are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "pg/guard.hpp"

namespace jackpot::pg {

struct StatementParameter {
  const char* name;
  Oid type;
};

// How a statement's plan is chosen. kept: PostgreSQL's own choice between its generic plan and
// one for the call's values. generic: always the generic plan, for statements written so that it
// is right for every value, even where PostgreSQL's estimate would prefer custom plans (a
// league's given seasons, read by their index whatever the date). custom: planned afresh for
// each call's values, for statements whose best plan depends on them (a league's matches up to
// a date, with other leagues in the table: a generic plan can read every league's matches).
enum class PlanChoice { kept, generic, custom };

// What the statement returns: named columns (checked), the whole row of a table the caller
// returns as it is (SPI_returntuple; checked to be a row), or nothing it reads.
enum class ResultShape { columns, whole_row, none };

class StatementDescription {
 public:
  template <std::size_t P, std::size_t C>
  constexpr StatementDescription(const char* name, const char* sql, const StatementParameter (&parameters)[P],
                                 const char* const (&columns)[C], PlanChoice plan = PlanChoice::kept)
      : name_(name), sql_(sql), parameters_(parameters), parameter_count_(P), columns_(columns), column_count_(C),
        shape_(ResultShape::columns), plan_(plan) {}
  // A statement without parameters.
  template <std::size_t C>
  constexpr StatementDescription(const char* name, const char* sql, const char* const (&columns)[C],
                                 PlanChoice plan = PlanChoice::kept)
      : name_(name), sql_(sql), parameters_(nullptr), parameter_count_(0), columns_(columns), column_count_(C),
        shape_(ResultShape::columns), plan_(plan) {}
  template <std::size_t P>
  constexpr StatementDescription(const char* name, const char* sql, const StatementParameter (&parameters)[P],
                                 ResultShape shape, PlanChoice plan = PlanChoice::kept)
      : name_(name), sql_(sql), parameters_(parameters), parameter_count_(P), columns_(nullptr), column_count_(0),
        shape_(shape), plan_(plan) {}

  const char* name() const { return name_; }
  const char* sql() const { return sql_; }
  std::size_t parameter_count() const { return parameter_count_; }
  const StatementParameter& parameter(std::size_t i) const { return parameters_[i]; }
  std::size_t column_count() const { return column_count_; }
  const char* column_name(std::size_t i) const { return columns_[i]; }
  ResultShape shape() const { return shape_; }
  PlanChoice plan() const { return plan_; }

  // The 1-based position of a result column. In a constant expression (JACKPOT_COLUMN) an
  // unknown name does not compile.
  constexpr int column(std::string_view column_name) const {
    for (std::size_t i = 0; i < column_count_; ++i)
      if (std::string_view(columns_[i]) == column_name) return static_cast<int>(i) + 1;
    throw std::logic_error("no such result column");
  }

 private:
  const char* name_;
  const char* sql_;
  const StatementParameter* parameters_;
  std::size_t parameter_count_;
  const char* const* columns_;
  std::size_t column_count_;
  ResultShape shape_;
  PlanChoice plan_;
};

// The result column `name` of a statement description, as a compile-time position.
#define JACKPOT_COLUMN(description, name) (std::integral_constant<int, (description).column(name)>::value)

// One argument, bound by the name its statement's description gives it.
struct Argument {
  const char* name;
  Datum value;
  bool is_null = false;
};

// Runs the statement with its arguments (in the description's order, each named as there);
// returns the number of rows processed, with the rows in SPI_tuptable.
std::uint64_t spi_execute(const StatementDescription& statement, std::initializer_list<Argument> arguments);

// Receives each result row of spi_stream as the executor produces it, its values extracted
// (slot->tts_values, slot->tts_isnull, in the description's column order) and valid during the
// call only: nothing is copied into SPI_tuptable. It runs inside PostgreSQL's executor, so it
// must not throw; it returns false to stop the statement, having kept the reason for the caller
// to raise.
using RowSink = bool (*)(TupleTableSlot* slot, void* context);
std::uint64_t spi_stream(const StatementDescription& statement, std::initializer_list<Argument> arguments,
                         RowSink sink, void* context);

}  // namespace jackpot::pg
