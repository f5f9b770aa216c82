#include "core/dixon_coles.hpp"
#include "core/cholesky.hpp"
#include "core/dixon_coles_pairs.hpp"
#include "core/json_writer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace jackpot::core {

namespace {

// The fitted (free) parameters θ: c, h, a_0 … a_{n−2}, d_0 … d_{n−2} and, when fitted, ρ. φ = T θ
// where each free attack (defence) also enters the last team's with −1 (Σ a = Σ d = 0). T is
// applied through this map rather than as a dense matrix: O(size²) per iteration, not O(size³).
class Reduction {
 public:
  Reduction(const DixonColesLayout& layout, bool fit_rho) : layout_(layout), fit_rho_(fit_rho) {
    const int n = layout.teams;
    primary_.push_back(layout.intercept());
    secondary_.push_back(-1);
    primary_.push_back(layout.home_advantage());
    secondary_.push_back(-1);
    for (int i = 0; i < n - 1; ++i) {
      primary_.push_back(layout.attack(i));
      secondary_.push_back(layout.attack(n - 1));
    }
    for (int i = 0; i < n - 1; ++i) {
      primary_.push_back(layout.defence(i));
      secondary_.push_back(layout.defence(n - 1));
    }
    if (fit_rho) {
      primary_.push_back(layout.rho());
      secondary_.push_back(-1);
    }
    // P's runs of consecutive entries: c, h and the free attacks; the free defences; ρ.
    spans_.push_back({0, 0, 2 + n - 1});
    spans_.push_back({2 + n - 1, layout.defence(0), n - 1});
    if (fit_rho) spans_.push_back({2 + 2 * (n - 1), layout.rho(), 1});
  }
  Eigen::Index free_size() const { return static_cast<Eigen::Index>(primary_.size()); }

  Eigen::VectorXd expand(const Eigen::VectorXd& theta, double fixed_rho) const {
    Eigen::VectorXd phi = Eigen::VectorXd::Zero(layout_.size());
    for (Eigen::Index k = 0; k < free_size(); ++k) {
      phi[primary_[k]] += theta[k];
      if (secondary_[k] >= 0) phi[secondary_[k]] -= theta[k];
    }
    if (!fit_rho_) phi[layout_.rho()] = fixed_rho;
    return phi;
  }

  Eigen::VectorXd gradient(const Eigen::VectorXd& g) const {  // Tᵀ g
    Eigen::VectorXd out(free_size());
    for (Eigen::Index k = 0; k < free_size(); ++k)
      out[k] = g[primary_[k]] - (secondary_[k] >= 0 ? g[secondary_[k]] : 0.0);
    return out;
  }

  // Tᵀ H T = PᵀHP − PᵀHS − SᵀHP + SᵀHS, where P picks each free parameter's own entry of φ and
  // S the last team's entry it also enters (none for c, h and ρ). Built a column at a time from
  // contiguous runs, each entry's four terms summed in this order: h(p_k, p_l) − h(p_k, s_l)
  // − h(s_k, p_l) + h(s_k, s_l).
  Eigen::MatrixXd hessian(const Eigen::MatrixXd& h) const {
    const Eigen::Index m = free_size(), n = h.rows();
    const Eigen::Index count = layout_.teams - 1;  // free attacks, and free defences
    const Eigen::Index first[2] = {2, 2 + count};  // the first free attack, the first free defence
    const Eigen::Index last[2] = {layout_.attack(layout_.teams - 1), layout_.defence(layout_.teams - 1)};
    // (plain loops over the storage: Eigen's checked accessors cost more than the sums here)
    const auto gather = [&](Eigen::Index phi_column, double* into) {  // H's column, at P's rows
      const double* from = h.data() + phi_column * n;
      for (const Span& span : spans_) std::copy(from + span.phi, from + span.phi + span.length, into + span.free);
    };
    std::vector<double> last_column[2] = {std::vector<double>(static_cast<std::size_t>(m)),
                                          std::vector<double>(static_cast<std::size_t>(m))};
    gather(last[0], last_column[0].data());
    gather(last[1], last_column[1].data());
    Eigen::MatrixXd out(m, m);
    for (Eigen::Index l = 0; l < m; ++l) {
      double* column = out.data() + l * m;
      const double* h_column = h.data() + primary_[l] * n;  // H(·, p_l); H(s, p_l) = h_column[s]
      gather(primary_[l], column);
      const int block = l >= first[1] && l < first[1] + count ? 1 : l >= first[0] && l < first[0] + count ? 0 : -1;
      if (block >= 0)
        for (Eigen::Index k = 0; k < m; ++k) column[k] -= last_column[block][static_cast<std::size_t>(k)];
      for (int b = 0; b < 2; ++b)
        for (Eigen::Index k = first[b]; k < first[b] + count; ++k) column[k] -= h_column[last[b]];
      if (block >= 0)
        for (int b = 0; b < 2; ++b) {
          const double both = h.data()[last[b] + last[block] * n];  // H(s_k, s_l)
          for (Eigen::Index k = first[b]; k < first[b] + count; ++k) column[k] += both;
        }
    }
    return out;
  }

  // Standard errors of φ from the covariance of θ: diag(T C Tᵀ).
  Eigen::VectorXd standard_errors(const Eigen::MatrixXd& covariance) const {
    Eigen::VectorXd variance = Eigen::VectorXd::Zero(layout_.size());
    const Eigen::Index m = free_size();
    for (Eigen::Index k = 0; k < m; ++k) variance[primary_[k]] += covariance(k, k);
    // the last team's a (and d) is minus the sum of the others': its variance sums the block
    for (Eigen::Index k = 0; k < m; ++k) {
      if (secondary_[k] < 0) continue;
      for (Eigen::Index l = 0; l < m; ++l)
        if (secondary_[l] == secondary_[k]) variance[secondary_[k]] += covariance(k, l);
    }
    return variance.cwiseMax(0).cwiseSqrt();
  }

