#include "core/team_names.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace jackpot::core {

namespace {

// Club-form words that say what kind of club it is, not which one.
constexpr std::array<std::string_view, 40> kAffixes = {
    "fc", "afc", "cf", "sc", "sv", "ac", "as", "ss", "ssc", "us", "cd", "ud", "sd", "rc", "rcd",
    "fk", "sk", "bk", "if", "ik", "ff", "club", "calcio", "cfc", "kaa", "krc", "kv", "rsc", "ogc",
    "osc", "hsc", "aj", "sco", "rb", "tsg", "vfb", "vfl", "fsv", "bsc", "spvgg"};

// A team name has a handful of words; matching is quadratic in them, so longer text (which is
// not a team name) is read only up to here, keeping any input cheap.
constexpr std::size_t kMaxWordsMatched = 16;

// Words that carry no identity when matching names.
constexpr std::array<std::string_view, 8> kStopwords = {"and", "the", "of", "de", "del", "la", "da", "do"};

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// ASCII folding of the Latin letters that occur in European club names (2-byte UTF-8).
std::string_view fold_latin(char32_t c) {
  switch (c) {
    case U'à': case U'á': case U'â': case U'ã': case U'ä': case U'å': case U'ā': case U'ă': case U'ą':
    case U'À': case U'Á': case U'Â': case U'Ã': case U'Ä': case U'Å': case U'Ā': case U'Ă': case U'Ą':
      return "a";
    case U'æ': case U'Æ': return "ae";
    case U'ç': case U'ć': case U'č': case U'Ç': case U'Ć': case U'Č': return "c";
    case U'ď': case U'đ': case U'Ď': case U'Đ': case U'ð': case U'Ð': return "d";
    case U'è': case U'é': case U'ê': case U'ë': case U'ē': case U'ė': case U'ę': case U'ě':
    case U'È': case U'É': case U'Ê': case U'Ë': case U'Ē': case U'Ė': case U'Ę': case U'Ě':
      return "e";
    case U'ğ': case U'Ğ': return "g";
    case U'ì': case U'í': case U'î': case U'ï': case U'ı': case U'ī': case U'į': case U'İ':
    case U'Ì': case U'Í': case U'Î': case U'Ï': case U'Ī': case U'Į':
      return "i";
    case U'ł': case U'ľ': case U'ĺ': case U'Ł': case U'Ľ': case U'Ĺ': return "l";
    case U'ñ': case U'ń': case U'ň': case U'Ñ': case U'Ń': case U'Ň': return "n";
    case U'ò': case U'ó': case U'ô': case U'õ': case U'ö': case U'ø': case U'ō': case U'ő':
    case U'Ò': case U'Ó': case U'Ô': case U'Õ': case U'Ö': case U'Ø': case U'Ō': case U'Ő':
      return "o";
    case U'œ': case U'Œ': return "oe";
    case U'ř': case U'Ř': return "r";
    case U'ś': case U'š': case U'ş': case U'ș': case U'Ś': case U'Š': case U'Ş': case U'Ș': return "s";
    case U'ß': return "ss";
    case U'ť': case U'ţ': case U'ț': case U'Ť': case U'Ţ': case U'Ț': return "t";
    case U'ù': case U'ú': case U'û': case U'ü': case U'ū': case U'ů': case U'ű': case U'ų':
    case U'Ù': case U'Ú': case U'Û': case U'Ü': case U'Ū': case U'Ů': case U'Ű': case U'Ų':
      return "u";
    case U'ý': case U'ÿ': case U'Ý': case U'Ÿ': return "y";
    case U'ź': case U'ż': case U'ž': case U'Ź': case U'Ż': case U'Ž': return "z";
    case U'þ': case U'Þ': return "th";
    default: return {};
  }
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'’' || c == U'‘' || c == U'`' || c == U'´'; }

// Decodes one UTF-8 code point at s[i] (advancing i).
// Not a code point: what next_code_point returns for a byte that does not start a well-formed
// UTF-8 sequence (a stray continuation byte, a truncated or overlong sequence, a surrogate).
constexpr char32_t kMalformed = 0x110000;

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<std::uint8_t>(s[i]);
  const std::size_t length = b < 0x80 ? 1 : b >= 0xF8 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return kMalformed;
  }
  char32_t c = length == 1 ? b : b & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<std::uint8_t>(s[i + k]);
    if ((next & 0xC0) != 0x80) {
      ++i;
      return kMalformed;
    }
    c = (c << 6) | (next & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++i;
    return kMalformed;
  }
  i += length;
  return c;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);  // one substitution
  return a.substr(i) == b.substr(i + 1);                                 // one insertion
}

