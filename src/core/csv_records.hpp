// Splits CSV text (RFC 4180, as football-data writes it) into records of fields, remembering the
// line each record starts on, so that errors can name line and column. CRLF and LF line endings
// are both accepted; a quoted field may contain commas, line breaks and doubled quotes.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace jackpot::core {

class CsvRecordReader {
 public:
  explicit CsvRecordReader(std::string_view text) : text_(text) {}

  // Reads the next record into fields (views valid until the next call); false at the end.
  // Throws InputFormatError for a quote that is never closed.
  bool next(std::vector<std::string_view>& fields);

  // 1-based line on which the record last returned by next() starts.
  std::size_t line() const { return record_line_; }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t current_line_ = 1;
  std::size_t record_line_ = 0;
  std::deque<std::string> unquoted_;  // storage for quoted fields that contained ""
};

}  // namespace jackpot::core
