// Text of football-data files as UTF-8. The files are ASCII or UTF-8, but some carry
// Windows-1252 bytes (SOURCES.md: "King\x92s Lynn", "S Dr\xf6ge", a 0xA0 inside a number). We
// keep every valid UTF-8 sequence and read every other byte as Windows-1252, so such names are
// stored as proper UTF-8 ("King’s Lynn") and valid UTF-8 ("Preußen Münster") is untouched.
#pragma once
#include "core/pure_cpp.hpp"

#include <string>
#include <string_view>

namespace jackpot::core {

// bytes with a leading UTF-8 byte-order mark removed.
std::string_view strip_utf8_bom(std::string_view bytes);

// bytes as UTF-8: valid UTF-8 sequences kept, any other byte decoded as Windows-1252 (the five
// bytes Windows-1252 leaves undefined become U+FFFD).
std::string to_utf8_lenient(std::string_view bytes);

}  // namespace jackpot::core
