// libFuzzer target for the football-data parser and the team-name functions: any input either
// parses into matches that satisfy the parser's guarantees, or is refused with InputFormatError
// or std::invalid_argument. Anything else (another exception, a crash, a sanitizer report, a
// broken guarantee) is a finding.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/football_data_csv.hpp"
#include "core/input_format_error.hpp"
#include "core/team_names.hpp"

namespace {

void assert_invariant(bool condition) {
  if (!condition) __builtin_trap();
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const jackpot::core::FootballDataFile file = jackpot::core::parse_football_data(bytes, {});
    assert_invariant(!file.matches.empty() || !file.skipped.empty());
    for (const auto& m : file.matches) {
      assert_invariant(m.home_goals >= 0 && m.away_goals >= 0);
      assert_invariant(m.result == (m.home_goals > m.away_goals ? 'H' : m.home_goals == m.away_goals ? 'D' : 'A'));
      assert_invariant(!m.home_team.empty() && !m.away_team.empty() && m.home_team != m.away_team);
      assert_invariant(is_valid_utf8(m.home_team) && is_valid_utf8(m.away_team) && is_valid_utf8(m.league_code));
      assert_invariant(m.date.month >= 1 && m.date.month <= 12 && m.date.day >= 1 && m.date.day <= 31);
      if (m.closing_odds)
        for (const double o : m.closing_odds->odds) assert_invariant(std::isfinite(o) && o > 1.0);
    }
  } catch (const jackpot::core::InputFormatError& error) {
    assert_invariant(error.line() >= 1);
  } catch (const std::invalid_argument&) {
  }
  const std::string canonical = jackpot::core::canonical_team_name(bytes);
  assert_invariant(canonical == jackpot::core::canonical_team_name(canonical));  // idempotent
  const double score = jackpot::core::team_name_match_score(canonical, canonical);
  assert_invariant(score >= 0.0 && score <= 2.0);
  return 0;
}
