#include "core/text_encoding.hpp"

#include <gtest/gtest.h>

namespace jackpot::core {
namespace {

TEST(TextEncoding, Windows1252ApostropheBecomesUtf8) {
  EXPECT_EQ(to_utf8_lenient("King\x92s Lynn"), "King\xE2\x80\x99s Lynn");  // ’
}

TEST(TextEncoding, Latin1LetterBecomesUtf8) {
  EXPECT_EQ(to_utf8_lenient("S Dr\xF6ge"), "S Dr\xC3\xB6ge");  // ö
}

TEST(TextEncoding, ValidUtf8IsKept) {
  const std::string munster = "Preu\xC3\x9F" "en M\xC3\xBCnster";
  EXPECT_EQ(to_utf8_lenient(munster), munster);
}

TEST(TextEncoding, NonBreakingSpaceByteBecomesUtf8) {
  EXPECT_EQ(to_utf8_lenient("8\xA0"), "8\xC2\xA0");
}

TEST(TextEncoding, TruncatedOrOverlongSequencesAreReadAsWindows1252) {
  EXPECT_EQ(to_utf8_lenient("\xC3"), "\xC3\x83");          // lone lead byte: Ã
  EXPECT_EQ(to_utf8_lenient("\xC0\xAF"), "\xC3\x80\xC2\xAF");  // overlong '/': À¯
  EXPECT_EQ(to_utf8_lenient("\x81"), "\xEF\xBF\xBD");      // undefined in Windows-1252
}

TEST(TextEncoding, BomIsStrippedOnlyAtTheStart) {
  EXPECT_EQ(strip_utf8_bom("\xEF\xBB\xBF" "Div,Date"), "Div,Date");
  EXPECT_EQ(strip_utf8_bom("Div,Date"), "Div,Date");
  EXPECT_EQ(strip_utf8_bom("\xEF\xBB"), "\xEF\xBB");
}

}  // namespace
}  // namespace jackpot::core
