"""The scoring aggregates and isotonic calibration against scikit-learn (Debian's python3-sklearn),
on data generated here with a fixed seed. Prints TAP. Each check runs the same rows through SQL
(psql, PG* variables) and through scikit-learn/numpy, and compares to 1e-12."""
import json
import subprocess
import sys

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss, log_loss

TOLERANCE = 1e-12
checks = []


def check(ok, name, detail=""):
    checks.append((bool(ok), name, detail))


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", sys.argv[1]],
                         input=sql, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip().splitlines()


def floats(values):
    return ",".join(repr(float(v)) for v in values)


rng = np.random.default_rng(20240601)
n = 20000
# 1X2 forecasts: Dirichlet rows, outcomes drawn from them, and a few extreme rows (0 and 1).
P = rng.dirichlet([4.0, 2.5, 3.0], size=n)
P[:5] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0]]
y = np.array([rng.choice(3, p=row) for row in P])
y[3] = 2  # a certain forecast that was wrong: the clipping of log_loss matters
labels = np.array(["H", "D", "A"])
# binary forecasts with ties, exact bin edges and the ends
p = np.round(rng.beta(2.0, 3.0, size=n), 3)
p[:8] = [0.0, 1.0, 0.1, 0.2, 0.5, 0.5, 0.25, 1.0]
b = (rng.random(n) < p).astype(int)
b[0], b[1] = 1, 0

setup = "CREATE TEMP TABLE f (probs float8[], outcome jackpot.match_result);\n"
setup += "INSERT INTO f VALUES " + ",".join(
    f"(ARRAY[{floats(row)}]::float8[], '{labels[k]}')" for row, k in zip(P, y)) + ";\n"
setup += "CREATE TEMP TABLE g (prob float8, happened boolean);\n"
setup += "INSERT INTO g VALUES " + ",".join(f"({repr(float(v))}, {bool(h)})" for v, h in zip(p, b)) + ";\n"
setup += "INSERT INTO g VALUES (NULL, true), (0.3, NULL);\nINSERT INTO f VALUES (NULL, 'H'), ('{0.2,0.3,0.5}', NULL);\n"
queries = [
    "SELECT jackpot.brier_score(probs, outcome) FROM f",
    "SELECT jackpot.log_loss(probs, outcome) FROM f",
    "SELECT jackpot.rps(probs, outcome) FROM f",
    "SELECT jackpot.brier_score(prob, happened) FROM g",
    "SELECT jackpot.log_loss(prob, happened) FROM g",
    "SELECT jackpot.reliability_curve(prob, happened, 10) FROM g",
    "SELECT jackpot.isotonic_fit(prob, happened) FROM g",
]
grid = np.concatenate([np.linspace(-0.1, 1.1, 241), p[:50]])
sql = setup + ";\n".join(queries) + ";\n"
sql += "SELECT string_agg(jackpot.isotonic_apply((SELECT jackpot.isotonic_fit(prob, happened) FROM g), least(greatest(x, 0), 1))::text, ',' ORDER BY k) FROM unnest(ARRAY[" + floats(grid) + "]::float8[]) WITH ORDINALITY AS u(x, k);\n"
# the same aggregates again with a parallel plan: the combine functions must give the same numbers
sql += ("SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;\n"
        "SET max_parallel_workers_per_gather = 2;\n")
# temporary tables are never scanned in parallel: use a real one for the parallel check
sql += ("CREATE TABLE jackpot_sklearn_parallel AS SELECT prob, happened FROM g, generate_series(1, 20);\n"
        "ANALYZE jackpot_sklearn_parallel;\n")
sql += "SELECT jackpot.brier_score(prob, happened) || ',' || jackpot.log_loss(prob, happened) || ',' || (jackpot.reliability_curve(prob, happened, 10) ->> 'ece') FROM jackpot_sklearn_parallel;\n"
sql += "EXPLAIN (COSTS OFF) SELECT jackpot.brier_score(prob, happened) FROM jackpot_sklearn_parallel;\n"
sql += "DROP TABLE jackpot_sklearn_parallel;\n"
out = psql(sql)
brier3, logloss3, rps3, brier2, logloss2 = (float(v) for v in out[:5])
curve = json.loads(out[5])
iso = json.loads(out[6])
applied = np.array([float(v) for v in out[7].split(",")])
parallel = [float(v) for v in out[8].split(",")]
plan = "\n".join(out[9:])

