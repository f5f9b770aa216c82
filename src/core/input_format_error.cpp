#include "core/input_format_error.hpp"

namespace jackpot::core {

namespace {
std::string locate(std::size_t line, std::size_t column, const std::string& problem) {
  std::string where = "line " + std::to_string(line);
  if (column > 0) where += ", column " + std::to_string(column);
  return where + ": " + problem;
}
}  // namespace

InputFormatError::InputFormatError(std::size_t line, std::size_t column, const std::string& problem)
    : std::invalid_argument(locate(line, column, problem)), line_(line), column_(column) {}

}  // namespace jackpot::core
