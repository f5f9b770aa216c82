#include "core/football_data_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/csv_records.hpp"
#include "core/input_format_error.hpp"
#include "core/league_catalog.hpp"
#include "core/text_encoding.hpp"

namespace jackpot::core {

namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

// Trims ASCII white space and U+00A0 (a non-breaking space, 0xA0 in Windows-1252 files).
std::string_view trim_field(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

std::optional<int> parse_digits(std::string_view s, std::size_t min_digits, std::size_t max_digits) {
  if (s.size() < min_digits || s.size() > max_digits) return std::nullopt;
  int value = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string two_digits(int value) {
  const int v = ((value % 100) + 100) % 100;
  return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

struct OddsColumns {
  std::string_view source;
  std::array<std::string_view, 3> names;
};

constexpr std::array<OddsColumns, 7> kOddsPriority{{
    {"PSC", {"PSCH", "PSCD", "PSCA"}},
    {"AvgC", {"AvgCH", "AvgCD", "AvgCA"}},
    {"B365C", {"B365CH", "B365CD", "B365CA"}},
    {"PS", {"PSH", "PSD", "PSA"}},
    {"Avg", {"AvgH", "AvgD", "AvgA"}},
    {"BbAv", {"BbAvH", "BbAvD", "BbAvA"}},
    {"B365", {"B365H", "B365D", "B365A"}},
}};

struct Columns {
  FootballDataLayout layout;
  std::size_t division = kAbsent;  // main
  std::size_t country = kAbsent;   // extra
  std::size_t season = kAbsent;    // extra
  std::size_t date = kAbsent;
  std::size_t home = kAbsent;
  std::size_t away = kAbsent;
  std::size_t home_goals = kAbsent;
  std::size_t away_goals = kAbsent;
  std::size_t result = kAbsent;
  std::vector<std::pair<std::string_view, std::array<std::size_t, 3>>> odds;  // present sources
};

Columns locate_columns(const std::vector<std::string>& header) {
  const auto find = [&](std::initializer_list<std::string_view> names) {
    for (const std::string_view name : names)
      for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    return kAbsent;
  };
  Columns c;
  const bool main = find({"Div"}) != kAbsent;
  const bool extra = find({"Country"}) != kAbsent && find({"League"}) != kAbsent;
  if (main) {
    c.layout = FootballDataLayout::main_league;
    c.division = find({"Div"});
    c.home = find({"HomeTeam", "HT"});
    c.away = find({"AwayTeam", "AT"});
    c.home_goals = find({"FTHG", "HG"});
    c.away_goals = find({"FTAG", "AG"});
    c.result = find({"FTR", "Res"});
  } else if (extra) {
    c.layout = FootballDataLayout::extra_league;
    c.country = find({"Country"});
    c.season = find({"Season"});
    c.home = find({"Home"});
    c.away = find({"Away"});
    c.home_goals = find({"HG"});
    c.away_goals = find({"AG"});
    c.result = find({"Res"});
  } else {
    throw InputFormatError(1, 1,
        "unknown header layout: expected football-data main-league columns "
        "(Div, Date, HomeTeam, AwayTeam, FTHG, FTAG) or extra-league columns "
        "(Country, League, Season, Date, Home, Away, HG, AG)");
  }
  c.date = find({"Date"});
  std::string missing;
  const auto require = [&](std::size_t index, std::string_view name) {
    if (index == kAbsent) missing += (missing.empty() ? "" : ", ") + std::string(name);
  };
  require(c.date, "Date");
  if (main) {
    require(c.home, "HomeTeam");
    require(c.away, "AwayTeam");
    require(c.home_goals, "FTHG");
    require(c.away_goals, "FTAG");
  } else {
    require(c.season, "Season");
    require(c.home, "Home");
    require(c.away, "Away");
    require(c.home_goals, "HG");
    require(c.away_goals, "AG");
  }
  if (!missing.empty())
    throw InputFormatError(1, 0, std::string("unknown header layout: the ") +
                                     (main ? "main-league" : "extra-league") +
                                     " header lacks the column(s) " + missing);
  for (const OddsColumns& source : kOddsPriority) {
    std::array<std::size_t, 3> at{find({source.names[0]}), find({source.names[1]}),
                                  find({source.names[2]})};
    if (at[0] != kAbsent && at[1] != kAbsent && at[2] != kAbsent) c.odds.emplace_back(source.source, at);
  }
  return c;
}

class RowReader {
 public:
  RowReader(const std::vector<std::string>& header, const std::vector<std::string_view>& fields,
            std::size_t line)
      : header_(header), fields_(fields), line_(line) {}

  std::string_view field(std::size_t index) const { return trim_field(fields_[index]); }

  [[noreturn]] void fail(std::size_t index, const std::string& problem) const {
    throw InputFormatError(line_, index + 1, header_[index] + ": " + problem);
  }

  std::string text(std::size_t index, std::string_view what) const {
    const std::string_view value = field(index);
    if (value.empty()) fail(index, std::string(what) + " is empty");
    return std::string(value);
  }

  // nullopt for an empty field.
  std::optional<int> goals(std::size_t index) const {
    const std::string_view value = field(index);
    if (value.empty()) return std::nullopt;
    const std::optional<int> goals = parse_digits(value, 1, 3);
    if (!goals) fail(index, "score \"" + std::string(value) + "\" is not a whole number of goals");
    return goals;
  }

  // nullopt when blank or ≤ 1 (football-data writes 0 as a placeholder).
  std::optional<double> decimal_odds(std::size_t index) const {
    const std::string_view value = field(index);
    if (value.empty()) return std::nullopt;
    double odds = 0.0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), odds);
    if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(odds))
      fail(index, "odds \"" + std::string(value) + "\" is not a number");
    if (odds <= 1.0) return std::nullopt;
    return odds;
  }

  std::size_t line() const { return line_; }

 private:
  const std::vector<std::string>& header_;
  const std::vector<std::string_view>& fields_;
  std::size_t line_;
};

bool is_blank_row(const std::vector<std::string_view>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](std::string_view f) { return trim_field(f).empty(); });
}

}  // namespace

