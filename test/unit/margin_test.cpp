#include "core/margin.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace jackpot::core {
namespace {

struct Reference {
  MarginMethod method;
  std::array<double, 3> expected;
};

// The reference table for odds [2.7, 2.3, 4.4] (8 decimals, so compared to 5e-9).
const Reference kReferences[] = {
    {MarginMethod::multiplicative, {0.35873804, 0.42112726, 0.22013470}},
    {MarginMethod::additive, {0.35956180, 0.42397404, 0.21646416}},
    {MarginMethod::power, {0.35917110, 0.42373075, 0.21709815}},
    {MarginMethod::shin, {0.35934392, 0.42324385, 0.21741223}},
    {MarginMethod::odds_ratio, {0.35881036, 0.42256142, 0.21862822}},
    {MarginMethod::balanced_book, {0.35999405, 0.42546780, 0.21453815}},
};

TEST(RemoveMargin, ReferenceValuesOfEveryMethod) {
  for (const Reference& r : kReferences) {
    const auto p = remove_margin({2.7, 2.3, 4.4}, r.method);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(p[i], r.expected[i], 5e-9) << margin_method_name(r.method) << " outcome " << i;
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15) << margin_method_name(r.method);
  }
}

// The solved methods satisfy their defining equations to rounding, not to a solver tolerance.
TEST(RemoveMargin, SolvedMethodsMeetTheirEquationsExactly) {
  const std::array<double, 3> odds{2.7, 2.3, 4.4};
  const double pi[3] = {1 / 2.7, 1 / 2.3, 1 / 4.4};
  // power: p_i = π_i^k for one k
  const auto power = remove_margin(odds, MarginMethod::power);
  const double k0 = std::log(power[0]) / std::log(pi[0]);
  for (int i = 1; i < 3; ++i) EXPECT_NEAR(std::log(power[i]) / std::log(pi[i]), k0, 1e-13);
  // odds ratio: (π/(1−π)) / (p/(1−p)) is one constant c
  const auto ratio = remove_margin(odds, MarginMethod::odds_ratio);
  const auto c = [&](int i) { return (pi[i] / (1 - pi[i])) / (ratio[i] / (1 - ratio[i])); };
  EXPECT_NEAR(c(1), c(0), 1e-13);
  EXPECT_NEAR(c(2), c(0), 1e-13);
}

TEST(RemoveMargin, SumsToOneWithinRoundingOnLopsidedAndManyWayMarkets) {
  const std::vector<std::vector<double>> markets{
      {1.05, 15.0, 40.0}, {1.01, 30.0, 80.0}, {12.0, 6.5, 1.25}, {1.9, 1.9},
      {3.2, 4.5, 6.0, 8.0, 11.0, 15.0, 21.0}, {2.05, 2.05}, {2.1, 3.5, 3.9} /* B < 1: no margin */};
  for (const auto& odds : markets)
    for (const MarginMethod m : {MarginMethod::multiplicative, MarginMethod::power, MarginMethod::shin, MarginMethod::odds_ratio}) {
      std::vector<double> p(odds.size());
      remove_margin(odds.data(), p.data(), odds.size(), m);
      double sum = 0;
      for (const double v : p) {
        EXPECT_GT(v, 0.0);
        EXPECT_LT(v, 1.0);
        sum += v;
      }
      EXPECT_NEAR(sum, 1.0, 1e-12) << margin_method_name(m) << " on " << odds.size() << " outcomes";
    }
}

// Found by test/fuzz/margin_fuzz.cpp: odds_ratio's parameter, exact to adjacent doubles, left
// this market's sum 1.9e-9 from 1 before the final renormalisation.
TEST(RemoveMargin, ExtremeOddsStillSumToOne) {
  const std::vector<double> odds{1.0000000000104297, 1.2076673996513422e+170, 1.0000362396531273};
  for (const MarginMethod m : {MarginMethod::power, MarginMethod::shin, MarginMethod::odds_ratio}) {
    std::vector<double> p(odds.size());
    try {
      remove_margin(odds.data(), p.data(), odds.size(), m);
    } catch (const std::invalid_argument&) {
      continue;  // refusing such odds is allowed; a sum away from 1 is not
    }
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15) << margin_method_name(m);
  }
}

TEST(RemoveMargin, FairOddsAreUnchangedByEveryMethod) {
  for (const Reference& r : kReferences) {
    const auto p = remove_margin({2.0, 4.0, 4.0}, r.method);
    EXPECT_NEAR(p[0], 0.5, 1e-15) << margin_method_name(r.method);
    EXPECT_NEAR(p[1], 0.25, 1e-15) << margin_method_name(r.method);
  }
}

// 1/2.25 + 1/3 + 1/4.5 is 1 up to rounding, on either side of it: found by bench/ on 1M triples.
TEST(RemoveMargin, OddsWithoutAMarginUpToRoundingAreSolved) {
  for (const Reference& r : kReferences) {
    const auto p = remove_margin({2.25, 3.0, 4.5}, r.method);
    EXPECT_NEAR(p[0], 1 / 2.25, 1e-15) << margin_method_name(r.method);
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15) << margin_method_name(r.method);
  }
}

TEST(RemoveMargin, IdenticalOddsGiveBitIdenticalProbabilities) {
  const auto a = remove_margin({1.83, 3.9, 4.6}, MarginMethod::shin);
  const auto b = remove_margin({1.83, 3.9, 4.6}, MarginMethod::shin);
  EXPECT_EQ(a, b);
}

TEST(RemoveMargin, BadOddsAreRefusedWithTheirPosition) {
  EXPECT_THROW(remove_margin({1.0, 3.0, 4.0}, MarginMethod::shin), std::invalid_argument);
  EXPECT_THROW(remove_margin({0.5, 3.0, 4.0}, MarginMethod::power), std::invalid_argument);
  EXPECT_THROW(remove_margin({2.0, std::nan(""), 4.0}, MarginMethod::multiplicative), std::invalid_argument);
  EXPECT_THROW(remove_margin({2.0, INFINITY, 4.0}, MarginMethod::odds_ratio), std::invalid_argument);
  try {
    remove_margin({2.0, 3.0, 0.9}, MarginMethod::shin);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("outcome 3 has 0.9"), std::string::npos) << e.what();
  }
  const double one[1] = {2.0};
  double out[1];
  EXPECT_THROW(remove_margin(one, out, 1, MarginMethod::shin), std::invalid_argument);
}

TEST(RemoveMargin, AdditiveOnALongShotNamesTheMethodAndSuggestsAnother) {
  // 1/30 = 0.0333 is less than the margin share (1.109 − 1)/3 = 0.0364
  try {
    remove_margin({1.1, 6.0, 30.0}, MarginMethod::additive);
    FAIL();
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("margin method additive"), std::string::npos) << message;
    EXPECT_NE(message.find("use shin"), std::string::npos) << message;
  }
  EXPECT_THROW(remove_margin({1.1, 6.0, 30.0}, MarginMethod::balanced_book), std::invalid_argument);
  EXPECT_NO_THROW(remove_margin({1.1, 6.0, 30.0}, MarginMethod::shin));
}

TEST(RemoveMargin, MethodNamesRoundTripAndUnknownNamesListTheValidOnes) {
  for (const std::string_view name : kMarginMethodNames) EXPECT_EQ(margin_method_name(margin_method_from_name(name)), name);
  try {
    margin_method_from_name("basic");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("balanced_book"), std::string::npos);
  }
}

}  // namespace
}  // namespace jackpot::core
