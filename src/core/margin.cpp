#include "core/margin.hpp"

#include "core/boost_math.hpp"

#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/json_writer.hpp"

namespace jackpot::core {

namespace {

// Solves f(x) = 0 for a function decreasing on [lo, hi] with f(lo) > 0 > f(hi), to adjacent
// doubles. TOMS 748 is deterministic, so identical odds always give identical probabilities.
template <class F>
double solve_decreasing(F f, double lo, double hi) {
  const double f_lo = f(lo), f_hi = f(hi);
  // Odds with (almost) no margin put the root on the parameter's "no margin" end, where rounding
  // can leave the residual a few ulps on the wrong side: that end is then the answer.
  if (f_lo <= 0) return lo;
  if (f_hi >= 0) return hi;
  std::uintmax_t iterations = 200;
  const auto [a, b] = boost::math::tools::toms748_solve(
      f, lo, hi, f_lo, f_hi, boost::math::tools::eps_tolerance<double>(std::numeric_limits<double>::digits),
      iterations);
  if (iterations >= 200)
    throw std::invalid_argument("margin removal: the odds are too extreme for the root finder (200 iterations)");
  // Of the final bracket's ends, the one with the smaller residual.
  return std::abs(f(a)) <= std::abs(f(b)) ? a : b;
}

// Grows hi from start (by x → 2x, or towards 1 for a bounded parameter) until f(hi) < 0.
template <class F, class Next>
double bracket_above(F f, double start, Next next) {
  double hi = start;
  for (int i = 0; i < 200 && f(hi) > 0; ++i) hi = next(hi);
  if (f(hi) > 0) throw std::invalid_argument("margin removal: the odds are too extreme to bracket the root");
  return hi;
}

// The solved methods' parameter is exact to adjacent doubles, but with extreme odds (1.00000001
// beside 1e170, found by test/fuzz) one ulp of it moves the sum by more than rounding: dividing
// by the sum keeps Σ p = 1 to rounding, a change no larger than the solver's last bit.
void renormalise(double* probs, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += probs[i];
  for (std::size_t i = 0; i < n; ++i) probs[i] /= sum;
}

void check_in_unit_interval(const double* probs, std::size_t n, MarginMethod method) {
  for (std::size_t i = 0; i < n; ++i)
    if (!(probs[i] >= 0.0 && probs[i] <= 1.0))
      throw std::invalid_argument(
          "margin method " + std::string(margin_method_name(method)) + " gives outcome " + std::to_string(i + 1) +
          " the probability " + describe_number(probs[i]) +
          ", outside [0, 1] (a long shot with a large margin); use shin, power or odds_ratio instead");
}

}  // namespace

MarginMethod margin_method_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kMarginMethodNames.size(); ++i)
    if (kMarginMethodNames[i] == name) return static_cast<MarginMethod>(i);
  std::string valid;
  for (const std::string_view n : kMarginMethodNames) valid += (valid.empty() ? "" : ", ") + std::string(n);
  throw std::invalid_argument("unknown margin method \"" + std::string(name) + "\"; valid methods are " + valid);
}

std::string_view margin_method_name(MarginMethod method) {
  return kMarginMethodNames.at(static_cast<std::size_t>(method));
}

void remove_margin(const double* odds, double* probs, std::size_t n, MarginMethod method) {
  if (n < 2)
    throw std::invalid_argument("margin removal needs odds for at least 2 outcomes, not " + std::to_string(n));
  double booksum = 0.0;  // B = Σ 1/o_i, 1 + the margin
  for (std::size_t i = 0; i < n; ++i) {
    if (!(std::isfinite(odds[i]) && odds[i] > 1.0))
      throw std::invalid_argument("decimal odds must be finite and greater than 1; outcome " +
                                  std::to_string(i + 1) + " has " + describe_number(odds[i]));
    probs[i] = 1.0 / odds[i];
    booksum += probs[i];
  }
  const double count = static_cast<double>(n);
  // Each solved method's residual is Σ p_i(x) − 1, decreasing in its parameter x; with a margin
  // (B > 1) the root lies above the parameter's "no change" value, without one below it.
  // probs holds π until a method writes its answer over it.
  const auto sum_of = [&](auto&& p) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += p(probs[i]);
    return s;
  };
  switch (method) {
    case MarginMethod::multiplicative:
      for (std::size_t i = 0; i < n; ++i) probs[i] /= booksum;
      return;
    case MarginMethod::additive:
      for (std::size_t i = 0; i < n; ++i) probs[i] -= (booksum - 1.0) / count;
      check_in_unit_interval(probs, n, method);
      return;
    case MarginMethod::balanced_book: {
      // π_i = (1 − z) p_i + z: the bookmaker adds the same z to every outcome.
      const double z = (booksum - 1.0) / (count - 1.0);
      for (std::size_t i = 0; i < n; ++i) probs[i] = (probs[i] - z) / (1.0 - z);
      check_in_unit_interval(probs, n, method);
      return;
    }
    case MarginMethod::power: {
      // p_i = π_i^k with Σ π_i^k = 1.
      const auto residual = [&](double k) { return sum_of([k](double pi) { return std::pow(pi, k); }) - 1.0; };
      const double k = booksum >= 1.0
          ? solve_decreasing(residual, 1.0, bracket_above(residual, 2.0, [](double x) { return 2 * x; }))
          : solve_decreasing(residual, 0.0, 1.0);
      for (std::size_t i = 0; i < n; ++i) probs[i] = std::pow(probs[i], k);
      renormalise(probs, n);
      return;
    }
    case MarginMethod::odds_ratio: {
      // p_i / (1 − p_i) = (π_i / (1 − π_i)) / c, i.e. p_i = π_i / (c + π_i − c π_i).
      const auto p = [](double pi, double c) { return pi / (c + pi - c * pi); };
      const auto residual = [&](double c) { return sum_of([&](double pi) { return p(pi, c); }) - 1.0; };
      const double c = booksum >= 1.0
          ? solve_decreasing(residual, 1.0, bracket_above(residual, 2.0, [](double x) { return 2 * x; }))
          : solve_decreasing(residual, 0.0, 1.0);
      for (std::size_t i = 0; i < n; ++i) probs[i] = p(probs[i], c);
      renormalise(probs, n);
      return;
    }
    case MarginMethod::shin: {
      // Shin (1992): a share z of insider money; p_i = (√(z² + 4(1 − z) π_i²/B) − z) / (2(1 − z)).
      const auto p = [booksum](double pi, double z) {
        return (std::sqrt(z * z + 4.0 * (1.0 - z) * pi * pi / booksum) - z) / (2.0 * (1.0 - z));
      };
      const auto residual = [&](double z) { return sum_of([&](double pi) { return p(pi, z); }) - 1.0; };
      // z → 1 gives Σ π_i²/B < 1 and z → −1 gives more than 1, so a root exists in (−1, 1).
      const double z = booksum >= 1.0
          ? solve_decreasing(residual, 0.0, bracket_above(residual, 0.5, [](double x) { return (1 + x) / 2; }))
          : solve_decreasing(residual, -1.0, 0.0);
      for (std::size_t i = 0; i < n; ++i) probs[i] = p(probs[i], z);
      renormalise(probs, n);
      return;
    }
  }
  throw std::invalid_argument("unknown margin method");
}

std::array<double, 3> remove_margin(const std::array<double, 3>& odds, MarginMethod method) {
  std::array<double, 3> probs{};
  remove_margin(odds.data(), probs.data(), 3, method);
  return probs;
}

}  // namespace jackpot::core
