#include "core/csv_records.hpp"

#include "core/input_format_error.hpp"

namespace jackpot::core {

bool CsvRecordReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  unquoted_.clear();
  if (position_ >= text_.size()) return false;
  record_line_ = current_line_;
  const std::size_t n = text_.size();
  while (true) {
    // one field
    if (position_ < n && text_[position_] == '"') {
      const std::size_t quote_line = current_line_;
      std::size_t start = ++position_;
      bool doubled = false;
      while (true) {
        if (position_ >= n)
          throw InputFormatError(quote_line, fields.size() + 1, "a quoted field is never closed");
        const char c = text_[position_];
        if (c == '"') {
          if (position_ + 1 < n && text_[position_ + 1] == '"') {
            doubled = true;
            position_ += 2;
            continue;
          }
          break;
        }
        if (c == '\n') ++current_line_;
        ++position_;
      }
      std::string_view raw = text_.substr(start, position_ - start);
      ++position_;  // closing quote
      if (doubled) {
        std::string& field = unquoted_.emplace_back();
        for (std::size_t k = 0; k < raw.size(); ++k) {
          field.push_back(raw[k]);
          if (raw[k] == '"') ++k;
        }
        fields.emplace_back(field);
      } else {
        fields.push_back(raw);
      }
      // anything between the closing quote and the separator is kept out of the value
      while (position_ < n && text_[position_] != ',' && text_[position_] != '\n') ++position_;
    } else {
      const std::size_t start = position_;
      while (position_ < n && text_[position_] != ',' && text_[position_] != '\n') ++position_;
      std::size_t end = position_;
      if (end > start && text_[end - 1] == '\r' && (position_ >= n || text_[position_] == '\n'))
        --end;
      fields.push_back(text_.substr(start, end - start));
    }
    if (position_ >= n) return true;
    if (text_[position_] == ',') {
      ++position_;
      continue;
    }
    // '\n': end of record
    ++position_;
    ++current_line_;
    return true;
  }
}

}  // namespace jackpot::core