  // The same from θ's information, whose inverse is the covariance C. With information = L Lᵀ,
  // C = L⁻ᵀ L⁻¹: C's diagonal holds the squared norms of L⁻¹'s columns, and a block's sum
  // 1ᵀ C 1 (the last team's variance) is ‖L⁻¹ 1‖², the squared norm of its columns' sum. An
  // information that is not positive definite is inverted whole, by LDLᵀ.
  Eigen::VectorXd standard_errors_from_information(const Eigen::MatrixXd& information) const {
    Eigen::MatrixXd l = information;
    if (!cholesky_in_place(l))
      return standard_errors(information.ldlt().solve(Eigen::MatrixXd::Identity(information.rows(), information.cols())));
    const Eigen::MatrixXd inverse = lower_triangular_inverse(l);
    Eigen::VectorXd variance = Eigen::VectorXd::Zero(layout_.size());
    const Eigen::Index m = free_size();
    for (Eigen::Index k = 0; k < m; ++k) variance[primary_[k]] += inverse.col(k).squaredNorm();
    const Eigen::Index count = layout_.teams - 1;
    variance[layout_.attack(layout_.teams - 1)] += inverse.middleCols(2, count).rowwise().sum().squaredNorm();
    variance[layout_.defence(layout_.teams - 1)] += inverse.middleCols(2 + count, count).rowwise().sum().squaredNorm();
    return variance.cwiseMax(0).cwiseSqrt();
  }

 private:
  DixonColesLayout layout_;
  bool fit_rho_;
  std::vector<Eigen::Index> primary_;
  std::vector<Eigen::Index> secondary_;
  struct Span {
    Eigen::Index free, phi, length;  // θ[free …] = φ[phi …], length entries
  };
  std::vector<Span> spans_;
};

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument(why); }

// The weighted sums per team that validate() checks, kept for the fit's starting point.
struct TeamTotals {
  std::vector<double> scored, conceded, weight;  // Σ w·goals for, Σ w·goals against, Σ w
  double goals = 0, weight_sum = 0;              // over the matches, in their order
};

TeamTotals validate(const std::vector<DixonColesMatch>& matches, int team_count, const DixonColesOptions& options) {
  if (team_count < 2) refuse("a Dixon-Coles fit needs at least two teams");
  if (matches.empty()) refuse("a Dixon-Coles fit needs at least one match");
  std::vector<int> played(team_count, 0);
  TeamTotals totals;
  totals.scored.assign(static_cast<std::size_t>(team_count), 0);
  totals.conceded = totals.weight = totals.scored;
  std::vector<double>& scored = totals.scored;
  std::vector<double>& conceded = totals.conceded;
  std::vector<int> group(team_count);
  std::iota(group.begin(), group.end(), 0);
  const auto root = [&](int i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (const DixonColesMatch& m : matches) {
    if (m.home < 0 || m.home >= team_count || m.away < 0 || m.away >= team_count || m.home == m.away)
      refuse("a match has an invalid pair of team indexes");
    if (m.home_goals < 0 || m.away_goals < 0) refuse("goals must not be negative");
    if (!std::isfinite(m.weight) || m.weight < 0) refuse("match weights must be finite and non-negative");
    if (m.weight == 0) continue;
    ++played[m.home];
    ++played[m.away];
    totals.goals += m.weight * (m.home_goals + m.away_goals);
    totals.weight_sum += m.weight;
    totals.weight[m.home] += m.weight;
    totals.weight[m.away] += m.weight;
    scored[m.home] += m.weight * m.home_goals;
    scored[m.away] += m.weight * m.away_goals;
    conceded[m.home] += m.weight * m.away_goals;
    conceded[m.away] += m.weight * m.home_goals;
    group[root(m.home)] = root(m.away);
  }
  for (int i = 0; i < team_count; ++i) {
    if (played[i] < options.min_matches_per_team)
      refuse("team #" + std::to_string(i) + " has " + std::to_string(played[i]) +
             " matches; a fit needs at least " + std::to_string(options.min_matches_per_team) + " per team");
    if (scored[i] == 0) refuse("team #" + std::to_string(i) + " scored no goal: its attack has no finite estimate");
    if (conceded[i] == 0) refuse("team #" + std::to_string(i) + " conceded no goal: its defence has no finite estimate");
  }
  for (int i = 1; i < team_count; ++i)
    if (root(i) != root(0))
      refuse("the teams form disconnected groups (team #" + std::to_string(i) +
             " never meets team #0 through any chain of matches): their strengths are not comparable");
  return totals;
}

}  // namespace

double dixon_coles_tau(int x, int y, double lambda, double mu, double rho) {
  if (x == 0 && y == 0) return 1 - lambda * mu * rho;
  if (x == 0 && y == 1) return 1 + lambda * rho;
  if (x == 1 && y == 0) return 1 + mu * rho;
  if (x == 1 && y == 1) return 1 - rho;
  return 1;
}

