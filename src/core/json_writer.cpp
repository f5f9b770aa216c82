#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <system_error>

namespace jackpot::core {

std::string format_json_number(double value) {
  if (!std::isfinite(value))
    throw std::invalid_argument("a non-finite number (NaN or infinity) cannot be stored as JSON");
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) throw std::logic_error("to_chars failed for a finite double");
  return std::string(buffer, end);
}

std::string describe_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return format_json_number(value);
}

std::string json_string_array(const std::set<std::string>& values) {
  std::string out = "[";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    append_json_string(out, v);
  }
  return out + "]";
}

void append_json_string(std::string& out, std::string_view value) {
  out.push_back('"');
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void JsonObjectWriter::key(std::string_view name) {
  if (!empty_) text_.push_back(',');
  empty_ = false;
  append_json_string(text_, name);
  text_.push_back(':');
}

JsonObjectWriter& JsonObjectWriter::number(std::string_view name, double value) {
  if (!std::isfinite(value))  // named: a record that cannot be written says which member broke it
    throw std::invalid_argument("a non-finite number (" + describe_number(value) + ") cannot be stored as JSON member \"" +
                                std::string(name) + "\"");
  key(name);
  text_ += format_json_number(value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::number_or_null(std::string_view name, double value) {
  return std::isfinite(value) ? number(name, value) : null(name);
}

JsonObjectWriter& JsonObjectWriter::integer(std::string_view name, long long value) {
  key(name);
  text_ += std::to_string(value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::string(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(text_, value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::boolean(std::string_view name, bool value) {
  key(name);
  text_ += value ? "true" : "false";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::null(std::string_view name) {
  key(name);
  text_ += "null";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::raw(std::string_view name, std::string_view json_value) {
  key(name);
  text_ += json_value;
  return *this;
}

std::string JsonObjectWriter::finish() {
  text_.push_back('}');
  return std::move(text_);
}

}  // namespace jackpot::core