Y = np.eye(3)[y]
ref = np.mean(np.sum((P - Y) ** 2, axis=1))
check(abs(brier3 - ref) <= TOLERANCE, "multi-class brier_score equals the mean of sum (p - y)^2 (numpy)", f"{brier3!r} vs {ref!r}")
ref = log_loss(y, P, labels=[0, 1, 2])
check(abs(logloss3 - ref) <= TOLERANCE, "multi-class log_loss equals scikit-learn's log_loss", f"{logloss3!r} vs {ref!r}")
C = np.cumsum(P, axis=1)[:, :2]
O = np.cumsum(Y, axis=1)[:, :2]
ref = np.mean(np.sum((C - O) ** 2, axis=1) / 2)
check(abs(rps3 - ref) <= TOLERANCE, "rps equals the ranked probability score over H, D, A (numpy)", f"{rps3!r} vs {ref!r}")
ref = brier_score_loss(b, p)
check(abs(brier2 - ref) <= TOLERANCE, "binary brier_score equals scikit-learn's brier_score_loss", f"{brier2!r} vs {ref!r}")
ref = log_loss(b, p)
check(abs(logloss2 - ref) <= TOLERANCE, "binary log_loss equals scikit-learn's log_loss (with p = 0 and 1 clipped)", f"{logloss2!r} vs {ref!r}")

prob_true, prob_pred = calibration_curve(b, p, n_bins=10, strategy="uniform")
ours_pred = [v for v in curve["mean_predicted"] if v is not None]
ours_true = [v for v in curve["observed_frequency"] if v is not None]
bins = np.linspace(0, 1, 11)
counts = np.bincount(np.searchsorted(bins[1:-1], p), minlength=10)
check(len(ours_pred) == len(prob_pred) and np.max(np.abs(np.array(ours_pred) - prob_pred)) <= TOLERANCE
      and np.max(np.abs(np.array(ours_true) - prob_true)) <= TOLERANCE and list(counts) == curve["count"],
      "reliability_curve bins, means and frequencies equal scikit-learn's calibration_curve")
nonzero = counts > 0
ece = np.sum(counts[nonzero] / n * np.abs(prob_pred - prob_true))
check(abs(curve["ece"] - ece) <= TOLERANCE, "reliability_curve's ECE equals sum n_b/N |mean_b - observed_b|", f"{curve['ece']!r} vs {ece!r}")

model = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(p, b)
check(len(iso["x_thresholds"]) == len(model.X_thresholds_)
      and np.max(np.abs(np.array(iso["x_thresholds"]) - model.X_thresholds_)) <= TOLERANCE
      and np.max(np.abs(np.array(iso["y_thresholds"]) - model.y_thresholds_)) <= TOLERANCE,
      "isotonic_fit thresholds equal scikit-learn's IsotonicRegression", f"{len(iso['x_thresholds'])} vs {len(model.X_thresholds_)}")
ref = model.predict(np.clip(grid, 0, 1))
check(np.max(np.abs(applied - ref)) <= TOLERANCE, "isotonic_apply equals scikit-learn's predict on a grid and on the data",
      f"max difference {np.max(np.abs(applied - ref))!r}")

check("Parallel" in plan or "Gather" in plan, "the parallel check ran a parallel plan", plan.replace("\n", " | "))
check(abs(parallel[0] - brier_score_loss(b, p)) <= TOLERANCE and abs(parallel[1] - log_loss(b, p)) <= TOLERANCE
      and abs(parallel[2] - ece) <= TOLERANCE,
      "in a parallel plan (partial states combined) the scores equal scikit-learn's", f"{parallel!r} vs {[brier_score_loss(b, p), log_loss(b, p), ece]!r}")

print(f"1..{len(checks)}")
for i, (ok, name, detail) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        print(f"# {detail}")