namespace {

// τ of the four low-score cells at a pair's rates: 0-0, 0-1, 1-0, 1-1 (index x·2 + y).
struct CellTaus {
  double tau[kLowScoreCells];
  CellTaus(double lambda, double mu, double rho)
      : tau{1 - lambda * mu * rho, 1 + lambda * rho, 1 + mu * rho, 1 - rho} {}
};

// Whether a pair's rates are allowed: −∞ where a τ is not (any cell's τ < 0 with
// check_all_cells, else only an observed score's τ ≤ 0). check_all_cells false serves the
// boundary phase of the fit, which keeps the unobserved cells' τ ≥ 0 exactly, as linear
// constraints, instead of through rounded τ values.
bool pair_feasible(const PairSums& pair, const CellTaus& taus, bool check_all_cells) {
  for (int cell = 0; cell < kLowScoreCells; ++cell) {
    if (check_all_cells && !(taus.tau[cell] >= 0)) return false;
    if (pair.cell_seen[cell] && !(taus.tau[cell] > 0)) return false;
  }
  return true;
}

// The scoring rates of every pair at φ as products, λ = e^(c+h) · e^(a_home) · e^(−d_away) and
// μ = e^c · e^(a_away) · e^(−d_home): 2n + 2 exponentials per pass instead of two per pair (a
// season has ten times as many pairs as teams). A product differs from e^η in the last bit or
// two, which the fit's 1e-8 gradient tolerance never sees.
class ScoringRates {
 public:
  ScoringRates(const DixonColesLayout& layout, const double* p)
      : attack_(static_cast<std::size_t>(layout.teams)), defence_(attack_.size()) {
    home_ = std::exp(p[layout.intercept()] + p[layout.home_advantage()]);
    away_ = std::exp(p[layout.intercept()]);
    for (int i = 0; i < layout.teams; ++i) {
      attack_[static_cast<std::size_t>(i)] = std::exp(p[layout.attack(i)]);
      defence_[static_cast<std::size_t>(i)] = std::exp(-p[layout.defence(i)]);
    }
  }
  double lambda(const PairSums& pair) const {
    return home_ * attack_[static_cast<std::size_t>(pair.home)] * defence_[static_cast<std::size_t>(pair.away)];
  }
  double mu(const PairSums& pair) const {
    return away_ * attack_[static_cast<std::size_t>(pair.away)] * defence_[static_cast<std::size_t>(pair.home)];
  }