double quality_of_words(std::string_view name_word, std::string_view candidate_word) {
  if (name_word == candidate_word) return 1.0;
  const std::string_view shorter = name_word.size() < candidate_word.size() ? name_word : candidate_word;
  const std::string_view longer = name_word.size() < candidate_word.size() ? candidate_word : name_word;
  if (shorter.size() >= 3 && longer.substr(0, shorter.size()) == shorter) return 0.9;
  if (shorter.size() >= 5 && within_one_edit(name_word, candidate_word)) return 0.8;
  return 0.0;
}

}  // namespace

std::string canonical_team_name(std::string_view name) {
  std::string folded;
  folded.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(name, i);
    if (c < 0x80) {
      const char ascii = static_cast<char>(c);
      if (ascii >= 'A' && ascii <= 'Z') folded.push_back(static_cast<char>(ascii - 'A' + 'a'));
      else if ((ascii >= 'a' && ascii <= 'z') || (ascii >= '0' && ascii <= '9')) folded.push_back(ascii);
      else if (ascii == '&') folded += " and ";
      else if (!is_apostrophe(c)) folded.push_back(' ');
    } else if (is_apostrophe(c)) {
      // dropped: "Nott'm" → "nottm"
    } else if (const std::string_view ascii = fold_latin(c); !ascii.empty()) {
      folded += ascii;
    } else if (c == 0xA0 || c == 0x2013 || c == 0x2014) {
      folded.push_back(' ');
    } else if (c == kMalformed) {
      // U+FFFD, never the byte itself: raw bytes could join across a dropped character into a
      // sequence that the next pass reads differently, and the name would not be canonical.
      folded += "\xEF\xBF\xBD";
    } else {
      folded.append(name.substr(start, i - start));  // e.g. Cyrillic: kept as it is
    }
  }
  const std::vector<std::string_view> words = split_words(folded);
  std::string canonical;
  for (const std::string_view word : words) {
    if (is_one_of(word, kAffixes)) continue;
    if (!canonical.empty()) canonical.push_back(' ');
    canonical += word;
  }
  if (canonical.empty()) {  // a name made only of affixes ("AC") keeps them
    for (const std::string_view word : words) {
      if (!canonical.empty()) canonical.push_back(' ');
      canonical += word;
    }
  }
  return canonical;
}

std::vector<std::string_view> team_name_words(std::string_view canonical_name) {
  std::vector<std::string_view> words;
  for (const std::string_view w : split_words(canonical_name))
    if (!is_one_of(w, kStopwords) && words.size() < kMaxWordsMatched) words.push_back(w);
  return words;
}

double word_match_quality(std::string_view name_word, std::string_view candidate_word) {
  return quality_of_words(name_word, candidate_word);
}

double team_name_match_score(std::string_view canonical_name, std::string_view canonical_candidate) {
  const std::vector<std::string_view> name_words = team_name_words(canonical_name);
  const std::vector<std::string_view> candidate_words = team_name_words(canonical_candidate);
  if (name_words.empty() || candidate_words.empty()) return 0.0;

  std::vector<bool> used(name_words.size(), false);
  double total_weight = 0.0;
  for (std::size_t i = 0; i < name_words.size(); ++i) total_weight += 1.0 / static_cast<double>(i + 1);
  double matched_weight = 0.0;
  std::size_t matched_words = 0;
  for (const std::string_view candidate_word : candidate_words) {
    std::size_t best = name_words.size();
    double best_quality = 0.0;
    for (std::size_t i = 0; i < name_words.size(); ++i) {
      if (used[i]) continue;
      const double quality = quality_of_words(name_words[i], candidate_word);
      if (quality > best_quality) {
        best_quality = quality;
        best = i;
      }
    }
    if (best == name_words.size()) continue;
    used[best] = true;
    ++matched_words;
    matched_weight += best_quality / static_cast<double>(best + 1);
  }
  if (matched_words < candidate_words.size())
    return static_cast<double>(matched_words) / static_cast<double>(candidate_words.size() + 1);
  return 1.0 + matched_weight / total_weight;
}

}  // namespace jackpot::core
