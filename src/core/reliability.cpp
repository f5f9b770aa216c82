#include "core/reliability.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/json_writer.hpp"
#include "core/scoring.hpp"

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

namespace reliability_cells {

namespace {

constexpr std::size_t kHeader = 2, kPerBin = 4;  // {bins, rows}; {count, predicted, compensation, observed}

double* cell(double* cells, int b) { return cells + kHeader + kPerBin * static_cast<std::size_t>(b); }
const double* cell(const double* cells, int b) { return cells + kHeader + kPerBin * static_cast<std::size_t>(b); }

}  // namespace

std::size_t size(int bins) {
  if (bins < 1 || bins > 10000) throw std::invalid_argument("bins must be between 1 and 10000, not " + std::to_string(bins));
  return kHeader + kPerBin * static_cast<std::size_t>(bins);
}

void initialise(double* cells, int bins) {
  const std::size_t n = size(bins);
  for (std::size_t i = 0; i < n; ++i) cells[i] = 0.0;
  cells[0] = bins;
}

int bins(const double* cells) { return static_cast<int>(cells[0]); }

void check(const double* cells, std::size_t length) {
  const auto refuse = [] { throw std::invalid_argument("not a reliability curve's state (bins, rows, then per bin count, sum, compensation, observed)"); };
  if (length < kHeader) refuse();
  const double b = cells[0];
  if (!(b >= 1 && b <= 10000 && b == std::floor(b)) || size(static_cast<int>(b)) != length) refuse();
}

void add(double* cells, double p, bool happened) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("a probability must be in [0, 1], not " + describe_number(p));
  double* c = cell(cells, reliability_bin(p, bins(cells)));
  CompensatedSum predicted{c[1], c[2]};
  predicted.add(p);
  c[0] += 1;
  c[1] = predicted.sum;
  c[2] = predicted.compensation;
  if (happened) c[3] += 1;
  cells[1] += 1;
}

void merge(double* cells, const double* other) {
  if (bins(other) != bins(cells)) throw std::invalid_argument("reliability curves with different bins cannot be combined");
  for (int b = 0; b < bins(cells); ++b) {
    double* c = cell(cells, b);
    const double* o = cell(other, b);
    CompensatedSum predicted{c[1], c[2]};
    predicted.merge({o[1], o[2]});
    c[0] += o[0];
    c[1] = predicted.sum;
    c[2] = predicted.compensation;
    c[3] += o[3];
  }
  cells[1] += other[1];
}

double expected_calibration_error(const double* cells) {
  const double total = cells[1];
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  CompensatedSum ece;
  for (int b = 0; b < bins(cells); ++b) {
    const double* c = cell(cells, b);
    if (c[0] > 0) ece.add(c[0] / total * std::abs((c[1] + c[2]) / c[0] - c[3] / c[0]));
  }
  return ece.value();
}

std::string json(const double* cells) {
  const int n = bins(cells);
  std::string edges = "[", mean = "[", observed = "[", count = "[";
  const double width = 1.0 / n;
  for (int k = 0; k <= n; ++k) edges += (k ? "," : "") + format_json_number(k == n ? 1.0 : k * width);
  for (int b = 0; b < n; ++b) {
    const double* c = cell(cells, b);
    const char* sep = b ? "," : "";
    const bool empty = c[0] == 0;
    mean += sep + (empty ? std::string("null") : format_json_number((c[1] + c[2]) / c[0]));
    observed += sep + (empty ? std::string("null") : format_json_number(c[3] / c[0]));
    count += sep + std::to_string(static_cast<long long>(c[0]));
  }
  JsonObjectWriter out;
  out.integer("bins", n).raw("edges", edges + "]").raw("mean_predicted", mean + "]")
      .raw("observed_frequency", observed + "]").raw("count", count + "]");
  const double ece = expected_calibration_error(cells);
  if (std::isnan(ece)) out.raw("ece", "null");
  else out.number("ece", ece);
  return out.finish();
}

}  // namespace reliability_cells

ReliabilityCurve::ReliabilityCurve(int bins) : cells_(reliability_cells::size(bins)) {
  reliability_cells::initialise(cells_.data(), bins);
}

}  // namespace jackpot::core