std::optional<CalendarDate> parse_football_data_date(std::string_view text) {
  CalendarDate date{};
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const auto y = parse_digits(text.substr(0, 4), 4, 4);
    const auto m = parse_digits(text.substr(5, 2), 2, 2);
    const auto d = parse_digits(text.substr(8, 2), 2, 2);
    if (!y || !m || !d) return std::nullopt;
    date = {*y, *m, *d};
  } else {
    const std::size_t first = text.find('/');
    const std::size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const auto d = parse_digits(text.substr(0, first), 1, 2);
    const auto m = parse_digits(text.substr(first + 1, second - first - 1), 1, 2);
    const std::string_view year_text = text.substr(second + 1);
    const auto y = parse_digits(year_text, 2, 4);
    if (!d || !m || !y || year_text.size() == 3) return std::nullopt;
    int year = *y;
    if (year_text.size() == 2) year += year < 70 ? 2000 : 1900;
    date = {year, *m, *d};
  }
  if (date.year < 1870 || date.year > 2199 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month))
    return std::nullopt;
  return date;
}

std::string season_starting_with(const CalendarDate& first_match) {
  const int start = first_match.month >= 7 ? first_match.year : first_match.year - 1;
  return std::to_string(start) + "-" + two_digits(start + 1);
}

std::optional<std::string> normalise_season_label(std::string_view label) {
  label = trim_field(label);
  if (const auto year = parse_digits(label, 4, 4)) return std::string(label);
  if (label.size() == 9 && (label[4] == '/' || label[4] == '-')) {
    const auto first = parse_digits(label.substr(0, 4), 4, 4);
    const auto second = parse_digits(label.substr(5, 4), 4, 4);
    if (first && second && *second == *first + 1)
      return std::to_string(*first) + "-" + two_digits(*second);
  }
  if (label.size() == 7 && label[4] == '-') {  // already "2012-13"
    const auto first = parse_digits(label.substr(0, 4), 4, 4);
    const auto second = parse_digits(label.substr(5, 2), 2, 2);
    if (first && second && *second == (*first + 1) % 100) return std::string(label);
  }
  return std::nullopt;
}

