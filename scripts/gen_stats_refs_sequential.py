#!/usr/bin/env python3
"""Reference values for src/core/stats/sequential (proportion intervals and p-chart limits).

Writes test/fixtures/stats/sequential-intervals.json with
  - Wilson and Clopper-Pearson ("exact") intervals from scipy.stats.binomtest(k, n).proportion_ci,
    and the Clopper-Pearson limits again from scipy.special.betaincinv (full precision),
  - binomial probability limits of a p-chart (in-control count range) from scipy.stats.binom,
so the TypeScript code is checked against scipy rather than against itself.

Run: python3 scripts/gen_stats_refs_sequential.py
"""
import json
import os

import numpy as np
import scipy
from scipy.special import betaincinv
from scipy.stats import binom, binomtest

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'stats', 'sequential-intervals.json')


def interval_cases():
    rng = np.random.default_rng(20261123)
    cases = []
    for n in [1, 2, 5, 10, 20, 50, 100, 200, 1000, 10000, 100000]:
        ks = {0, 1, n // 3, n // 2, n - 1, n, int(round(0.95 * n)), int(round(0.05 * n))}
        ks |= set(int(v) for v in rng.integers(0, n + 1, size=3))
        for k in sorted(x for x in ks if 0 <= x <= n):
            for conf in [0.9, 0.95, 0.99, 0.9973]:
                res = binomtest(k, n)
                w = res.proportion_ci(confidence_level=conf, method='wilson')
                e = res.proportion_ci(confidence_level=conf, method='exact')
                # binomtest finds the exact limits with brentq at its default xtol = 2e-12 (absolute),
                # so tiny limits carry a relative error up to ~1e-4; betaincinv (Boost) gives the same
                # Clopper-Pearson limits to full precision and is stored beside it.
                tail = (1 - conf) / 2
                lo = 0.0 if k == 0 else float(betaincinv(k, n - k + 1, tail))
                hi = 1.0 if k == n else float(betaincinv(k + 1, n - k, 1 - tail))
                cases.append({
                    'successes': k, 'trials': n, 'confidence': conf,
                    'wilson': [float(w.low), float(w.high)],
                    'exact': [float(e.low), float(e.high)],
                    'exactBetaincinv': [lo, hi],
                })
    return cases


def pchart_cases():
    cases = []
    for p0 in [0.5, 0.8, 0.9, 0.95, 0.99]:
        for n in [10, 20, 50, 200, 1000, 5000]:
            for alpha in [0.0027, 0.01, 0.05]:
                tail = alpha / 2
                ys = np.arange(n + 1)
                cdf = binom.cdf(ys, n, p0)           # P(Y <= y)
                sf_incl = binom.sf(ys - 1, n, p0)    # P(Y >= y)
                low = int(ys[cdf >= tail].min())
                high = int(ys[sf_incl >= tail].max())
                cases.append({'p0': p0, 'trials': n, 'alpha': alpha, 'lowCount': low, 'highCount': high})
    return cases


def main():
    data = {
        'generator': 'scripts/gen_stats_refs_sequential.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'intervals': interval_cases(),
        'pchart': pchart_cases(),
    }
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1)
        f.write('\n')
    print(f"wrote {OUT}: {len(data['intervals'])} intervals, {len(data['pchart'])} p-chart limits")


if __name__ == '__main__':
    main()
