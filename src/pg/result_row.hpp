// A C function's result row, described by its column names in the order of its OUT parameters
// (or RETURNS TABLE columns). The description is checked against the function's declared result
// type at first use (a mismatch is an error naming the column, not a value in the wrong place),
// and the row is filled by name: JACKPOT_FIELD resolves a name to its index at compile time.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "pg/guard.hpp"

namespace jackpot::pg {

class RowDescription {
 public:
  template <std::size_t C>
  constexpr RowDescription(const char* function, const char* const (&columns)[C])
      : function_(function), columns_(columns), size_(C) {}

  const char* function() const { return function_; }
  constexpr std::size_t size() const { return size_; }
  const char* column(std::size_t i) const { return columns_[i]; }

  // The 0-based index of a column; in a constant expression (JACKPOT_FIELD) an unknown name does
  // not compile.
  constexpr int field(std::string_view name) const {
    for (std::size_t i = 0; i < size_; ++i)
      if (std::string_view(columns_[i]) == name) return static_cast<int>(i);
    throw std::logic_error("no such result column");
  }

 private:
  const char* function_;
  const char* const* columns_;
  std::size_t size_;
};

#define JACKPOT_FIELD(description, name) (std::integral_constant<int, (description).field(name)>::value)

// Throws std::logic_error naming the first difference between the description and the type.
void check_result_row(const RowDescription& description, TupleDesc type);

// The values and nulls of one result row, every value NULL until set.
template <std::size_t N>
struct RowValues {
  Datum values[N] = {};
  bool nulls[N];
  RowValues() {
    for (bool& n : nulls) n = true;
  }
  void set(int field, Datum value) {
    values[field] = value;
    nulls[field] = false;
  }
};

}  // namespace jackpot::pg