 private:
  std::vector<double> attack_, defence_;
  double home_ = 0, away_ = 0;
};

double log_likelihood_with(const DixonColesPairs& pairs, const DixonColesLayout& layout, const Eigen::VectorXd& phi,
                           bool check_all_cells = true) {
  const double* p = phi.data();
  const double c = p[layout.intercept()], h = p[layout.home_advantage()], rho = p[layout.rho()];
  const ScoringRates rates(layout, p);
  double total = 0;
  for (const PairSums& pair : pairs.pairs()) {
    const double eta1 = c + h + p[layout.attack(pair.home)] - p[layout.defence(pair.away)];
    const double eta2 = c + p[layout.attack(pair.away)] - p[layout.defence(pair.home)];
    const double lambda = rates.lambda(pair), mu = rates.mu(pair);
    const CellTaus taus(lambda, mu, rho);
    if (!pair_feasible(pair, taus, check_all_cells)) return -std::numeric_limits<double>::infinity();
    total += pair.home_goals * eta1 + pair.away_goals * eta2 - pair.weight * (lambda + mu);
    for (int cell = 0; cell < kLowScoreCells; ++cell)
      if (pair.cell_weight[cell] != 0) total += pair.cell_weight[cell] * std::log(taus.tau[cell]);
  }
  return total - pairs.log_factorial_term();
}

// Per-team sums of a pass's second derivatives: a pair adds to the rows of c, h and ρ and to
// the diagonal at entries that only its teams' indexes name, so these are summed per team and
// written once at the end; only its four entries between two teams go to the matrix directly.
struct TeamSums {
  explicit TeamSums(int teams) : values(static_cast<std::size_t>(teams) * kColumns, 0.0) {}
  enum Column { kGradAttack, kGradDefence, kCA, kCD, kHA, kHD, kAA, kDD, kAD, kAR, kDR, kColumns };
  double& at(int team, Column column) { return values[static_cast<std::size_t>(team) * kColumns + column]; }
  std::vector<double> values;
};

DixonColesDerivatives derivatives_with(const DixonColesPairs& pairs, const DixonColesLayout& layout,
                                       const Eigen::VectorXd& phi, bool check_all_cells = true) {
  const Eigen::Index n = layout.size();
  DixonColesDerivatives d{0, Eigen::VectorXd::Zero(n), Eigen::MatrixXd::Zero(n, n)};
  const double* p = phi.data();
  const double c = p[layout.intercept()], h = p[layout.home_advantage()], rho = p[layout.rho()];
  double* hess = d.hessian.data();  // column-major: (i, j) at i + j·n, filled in its upper triangle
  const auto at = [hess, n](Eigen::Index i, Eigen::Index j) -> double& { return hess[i + j * n]; };
  const ScoringRates rates(layout, p);
  TeamSums team(layout.teams);
  // the sums of the rows of c, h and ρ outside the teams' columns
  double g_c = 0, g_h = 0, g_rho = 0, h_cc = 0, h_ch = 0, h_hh = 0, h_cr = 0, h_hr = 0, h_rr = 0;
  for (const PairSums& pair : pairs.pairs()) {
    const double eta1 = c + h + p[layout.attack(pair.home)] - p[layout.defence(pair.away)];
    const double eta2 = c + p[layout.attack(pair.away)] - p[layout.defence(pair.home)];
    const double lambda = rates.lambda(pair), mu = rates.mu(pair);
    const CellTaus taus(lambda, mu, rho);
    if (!pair_feasible(pair, taus, check_all_cells)) {
      d.log_likelihood = -std::numeric_limits<double>::infinity();
      return d;
    }
    // The pair's derivatives in (η1, η2, ρ): the Poisson part, then each low-score cell's log τ,
    // g = t/τ and H = t_ab/τ − t tᵀ/τ² from the table in docs/formulas/dixon-coles.md, written
    // out per cell (a = the η-derivative over τ, b = the ρ-derivative over τ).
    double value = pair.home_goals * eta1 + pair.away_goals * eta2 - pair.weight * (lambda + mu);
    double g1 = pair.home_goals - pair.weight * lambda, g2 = pair.away_goals - pair.weight * mu;
    double h11 = -pair.weight * lambda, h22 = -pair.weight * mu, h12 = 0, h1r = 0, h2r = 0;
    // 0-1 and 1-0, τ = 1 + rρ in one rate r (λ or μ, of η = log r): t_η = t_ηη = rρ, t_ρ = t_ηρ = r
    const auto add_one_rate_cell = [&](double w, double tau, double rate, double& g, double& h_eta, double& h_eta_rho) {
      const double a = rate * rho / tau, b = rate / tau;
      g += w * a;
      g_rho += w * b;
      h_eta += w * (a - a * a);
      h_eta_rho += w * (b - a * b);
      h_rr -= w * b * b;
    };
    for (int cell = 0; cell < kLowScoreCells; ++cell) {
      const double w = pair.cell_weight[cell];
      if (w == 0) continue;
      const double tau = taus.tau[cell];
      value += w * std::log(tau);
      switch (cell) {
        case 0: {  // τ = 1 − λμρ: t = (−λμρ, −λμρ, −λμ), t_η1η1 = t_η2η2 = t_η1η2 = −λμρ, t_ηρ = −λμ
          const double a = lambda * mu * rho / tau, b = lambda * mu / tau;
          g1 -= w * a;
          g2 -= w * a;
          g_rho -= w * b;
          h11 -= w * (a + a * a);
          h22 -= w * (a + a * a);
          h12 -= w * (a + a * a);
          h1r -= w * (b + a * b);
          h2r -= w * (b + a * b);
          h_rr -= w * b * b;
          break;
        }
        case 1:  // τ = 1 + λρ: t = (λρ, 0, λ), t_η1η1 = λρ, t_η1ρ = λ
          add_one_rate_cell(w, tau, lambda, g1, h11, h1r);
          break;
        case 2:  // τ = 1 + μρ: t = (0, μρ, μ), t_η2η2 = μρ, t_η2ρ = μ
          add_one_rate_cell(w, tau, mu, g2, h22, h2r);
          break;
        default: {  // τ = 1 − ρ: t = (0, 0, −1)
          const double b = 1 / tau;
          g_rho -= w * b;
          h_rr -= w * b * b;
        }
      }
    }
    d.log_likelihood += value;
    // Carried to φ through η1 = c + h + a_i − d_j and η2 = c + a_j − d_i (i home, j away).
    const int i = pair.home, j = pair.away;
    g_c += g1 + g2;
    g_h += g1;
    team.at(i, TeamSums::kGradAttack) += g1;
    team.at(j, TeamSums::kGradDefence) -= g1;
    team.at(j, TeamSums::kGradAttack) += g2;
    team.at(i, TeamSums::kGradDefence) -= g2;
    h_cc += h11 + h22 + 2 * h12;
    h_ch += h11 + h12;
    h_hh += h11;
    h_cr += h1r + h2r;
    h_hr += h1r;
    team.at(i, TeamSums::kCA) += h11 + h12;
    team.at(j, TeamSums::kCA) += h22 + h12;
    team.at(j, TeamSums::kCD) -= h11 + h12;
    team.at(i, TeamSums::kCD) -= h22 + h12;
    team.at(i, TeamSums::kHA) += h11;
    team.at(j, TeamSums::kHA) += h12;
    team.at(j, TeamSums::kHD) -= h11;
    team.at(i, TeamSums::kHD) -= h12;
    team.at(i, TeamSums::kAA) += h11;
    team.at(j, TeamSums::kAA) += h22;
    team.at(j, TeamSums::kDD) += h11;
    team.at(i, TeamSums::kDD) += h22;
    team.at(i, TeamSums::kAD) -= h12;
    team.at(j, TeamSums::kAD) -= h12;
    team.at(i, TeamSums::kAR) += h1r;
    team.at(j, TeamSums::kAR) += h2r;
    team.at(j, TeamSums::kDR) -= h1r;
    team.at(i, TeamSums::kDR) -= h2r;
    // between two teams (attacks come before defences, and teams in index order)
    at(layout.attack(i), layout.defence(j)) -= h11;
    at(layout.attack(j), layout.defence(i)) -= h22;
    at(layout.attack(std::min(i, j)), layout.attack(std::max(i, j))) += h12;
    at(layout.defence(std::min(i, j)), layout.defence(std::max(i, j))) += h12;
  }
  d.log_likelihood -= pairs.log_factorial_term();
  const Eigen::Index ci = layout.intercept(), hi = layout.home_advantage(), r = layout.rho();
  double* g = d.gradient.data();
  g[ci] = g_c;
  g[hi] = g_h;
  g[r] = g_rho;
  at(ci, ci) = h_cc;
  at(ci, hi) = h_ch;
  at(hi, hi) = h_hh;
  at(ci, r) = h_cr;
  at(hi, r) = h_hr;
  at(r, r) = h_rr;
  for (int t = 0; t < layout.teams; ++t) {
    const Eigen::Index a = layout.attack(t), df = layout.defence(t);
    g[a] = team.at(t, TeamSums::kGradAttack);
    g[df] = team.at(t, TeamSums::kGradDefence);
    at(ci, a) = team.at(t, TeamSums::kCA);
    at(ci, df) = team.at(t, TeamSums::kCD);
    at(hi, a) = team.at(t, TeamSums::kHA);
    at(hi, df) = team.at(t, TeamSums::kHD);
    at(a, a) = team.at(t, TeamSums::kAA);
    at(df, df) = team.at(t, TeamSums::kDD);
    at(a, df) += team.at(t, TeamSums::kAD);
    at(a, r) = team.at(t, TeamSums::kAR);
    at(df, r) = team.at(t, TeamSums::kDR);
  }
  for (Eigen::Index col = 0; col < n; ++col)
    for (Eigen::Index row = col + 1; row < n; ++row) at(row, col) = at(col, row);
  return d;
}

}  // namespace

