"""Reference values for src/core/classify/metrics.ts (AUROC, average precision).

scikit-learn is not installed on these machines, so this re-implements
sklearn.metrics.roc_auc_score (trapezoidal ROC area over distinct thresholds) and
sklearn.metrics.average_precision_score (-sum(diff(recall) * precision[:-1]) over the
precision-recall curve) directly in numpy, following sklearn 1.5's _binary_clf_curve, and
cross-checks AUROC against scipy's Mann-Whitney U. Run:

    python3 scripts/models/metrics-reference.py > src/core/classify/metrics.reference.json
"""
import json

import numpy as np
from scipy.stats import mannwhitneyu


def binary_clf_curve(y, s):
    order = np.argsort(s, kind="mergesort")[::-1]
    s, y = s[order], y[order]
    distinct = np.where(np.diff(s))[0]
    idx = np.r_[distinct, y.size - 1]
    tps = np.cumsum(y)[idx]
    fps = 1 + idx - tps
    return fps, tps


def roc_auc(y, s):
    fps, tps = binary_clf_curve(y, s)
    tpr = np.r_[0, tps] / tps[-1]
    fpr = np.r_[0, fps] / fps[-1]
    return float(np.trapezoid(tpr, fpr))


def average_precision(y, s):
    fps, tps = binary_clf_curve(y, s)
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    # sklearn reverses so recall is decreasing, appends (P=1, R=0), then AP = -sum(diff(R) * P[:-1])
    precision = np.r_[precision[::-1], 1]
    recall = np.r_[recall[::-1], 0]
    return float(-np.sum(np.diff(recall) * precision[:-1]))


def main():
    rng = np.random.default_rng(20261123)
    cases = []
    for n, decimals, shift in [(8, 1, 0.5), (40, 2, 0.8), (200, 1, 0.3), (500, 3, 1.2), (1000, 0, 0.6)]:
        y = (rng.random(n) < 0.35).astype(int)
        y[0], y[1] = 1, 0  # both classes present
        s = np.round(rng.normal(size=n) + shift * y, decimals)
        u = mannwhitneyu(s[y == 1], s[y == 0]).statistic / (y.sum() * (n - y.sum()))
        auc = roc_auc(y, s)
        assert abs(u - auc) < 1e-12, (u, auc)
        cases.append({"scores": s.tolist(), "labels": y.tolist(), "auroc": auc, "auprc": average_precision(y, s)})
    print(json.dumps({"generator": "scripts/models/metrics-reference.py", "numpy": np.__version__, "cases": cases}))


if __name__ == "__main__":
    main()
