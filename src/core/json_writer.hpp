// Writes JSON text for the jsonb values the engine stores (settings, parameters, reports).
// Doubles are written in their shortest form that reads back to the same bits (std::to_chars),
// so a stored parameter re-derives bit-identically; NaN and infinity have no JSON form and throw.
#pragma once
#include "core/pure_cpp.hpp"

#include <set>
#include <string>
#include <string_view>

namespace jackpot::core {

// Shortest round-trip decimal text of a finite double; throws std::invalid_argument otherwise.
std::string format_json_number(double value);

// The same shortest form for error messages, where NaN and ±Infinity are spelled out.
std::string describe_number(double value);

// Appends value as a JSON string literal, quotes included, escaping per RFC 8259.
void append_json_string(std::string& out, std::string_view value);

// ["a","b",...]: the values as a JSON array of strings, in the set's order.
std::string json_string_array(const std::set<std::string>& values);

// Builds one JSON object, members in insertion order.
class JsonObjectWriter {
 public:
  JsonObjectWriter& number(std::string_view key, double value);
  // null for a value that is not finite (where "no such number" is a legitimate answer).
  JsonObjectWriter& number_or_null(std::string_view key, double value);
  JsonObjectWriter& integer(std::string_view key, long long value);
  JsonObjectWriter& string(std::string_view key, std::string_view value);
  JsonObjectWriter& boolean(std::string_view key, bool value);
  JsonObjectWriter& null(std::string_view key);
  // value must already be valid JSON text (a nested object or array).
  JsonObjectWriter& raw(std::string_view key, std::string_view json_value);
  std::string finish();

 private:
  void key(std::string_view name);
  std::string text_ = "{";
  bool empty_ = true;
};

}  // namespace jackpot::core