double dixon_coles_log_likelihood(const std::vector<DixonColesMatch>& matches,
                                  const DixonColesLayout& layout, const Eigen::VectorXd& phi) {
  return log_likelihood_with(DixonColesPairs(matches, layout.teams), layout, phi);
}

DixonColesDerivatives dixon_coles_derivatives(const std::vector<DixonColesMatch>& matches,
                                              const DixonColesLayout& layout,
                                              const Eigen::VectorXd& phi) {
  return derivatives_with(DixonColesPairs(matches, layout.teams), layout, phi);
}

namespace {

// What a Newton ascent needs at a point of its free parameters: the objective, its gradient and
// its Hessian there (value −∞ outside the feasible region).
struct FreeDerivatives {
  double value;
  Eigen::VectorXd gradient;
  Eigen::MatrixXd hessian;
};

struct AscentResult {
  bool converged = false;
  int iterations = 0;
  double value = 0;
  double gradient_norm = 0;
  Eigen::MatrixXd information;  // −Hessian at the last point
};

// The Newton direction p solving information·p = gradient on the (locally) concave
// log-likelihood; where the information is not positive definite, Levenberg damping makes it so
// (a step toward steepest ascent). Cholesky both solves and tests: it succeeds exactly when the
// (damped) information is positive definite, at half the cost of a pivoted LDLᵀ.
Eigen::VectorXd damped_newton_step(const Eigen::MatrixXd& information, const Eigen::VectorXd& gradient) {
  double damping = 0;
  Eigen::MatrixXd m(information.rows(), information.cols());
  for (int attempt = 0; attempt <= 60; ++attempt) {
    m = information;
    m.diagonal().array() += damping;
    if (cholesky_in_place(m)) {
      Eigen::VectorXd step = gradient;
      cholesky_solve_in_place(m, step);
      return step;
    }
    damping = damping == 0 ? 1e-8 * std::max(1.0, information.diagonal().cwiseAbs().maxCoeff()) : damping * 10;
  }
  throw std::invalid_argument("the Dixon-Coles fit failed: no ascent direction");
}

// Safeguarded Newton ascent from theta (updated in place): derivatives(θ) gives FreeDerivatives,
// value(θ) the objective alone. Stops when the gradient's max-norm is ≤ the tolerance, after
// max_iterations, when the line search can no longer move, or (with stop_at_edge) after three
// full Newton steps in a row would have left the feasible region: the maximum is then on its edge.
template <class Derivatives, class Value>
AscentResult newton_ascent(Eigen::VectorXd& theta, const Derivatives& derivatives, const Value& value,
                           const DixonColesOptions& options, bool stop_at_edge) {
  AscentResult out;
  int edge_hits = 0;
  // A full Newton step, the usual case, is tested with the derivatives at the trial point, which
  // the next iteration then reuses: one pass over the pairs per iteration instead of two.
  FreeDerivatives d = derivatives(theta);
  if (!std::isfinite(d.value)) return out;  // an infeasible start: never "converged"
  for (int iteration = 0;; ++iteration) {
    out.information = -d.hessian;
    out.value = d.value;
    out.gradient_norm = d.gradient.lpNorm<Eigen::Infinity>();
    out.iterations = iteration;
    if (out.gradient_norm <= options.gradient_tolerance) {
      out.converged = true;
      return out;
    }
    if (iteration == options.max_iterations) return out;
    const Eigen::VectorXd step = damped_newton_step(out.information, d.gradient);
    // Line search (Armijo, backtracking by halves), rejecting points where some τ < 0. Once the
    // predicted gain is below the rounding noise of the log-likelihood (a sum of thousands of
    // terms), the objective can no longer rank points: the full Newton step is taken if
    // feasible, and the gradient alone decides convergence.
    const double slope = d.gradient.dot(step);
    const bool within_noise = slope <= 1e-11 * std::max(1.0, std::abs(d.value));
    FreeDerivatives full = derivatives(theta + step);
    edge_hits = std::isfinite(full.value) ? 0 : edge_hits + 1;
    if (stop_at_edge && edge_hits == 3) return out;
    if (std::isfinite(full.value) && (within_noise || full.value >= d.value + 1e-4 * slope)) {
      theta += step;
      d = std::move(full);
      continue;
    }
    bool moved = false;
    double alpha = 0.5;
    for (int halving = 1; halving < 60; ++halving, alpha /= 2) {
      const Eigen::VectorXd trial = theta + alpha * step;
      const double v = value(trial);
      if (std::isfinite(v) && v >= d.value + 1e-4 * alpha * slope) {
        theta = trial;
        moved = true;
        break;
      }
    }
    // At the limit of double precision the objective no longer separates points; the gradient
    // decides whether that is the optimum.
    if (!moved) return out;
    d = derivatives(theta);
  }
}

// Phase 2 of the fit, where the likelihood rises to the edge of ρ's feasible region. With
// ρ = s·exp(ψ) (s the sign of ρ there), every cell's τ ≥ 0 is a linear constraint on
// x = (θ without ρ, ψ):
//   ρ < 0:  (0,1) ψ + η1 ≤ 0    (1,0) ψ + η2 ≤ 0    (the other cells are then positive)
//   ρ > 0:  (0,0) ψ + η1 + η2 ≤ 0    (1,1) ψ ≤ 0
// one per pair of teams that met, with η1 = log λ, η2 = log μ linear in θ. The constrained
// maximum is found by an active-set Newton method: Newton steps in the null space of the active
// constraints, a ratio test that stops at the first constraint met (which joins the active set),
// and at a point where the Lagrangian's gradient vanishes, a constraint with a negative
// multiplier leaves. It ends at a KKT point: gradient = Σ ν_k a_k with every ν_k ≥ 0.
struct LinearCell {
  DixonColesFit::RhoBoundary cell;
  Eigen::VectorXd row;  // a_k over x
  bool observed;        // a match of the pair (of positive weight) ended with this score: τ = 0
                        // there makes ℓ = −∞, so the cell can bound the region but never be active
};

std::vector<LinearCell> linear_cells(const DixonColesPairs& pairs, const DixonColesLayout& layout,
                                     const Reduction& reduction, double sign) {
  const bool one_one_observed = std::any_of(pairs.pairs().begin(), pairs.pairs().end(),
                                            [](const PairSums& p) { return p.cell_weight[3] > 0; });
  const Eigen::Index size = reduction.free_size();  // x has θ's size: ψ takes ρ's place, last
  std::vector<LinearCell> cells;
  const auto add = [&](int home, int away, int cell, bool eta1, bool eta2, bool seen) {
    Eigen::VectorXd v = Eigen::VectorXd::Zero(layout.size());
    if (eta1) {
      v[layout.intercept()] += 1;
      v[layout.home_advantage()] += 1;
      v[layout.attack(home)] += 1;
      v[layout.defence(away)] -= 1;
    }
    if (eta2) {
      v[layout.intercept()] += 1;
      v[layout.attack(away)] += 1;
      v[layout.defence(home)] -= 1;
    }
    Eigen::VectorXd row = reduction.gradient(v);  // Tᵀ v: η as a function of θ
    row[size - 1] = 1;                              // + ψ
    cells.push_back({{home, away, cell}, std::move(row), seen});
  };
  if (sign > 0) add(0, 0, 3, false, false, one_one_observed);
  for (const PairSums& p : pairs.pairs()) {
    if (sign < 0) {
      add(p.home, p.away, 1, true, false, p.cell_weight[1] > 0);
      add(p.home, p.away, 2, false, true, p.cell_weight[2] > 0);
    } else {
      add(p.home, p.away, 0, true, true, p.cell_weight[0] > 0);
    }
  }
  return cells;
}

struct ConstrainedResult {
  AscentResult ascent;
  std::vector<std::size_t> active;
  Eigen::VectorXd multipliers;
  Eigen::MatrixXd null_space;  // Z: the directions that keep the active constraints
};

// Maximises f over {x : a_kᵀx ≤ 0} from a feasible x (updated in place). derivatives(x) gives f
// with its gradient and Hessian; value(x) f alone.
template <class Derivatives, class Value>
ConstrainedResult active_set_ascent(Eigen::VectorXd& x, const std::vector<LinearCell>& cells,
                                    const Derivatives& derivatives, const Value& value,
                                    const DixonColesOptions& options) {
  const Eigen::Index n = x.size();
  ConstrainedResult out;
  std::vector<std::size_t>& active = out.active;
  // Start on the constraint nearest to x, reached by moving ψ alone: every other constraint has
  // at least as much slack, so none is crossed. An observed cell cannot be the edge's; if it is
  // the nearest, the maximum is not on this edge.
  std::size_t nearest = 0;
  for (std::size_t k = 1; k < cells.size(); ++k)
    if (cells[k].row.dot(x) > cells[nearest].row.dot(x)) nearest = k;
  if (cells[nearest].observed) return out;
  x[n - 1] -= cells[nearest].row.dot(x);
  active.push_back(nearest);
  FreeDerivatives d = derivatives(x);
  if (!std::isfinite(d.value)) return out;
  for (int iteration = 0;; ++iteration) {
    Eigen::MatrixXd a(static_cast<Eigen::Index>(active.size()), n);
    for (std::size_t i = 0; i < active.size(); ++i) a.row(static_cast<Eigen::Index>(i)) = cells[active[i]].row.transpose();
    // Z spans the null space of the active rows (the last columns of Q in Aᵀ = QR).
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(a.transpose());
    const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(n, n);
    out.null_space = q.rightCols(n - a.rows());
    const Eigen::MatrixXd& z = out.null_space;
    // Multipliers by least squares (Aᵀν ≈ g), and the Lagrangian's gradient g − Aᵀν.
    out.multipliers = a.transpose().colPivHouseholderQr().solve(d.gradient);
    const Eigen::VectorXd lagrangian = d.gradient - a.transpose() * out.multipliers;
    AscentResult& state = out.ascent;
    state.value = d.value;
    state.gradient_norm = lagrangian.lpNorm<Eigen::Infinity>();
    state.iterations = iteration;
    state.information = -(z.transpose() * d.hessian * z);
    if (state.gradient_norm <= options.gradient_tolerance) {
      Eigen::Index most_negative = 0;
      const double least = out.multipliers.minCoeff(&most_negative);
      if (least >= -options.gradient_tolerance) {
        state.converged = true;
        return out;
      }
      if (active.size() == 1) return out;  // the edge is not a maximum: the caller reports it
      active.erase(active.begin() + most_negative);
      continue;
    }
    if (iteration == options.max_iterations) return out;
    const Eigen::VectorXd reduced_gradient = z.transpose() * d.gradient;
    const Eigen::VectorXd step = z * damped_newton_step(state.information, reduced_gradient);
    // Ratio test: the longest step before an inactive constraint is met.
    double longest = 1;
    std::size_t blocking = cells.size();
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (std::find(active.begin(), active.end(), k) != active.end()) continue;
      const double rate = cells[k].row.dot(step);
      if (rate <= 0) continue;
      const double room = std::max(0.0, -cells[k].row.dot(x)) / rate;
      if (room < longest) {
        longest = room;
        blocking = k;
      }
    }
    const double slope = d.gradient.dot(step);
    const bool within_noise = slope <= 1e-11 * std::max(1.0, std::abs(d.value));
    double alpha = longest;
    bool moved = false;
    for (int halving = 0; halving < 60; ++halving, alpha /= 2) {
      const Eigen::VectorXd trial = x + alpha * step;
      FreeDerivatives at = halving == 0 ? derivatives(trial) : FreeDerivatives{value(trial), {}, {}};
      if (std::isfinite(at.value) && ((halving == 0 && within_noise) || at.value >= d.value + 1e-4 * alpha * slope)) {
        x = trial;
        if (halving == 0 && alpha == longest && blocking < cells.size() && !cells[blocking].observed)
          active.push_back(blocking);
        d = halving == 0 ? std::move(at) : derivatives(x);
        moved = true;
        break;
      }
    }
    if (!moved) return out;
  }
}