FootballDataFile parse_football_data(std::string_view bytes, const FootballDataOptions& options) {
  std::optional<std::string> requested_season;
  if (options.season) {
    requested_season = normalise_season_label(*options.season);
    if (!requested_season)
      throw std::invalid_argument("season \"" + *options.season +
                                  "\" is neither YYYY-YY (e.g. 2023-24) nor YYYY (e.g. 2023)");
  }

  const std::string text = to_utf8_lenient(strip_utf8_bom(bytes));
  CsvRecordReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.next(fields) || is_blank_row(fields))
    throw InputFormatError(1, 0, "the file is empty: no header line");
  std::vector<std::string> header;
  header.reserve(fields.size());
  for (const std::string_view name : fields) header.emplace_back(trim_field(name));
  const Columns columns = locate_columns(header);

  FootballDataFile file{columns.layout, {}, {}};
  // Main leagues: the season is inferred per league once all rows are read.
  std::map<std::string, CalendarDate> earliest_date;
  const bool main = columns.layout == FootballDataLayout::main_league;

  while (reader.next(fields)) {
    if (is_blank_row(fields)) continue;
    const RowReader row(header, fields, reader.line());
    if (fields.size() != header.size()) {
      const std::size_t column = std::min(fields.size(), header.size()) + 1;
      throw InputFormatError(row.line(), column,
                             "the row has " + std::to_string(fields.size()) +
                                 " fields but the header has " + std::to_string(header.size()));
    }
    std::string league;
    if (options.league_code) {
      league = *options.league_code;
    } else if (main) {
      league = row.text(columns.division, "the division code");
    } else {
      const std::string country = row.text(columns.country, "the country");
      const auto code = extra_league_code_for_country(country);
      if (!code)
        row.fail(columns.country, "no league code is known for country \"" + country +
                                      "\"; pass league_code");
      league = std::string(*code);
    }
    std::string season;
    if (!main) {
      const std::string_view label = row.field(columns.season);
      const auto normalised = normalise_season_label(label);
      if (!normalised)
        row.fail(columns.season, "season \"" + std::string(label) + "\" is neither YYYY/YYYY nor YYYY");
      if (requested_season && *normalised != *requested_season) continue;
      season = *normalised;
    }
    const std::string_view date_text = row.field(columns.date);
    const auto date = parse_football_data_date(date_text);
    if (!date)
      row.fail(columns.date, "\"" + std::string(date_text) +
                                 "\" is not a valid date (dd/mm/yy, dd/mm/yyyy or yyyy-mm-dd)");
    if (main) {
      auto [it, inserted] = earliest_date.emplace(league, *date);
      if (!inserted && *date < it->second) it->second = *date;
    }
    std::string home = row.text(columns.home, "the home team");
    std::string away = row.text(columns.away, "the away team");
    if (home == away) row.fail(columns.away, "the away team is the home team \"" + home + "\"");
    const std::optional<int> home_goals = row.goals(columns.home_goals);
    const std::optional<int> away_goals = row.goals(columns.away_goals);
    if (!home_goals || !away_goals) {
      file.skipped.push_back({row.line(), std::move(league), std::move(season)});
      continue;
    }
    const char result = *home_goals > *away_goals ? 'H' : *home_goals == *away_goals ? 'D' : 'A';
    if (columns.result != kAbsent) {
      const std::string_view stated = row.field(columns.result);
      if (!stated.empty() && (stated.size() != 1 || stated[0] != result))
        row.fail(columns.result, "result \"" + std::string(stated) + "\" contradicts the score " +
                                     std::to_string(*home_goals) + "-" + std::to_string(*away_goals));
    }
    std::optional<MatchOdds> odds;
    for (const auto& [source, at] : columns.odds) {
      const auto h = row.decimal_odds(at[0]);
      const auto d = row.decimal_odds(at[1]);
      const auto a = row.decimal_odds(at[2]);
      if (h && d && a) {
        odds = MatchOdds{{*h, *d, *a}, source};
        break;
      }
    }
    file.matches.push_back({row.line(), std::move(league), std::move(season), *date, std::move(home),
                            std::move(away), *home_goals, *away_goals, result, odds});
  }

  if (main) {
    const auto season_of = [&](const std::string& league) {
      return requested_season ? *requested_season : season_starting_with(earliest_date.at(league));
    };
    for (FootballDataMatch& m : file.matches) m.season = season_of(m.league_code);
    for (FootballDataSkippedRow& s : file.skipped) s.season = season_of(s.league_code);
  }
  if (file.matches.empty() && file.skipped.empty())
    throw InputFormatError(1, 0, requested_season && !main
                                     ? "the file has no match of season " + *requested_season
                                     : std::string("the file has a header but no match rows"));

  // The unique key of jackpot.matches: a second row for it would be ambiguous.
  std::unordered_map<std::string, std::size_t> first_line;
  first_line.reserve(file.matches.size());
  for (const FootballDataMatch& m : file.matches) {
    std::string key = m.league_code + '\x1f' + m.season + '\x1f' + std::to_string(m.date.year) +
                      '-' + std::to_string(m.date.month) + '-' + std::to_string(m.date.day) +
                      '\x1f' + m.home_team + '\x1f' + m.away_team;
    const auto [it, inserted] = first_line.emplace(std::move(key), m.line);
    if (!inserted)
      throw InputFormatError(m.line, 0, "duplicate match " + m.home_team + " v " + m.away_team +
                                            " on the same date, first at line " +
                                            std::to_string(it->second));
  }
  return file;
}

}  // namespace jackpot::core
