#include "core/reliability.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/json_writer.hpp"

namespace jackpot::core {

int reliability_bin(double p, int bins) {
  const double width = 1.0 / bins;  // numpy.linspace's step: edge k is k * (1 / bins)
  int lo = 0, hi = bins - 1;        // answer in [0, bins − 1]
  while (lo < hi) {                 // first k in 1 … bins − 1 with edge_k >= p, minus one
    const int mid = (lo + hi) / 2;
    if (static_cast<double>(mid + 1) * width < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

ReliabilityCurve::ReliabilityCurve(int bins) {
  if (bins < 1 || bins > 10000) throw std::invalid_argument("bins must be between 1 and 10000, not " + std::to_string(bins));
  count_.assign(static_cast<std::size_t>(bins), 0.0);
  observed_.assign(static_cast<std::size_t>(bins), 0.0);
  predicted_.assign(static_cast<std::size_t>(bins), CompensatedSum{});
}

void ReliabilityCurve::add(double p, bool happened) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("a probability must be in [0, 1], not " + describe_number(p));
  const auto b = static_cast<std::size_t>(reliability_bin(p, bins()));
  count_[b] += 1;
  predicted_[b].add(p);
  if (happened) observed_[b] += 1;
  total_ += 1;
}

void ReliabilityCurve::merge(const ReliabilityCurve& other) {
  if (other.bins() != bins()) throw std::invalid_argument("reliability curves with different bins cannot be combined");
  for (std::size_t b = 0; b < count_.size(); ++b) {
    count_[b] += other.count_[b];
    observed_[b] += other.observed_[b];
    predicted_[b].merge(other.predicted_[b]);
  }
  total_ += other.total_;
}

double ReliabilityCurve::expected_calibration_error() const {
  if (total_ == 0) return std::numeric_limits<double>::quiet_NaN();
  CompensatedSum ece;
  for (std::size_t b = 0; b < count_.size(); ++b)
    if (count_[b] > 0)
      ece.add(count_[b] / total_ * std::abs(predicted_[b].value() / count_[b] - observed_[b] / count_[b]));
  return ece.value();
}

std::string ReliabilityCurve::json() const {
  std::string edges = "[", mean = "[", observed = "[", count = "[";
  const double width = 1.0 / bins();
  for (int k = 0; k <= bins(); ++k) edges += (k ? "," : "") + format_json_number(k == bins() ? 1.0 : k * width);
  for (std::size_t b = 0; b < count_.size(); ++b) {
    const char* sep = b ? "," : "";
    const bool empty = count_[b] == 0;
    mean += sep + (empty ? std::string("null") : format_json_number(predicted_[b].value() / count_[b]));
    observed += sep + (empty ? std::string("null") : format_json_number(observed_[b] / count_[b]));
    count += sep + std::to_string(static_cast<long long>(count_[b]));
  }
  JsonObjectWriter out;
  out.integer("bins", bins()).raw("edges", edges + "]").raw("mean_predicted", mean + "]")
      .raw("observed_frequency", observed + "]").raw("count", count + "]");
  const double ece = expected_calibration_error();
  if (std::isnan(ece)) out.raw("ece", "null");
  else out.number("ece", ece);
  return out.finish();
}

}  // namespace jackpot::core
