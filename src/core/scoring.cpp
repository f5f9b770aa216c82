#include "core/scoring.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/json_writer.hpp"

namespace jackpot::core {

void CompensatedSum::add(double x) {
  const double t = sum + x;
  compensation += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
  sum = t;
}

void CompensatedSum::merge(const CompensatedSum& other) {
  add(other.sum);
  add(other.compensation);
}

namespace {

void require_probability(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("a probability must be in [0, 1], not " + describe_number(p));
}

void require_row(const double* p, std::size_t n, std::size_t outcome) {
  if (n < 2) throw std::invalid_argument("a forecast needs at least 2 outcome probabilities");
  if (outcome >= n) throw std::invalid_argument("the outcome is not one of the forecast's outcomes");
  for (std::size_t k = 0; k < n; ++k) require_probability(p[k]);
}

double clip(double p) { return p < kLogLossEpsilon ? kLogLossEpsilon : p > 1.0 - kLogLossEpsilon ? 1.0 - kLogLossEpsilon : p; }

}  // namespace

double brier_score(const double* p, std::size_t n, std::size_t outcome) {
  require_row(p, n, outcome);
  double s = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double d = p[k] - (k == outcome ? 1.0 : 0.0);
    s += d * d;
  }
  return s;
}

double brier_score(double p, bool happened) {
  require_probability(p);
  const double d = (happened ? 1.0 : 0.0) - p;
  return d * d;
}

double log_loss(const double* p, std::size_t n, std::size_t outcome) {
  require_row(p, n, outcome);
  double total = 0;
  for (std::size_t k = 0; k < n; ++k) total += clip(p[k]);
  return -std::log(clip(p[outcome]) / total);
}

double log_loss(double p, bool happened) {
  require_probability(p);
  const double q[2] = {clip(1.0 - p), clip(p)};
  return -std::log(q[happened ? 1 : 0] / (q[0] + q[1]));
}

double ranked_probability_score(const double* p, std::size_t n, std::size_t outcome) {
  require_row(p, n, outcome);
  double forecast = 0, s = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    forecast += p[i];
    const double d = forecast - (i >= outcome ? 1.0 : 0.0);
    s += d * d;
  }
  return s / static_cast<double>(n - 1);
}

}  // namespace jackpot::core
