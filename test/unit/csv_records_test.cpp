#include "core/csv_records.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/input_format_error.hpp"

namespace jackpot::core {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text, std::vector<std::size_t>* lines = nullptr) {
  CsvRecordReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> records;
  while (reader.next(fields)) {
    records.emplace_back(fields.begin(), fields.end());
    if (lines) lines->push_back(reader.line());
  }
  return records;
}

TEST(CsvRecords, CrLfAndLfLineEndings) {
  using R = std::vector<std::vector<std::string>>;
  EXPECT_EQ(read_all("a,b\r\n1,2\r\n"), (R{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\n1,2\n"), (R{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\n1,2"), (R{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvRecords, EmptyFieldsAndBareCommaRows) {
  using R = std::vector<std::vector<std::string>>;
  EXPECT_EQ(read_all("a,,c,\n,,,\n"), (R{{"a", "", "c", ""}, {"", "", "", ""}}));
}

TEST(CsvRecords, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  std::vector<std::size_t> lines;
  const auto records = read_all("x,y\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,1\n", &lines);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1][0], "a,b");
  EXPECT_EQ(records[1][1], "say \"hi\"");
  EXPECT_EQ(records[2][0], "two\nlines");
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 3, 5}));
}

TEST(CsvRecords, UnclosedQuoteNamesItsLineAndColumn) {
  try {
    read_all("a,b\n1,\"oops\n");
    FAIL() << "no error";
  } catch (const InputFormatError& error) {
    EXPECT_EQ(error.line(), 2u);
    EXPECT_EQ(error.column(), 2u);
  }
}

}  // namespace
}  // namespace jackpot::core
