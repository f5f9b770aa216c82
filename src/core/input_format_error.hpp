// The error for malformed input files: it names the line and column, so a user can find the
// problem in the file. src/pg maps it to SQLSTATE 22P04 (bad_copy_file_format).
#pragma once
#include "core/pure_cpp.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace jackpot::core {

class InputFormatError : public std::invalid_argument {
 public:
  // column 0 means the whole line.
  InputFormatError(std::size_t line, std::size_t column, const std::string& problem);
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

}  // namespace jackpot::core