// Phase 2 of the fit: where full Newton steps keep leaving ρ's feasible region, the likelihood's
// maximum over the closed region can lie on its edge, where some pair's unobserved low-score cell
// has τ = 0. From theta, where the interior ascent stopped, active_set_ascent looks for it; on
// convergence at a KKT point it fills fit and returns true.
bool fit_on_edge(const DixonColesPairs& pairs, const DixonColesLayout& layout, const Reduction& reduction,
                 const DixonColesOptions& options, const Eigen::VectorXd& theta,
                 int iterations_so_far, DixonColesFit& fit) {
  const auto phi_of = [&](const Eigen::VectorXd& th) { return reduction.expand(th, options.fixed_rho); };
  const double rho_now = phi_of(theta)[layout.rho()];
  if (rho_now == 0) return false;
  const double sign = rho_now < 0 ? -1.0 : 1.0;
  const Eigen::Index r = reduction.free_size() - 1;  // ρ is θ's last entry, ψ is x's
  const std::vector<LinearCell> cells = linear_cells(pairs, layout, reduction, sign);
  const auto phi_at = [&](const Eigen::VectorXd& x) {
    Eigen::VectorXd th = x;
    th[r] = sign * std::exp(x[r]);
    return phi_of(th);
  };
  const auto edge_derivatives = [&](const Eigen::VectorXd& x) {
    const double rho = sign * std::exp(x[r]);
    const DixonColesDerivatives d = derivatives_with(pairs, layout, phi_at(x), false);
    FreeDerivatives out{d.log_likelihood, reduction.gradient(d.gradient), reduction.hessian(d.hessian)};
    if (!std::isfinite(out.value)) return out;
    // ρ = s·exp(ψ): ∂ρ/∂ψ = ∂²ρ/∂ψ² = ρ.
    const double g_rho = out.gradient[r];
    out.gradient[r] *= rho;
    out.hessian.col(r) *= rho;
    out.hessian.row(r) *= rho;
    out.hessian(r, r) += g_rho * rho;
    return out;
  };
  const auto edge_value = [&](const Eigen::VectorXd& x) {
    return log_likelihood_with(pairs, layout, phi_at(x), false);
  };
  Eigen::VectorXd x = theta;
  x[r] = std::log(sign * rho_now);
  const ConstrainedResult edge = active_set_ascent(x, cells, edge_derivatives, edge_value, options);
  if (!edge.ascent.converged) return false;
  fit.log_likelihood = edge.ascent.value;
  fit.gradient_norm = edge.ascent.gradient_norm;
  fit.iterations = iterations_so_far + edge.ascent.iterations;
  fit.converged = true;
  fit.phi = phi_at(x);
  for (std::size_t i = 0; i < edge.active.size(); ++i)
    fit.rho_boundary.push_back({cells[edge.active[i]].cell, edge.multipliers[static_cast<Eigen::Index>(i)]});
  // Standard errors: the inverse information on the active constraints' null space, carried
  // from ψ to ρ (∂ρ/∂ψ = ρ).
  const Eigen::MatrixXd& z = edge.null_space;
  Eigen::MatrixXd covariance =
      z * edge.ascent.information.ldlt().solve(Eigen::MatrixXd::Identity(z.cols(), z.cols())) * z.transpose();
  const double rho = fit.phi[layout.rho()];
  covariance.row(r) *= rho;
  covariance.col(r) *= rho;
  fit.phi_se = reduction.standard_errors(covariance);
  return true;
}

