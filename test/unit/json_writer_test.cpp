#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace jackpot::core {
namespace {

TEST(JsonNumber, ShortestFormReadsBackToTheSameBits) {
  for (const double value : {0.1, 1.0 / 3.0, -0.13, 6.02214076e23, 5e-324, 0.0065,
                             std::numeric_limits<double>::max()}) {
    const std::string text = format_json_number(value);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  }
  EXPECT_EQ(format_json_number(0.1), "0.1");
  EXPECT_EQ(format_json_number(2.0), "2");
}

TEST(JsonNumber, NonFiniteHasNoJsonForm) {
  EXPECT_THROW(format_json_number(std::nan("")), std::invalid_argument);
  EXPECT_THROW(format_json_number(INFINITY), std::invalid_argument);
}

TEST(JsonString, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01 K\xc3\xa4ln");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001 K\xc3\xa4ln\"");
}

TEST(JsonObject, KeepsInsertionOrderAndTypes) {
  JsonObjectWriter json;
  json.string("model", "dixon-coles").number("rho", -0.13).integer("n", 380).boolean("ok", true)
      .null("none").raw("seasons", R"(["2023-24"])");
  EXPECT_EQ(json.finish(),
            R"({"model":"dixon-coles","rho":-0.13,"n":380,"ok":true,"none":null,"seasons":["2023-24"]})");
}

TEST(JsonObject, EmptyObject) {
  JsonObjectWriter json;
  EXPECT_EQ(json.finish(), "{}");
}

}  // namespace
}  // namespace jackpot::core
