// Reliability curve over equal-width bins and the expected calibration error, binned as
// scikit-learn's calibration_curve(strategy='uniform') bins (docs/formulas/scoring.md).
#pragma once
#include "core/pure_cpp.hpp"

#include <string>
#include <vector>

#include "core/scoring.hpp"

namespace jackpot::core {

// The bin of p among `bins` equal-width bins of [0, 1]: the number of interior edges k/bins
// strictly below p (numpy's searchsorted, side 'left'), so p on an edge falls in the lower bin.
int reliability_bin(double p, int bins);

class ReliabilityCurve {
 public:
  // Throws std::invalid_argument unless 1 <= bins <= 10000.
  explicit ReliabilityCurve(int bins);
  int bins() const { return static_cast<int>(count_.size()); }
  // Throws std::invalid_argument unless p is in [0, 1].
  void add(double p, bool happened);
  // Throws std::invalid_argument when the bin counts differ.
  void merge(const ReliabilityCurve& other);
  double total() const { return total_; }
  // Σ_b (n_b / N) |mean predicted_b − observed frequency_b|; NaN with no rows.
  double expected_calibration_error() const;
  // {"bins": b, "edges": [...b+1], "mean_predicted": [...], "observed_frequency": [...],
  //  "count": [...], "ece": e} with null for an empty bin's means.
  std::string json() const;

  // The raw per-bin sums, for the adapter's state and its round trip.
  std::vector<double>& count() { return count_; }
  std::vector<CompensatedSum>& predicted() { return predicted_; }
  std::vector<double>& observed() { return observed_; }
  double& total_ref() { return total_; }

 private:
  std::vector<double> count_, observed_;
  std::vector<CompensatedSum> predicted_;
  double total_ = 0;
};

}  // namespace jackpot::core