// A fit can meet the absolute gradient tolerance without the matches determining it: where they
// weigh next to nothing (weights of 1e-300, say) every gradient is that small. Along a direction
// they barely weigh the ascent drifts until a pair's rates underflow (a model that gives a
// pairing that was played probability 0 for every score but 0-0), and where all of them weigh
// that little the information is so near 0 that its inverse, the standard errors, overflows.
// Either is refused.
void refuse_undetermined_fit(const DixonColesPairs& pairs, const DixonColesLayout& layout, const DixonColesFit& fit) {
  const ScoringRates rates(layout, fit.phi.data());
  for (const PairSums& pair : pairs.pairs()) {
    const double lambda = rates.lambda(pair), mu = rates.mu(pair);
    const auto usable = [](double rate) { return rate >= std::numeric_limits<double>::min() && std::isfinite(rate); };
    if (!usable(lambda) || !usable(mu))
      refuse("the fitted scoring rates of team #" + std::to_string(pair.home) + " at home to team #" +
             std::to_string(pair.away) + " (" + describe_number(lambda) + ", " + describe_number(mu) +
             ") are not usable numbers: the matches' weights are too small to estimate these teams' strengths");
  }
  if (!fit.phi_se.allFinite())
    refuse("the fit's standard errors are not finite (sum of weights " + describe_number(fit.sum_weights) +
           "): the matches' weights are too small to estimate the teams' strengths");
}

}  // namespace

