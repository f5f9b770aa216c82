// Reliability curve over equal-width bins and the expected calibration error, binned as
// scikit-learn's calibration_curve(strategy='uniform') bins (docs/formulas/scoring.md).
//
// The curve lives in one flat array of doubles, so that an aggregate can keep it as its float8[]
// state and update it in place: {bins, rows, then per bin: count, predicted sum, that sum's
// compensation, observed}. The functions in reliability_cells read and write that layout;
// ReliabilityCurve owns one for C++ callers.
#pragma once
#include "core/pure_cpp.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace jackpot::core {

// The bin of p among `bins` equal-width bins of [0, 1]: the number of interior edges k/bins
// strictly below p (numpy's searchsorted, side 'left'), so p on an edge falls in the lower bin.
int reliability_bin(double p, int bins);

namespace reliability_cells {

// The number of doubles a curve of `bins` bins takes. Throws std::invalid_argument unless
// 1 <= bins <= 10000.
std::size_t size(int bins);
// Writes an empty curve of `bins` bins to cells (size(bins) of them).
void initialise(double* cells, int bins);
int bins(const double* cells);
// Throws std::invalid_argument unless cells[0 .. length) has this layout: a whole number of bins
// in [1, 10000] and exactly size(bins) values (O(1): checked on every row of an aggregate).
void check(const double* cells, std::size_t length);
// Throws std::invalid_argument unless p is in [0, 1].
void add(double* cells, double p, bool happened);
// Adds other's rows to cells; throws std::invalid_argument when the bin counts differ.
void merge(double* cells, const double* other);
// Σ_b (n_b / N) |mean predicted_b − observed frequency_b|; NaN with no rows.
double expected_calibration_error(const double* cells);
// {"bins": b, "edges": [...b+1], "mean_predicted": [...], "observed_frequency": [...],
//  "count": [...], "ece": e} with null for an empty bin's means.
std::string json(const double* cells);

}  // namespace reliability_cells

class ReliabilityCurve {
 public:
  // Throws std::invalid_argument unless 1 <= bins <= 10000.
  explicit ReliabilityCurve(int bins);
  int bins() const { return reliability_cells::bins(cells_.data()); }
  void add(double p, bool happened) { reliability_cells::add(cells_.data(), p, happened); }
  void merge(const ReliabilityCurve& other) { reliability_cells::merge(cells_.data(), other.cells_.data()); }
  double expected_calibration_error() const { return reliability_cells::expected_calibration_error(cells_.data()); }
  std::string json() const { return reliability_cells::json(cells_.data()); }

 private:
  std::vector<double> cells_;
};

}  // namespace jackpot::core