DixonColesFit fit_dixon_coles(const std::vector<DixonColesMatch>& matches, int team_count,
                              const DixonColesOptions& options) {
  const TeamTotals totals = validate(matches, team_count, options);
  const DixonColesLayout layout{team_count};
  const DixonColesPairs pairs(matches, team_count);
  const Reduction reduction(layout, options.fit_rho);
  const Eigen::Index free_size = reduction.free_size();

  // Start: the league's mean goal rate, the configured home advantage, ρ = 0 when fitted, and
  // each team's attack and defence from its weighted goals scored and conceded per match against
  // that rate (log ratios, centred so that Σ a = Σ d = 0). From there Newton needs about one pass
  // fewer than from equal teams (4.1 instead of 5.0 on average over 93 seasons of seven leagues).
  const double rate = totals.goals / (2 * totals.weight_sum);  // > 0: validate() saw every team score
  Eigen::VectorXd attack(team_count), defence(team_count);
  for (int i = 0; i < team_count; ++i) {
    attack[i] = std::log(totals.scored[i] / totals.weight[i] / rate);
    defence[i] = -std::log(totals.conceded[i] / totals.weight[i] / rate);
  }
  attack.array() -= attack.mean();
  defence.array() -= defence.mean();
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(free_size);
  theta(0) = std::log(rate) - options.initial_home_advantage / 2;
  theta(1) = options.initial_home_advantage;
  theta.segment(2, team_count - 1) = attack.head(team_count - 1);
  theta.segment(2 + team_count - 1, team_count - 1) = defence.head(team_count - 1);
  const auto phi_of = [&](const Eigen::VectorXd& th) { return reduction.expand(th, options.fixed_rho); };
  if (!std::isfinite(log_likelihood_with(pairs, layout, phi_of(theta))))
    throw std::invalid_argument("the fixed rho " + std::to_string(options.fixed_rho) +
                                " makes a low-score probability negative for these matches");

  DixonColesFit fit;
  fit.teams = team_count;
  fit.matches = matches.size();
  fit.sum_weights = totals.weight_sum;
  const auto interior_derivatives = [&](const Eigen::VectorXd& th) {
    DixonColesDerivatives d = derivatives_with(pairs, layout, phi_of(th));
    return FreeDerivatives{d.log_likelihood, reduction.gradient(d.gradient), reduction.hessian(d.hessian)};
  };
  const auto interior_value = [&](const Eigen::VectorXd& th) {
    return log_likelihood_with(pairs, layout, phi_of(th));
  };
  AscentResult ascent = newton_ascent(theta, interior_derivatives, interior_value, options, options.fit_rho);
  if (!ascent.converged && options.fit_rho) {
    if (fit_on_edge(pairs, layout, reduction, options, theta, ascent.iterations, fit)) {
      refuse_undetermined_fit(pairs, layout, fit);
      return fit;
    }
    // Not on the edge after all (early steps overshooting far from the optimum): the interior
    // ascent goes on from where it stopped, without stopping at the edge again.
    const int done = ascent.iterations;
    ascent = newton_ascent(theta, interior_derivatives, interior_value, options, false);
    ascent.iterations += done;
  }
  fit.log_likelihood = ascent.value;
  fit.gradient_norm = ascent.gradient_norm;
  fit.iterations = ascent.iterations;
  if (!ascent.converged)
    throw std::invalid_argument("the Dixon-Coles fit did not converge: gradient max-norm " +
                                std::to_string(fit.gradient_norm) + " after " +
                                std::to_string(fit.iterations) + " iterations");
  fit.converged = true;
  fit.phi = phi_of(theta);
  fit.phi_se = reduction.standard_errors_from_information(ascent.information);
  refuse_undetermined_fit(pairs, layout, fit);
  return fit;
}

std::string name_teams_in_message(const std::string& message, const std::vector<std::string>& names) {
  static constexpr std::string_view kMarker = "team #";
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = message.find(kMarker); at != std::string::npos; at = message.find(kMarker, from)) {
    std::size_t end = at + kMarker.size();
    std::size_t index = 0;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9')
      index = index * 10 + static_cast<std::size_t>(message[end++] - '0');
    out.append(message, from, at - from);
    if (end > at + kMarker.size() && index < names.size())
      out += "team " + names[index];
    else
      out.append(message, at, end - at);
    from = end;
  }
  return out + message.substr(from);
}

}  // namespace jackpot::core
