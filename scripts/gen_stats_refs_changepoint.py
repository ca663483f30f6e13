#!/usr/bin/env python3
"""Reference values for src/core/stats/changepoint and src/core/stats/anomaly, written directly in
numpy (ruptures and scikit-learn are not installed), stored as JSON fixtures.

    python3 scripts/gen_stats_refs_changepoint.py

Writes test/fixtures/stats/changepoint_costs.json and test/fixtures/stats/anomaly_refs.json.
"""
import json
import math
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'stats')


def cost_l2(x):
    return float(np.sum((x - x.mean()) ** 2))


def cost_l1(x):
    return float(np.sum(np.abs(x - np.median(x))))


def cost_normal(x, floor):
    m = len(x)
    v = float(np.mean((x - x.mean()) ** 2))
    if v >= floor:
        return m * (math.log(2 * math.pi) + math.log(v) + 1)
    return m * (math.log(2 * math.pi) + math.log(floor)) + m * v / floor


def cost_linear(x, floor):
    m = len(x)
    if m > 2:
        t = np.arange(m, dtype=float)
        A = np.vstack([np.ones(m), t]).T
        coef, *_ = np.linalg.lstsq(A, x, rcond=None)
        rss = float(np.sum((x - A @ coef) ** 2))
    else:
        rss = 0.0
    v = rss / m
    if v >= floor:
        return m * (math.log(2 * math.pi) + math.log(v) + 1)
    return m * (math.log(2 * math.pi) + math.log(floor)) + rss / floor


def xlogy(a, b):
    return 0.0 if a == 0 else a * math.log(b)


def cost_bernoulli(x):
    s, n = float(np.sum(x)), len(x)
    p = s / n
    return -2 * (xlogy(s, p) + xlogy(n - s, 1 - p))


def cost_poisson(x):
    s, m = float(np.sum(x)), len(x)
    return 2 * (s - xlogy(s, s / m))


def main():
    rng = np.random.default_rng(20261123)
    cases = []
    series = {
        'gaussian': np.concatenate([rng.normal(0, 1, 40), rng.normal(3, 2, 35)]),
        'heavy': rng.standard_t(2, 60) * 5 + 100,
        'bernoulli': (rng.random(70) < np.r_[np.full(30, 0.2), np.full(40, 0.7)]).astype(float),
        'poisson': rng.poisson(np.r_[np.full(25, 1.5), np.full(30, 7.0)]).astype(float),
    }
    # Appended after the original draws so the earlier series (and fixtures) stay as they were.
    series['trend'] = np.r_[0.05 * np.arange(40), 2 - 0.1 * np.arange(35)] + rng.normal(0, 0.3, 75)
    segs = [(0, 75), (0, 1), (3, 4), (0, 2), (5, 17), (10, 41), (33, 60), (20, 55), (0, 30), (1, 54)]
    for name, x in series.items():
        kinds = (['bernoulli'] if name == 'bernoulli' else ['poisson', 'l2', 'l1'] if name == 'poisson'
                 else ['linear', 'l2'] if name == 'trend' else ['l2', 'l1', 'normal', 'linear'])
        for kind in kinds:
            for a, b in segs:
                if b > len(x):
                    continue
                seg = x[a:b]
                value = {'l2': lambda: cost_l2(seg), 'l1': lambda: cost_l1(seg), 'normal': lambda: cost_normal(seg, 1e-8), 'linear': lambda: cost_linear(seg, 1e-8),
                         'bernoulli': lambda: cost_bernoulli(seg), 'poisson': lambda: cost_poisson(seg)}[kind]()
                cases.append({'series': name, 'cost': kind, 'start': a, 'end': b, 'value': value})
    with open(os.path.join(OUT, 'changepoint_costs.json'), 'w') as f:
        json.dump({'generator': 'scripts/gen_stats_refs_changepoint.py', 'numpy': np.__version__,
                   'series': {k: v.tolist() for k, v in series.items()}, 'cases': cases}, f, indent=1)

    # Ledoit-Wolf, as scikit-learn 1.x ledoit_wolf_shrinkage / ledoit_wolf (assume_centered=False).
    lw_cases = []
    for n, p in [(30, 3), (12, 8), (200, 5)]:
        X = rng.normal(size=(n, p)) @ rng.normal(size=(p, p))
        Xc = X - X.mean(axis=0)
        S = Xc.T @ Xc / n
        mu = np.trace(S) / p
        X2 = Xc ** 2
        beta_ = np.sum(X2.T @ X2)
        delta_ = np.sum((Xc.T @ Xc) ** 2) / n ** 2
        beta = (beta_ / n - delta_) / (p * n)
        delta = (delta_ - 2 * mu * np.trace(S) + p * mu ** 2) / p
        a = 0.0 if beta == 0 else min(beta, delta) / delta
        shrunk = (1 - a) * S + a * mu * np.eye(p)
        lw_cases.append({'X': X.tolist(), 'shrinkage': float(a), 'covariance': shrunk.tolist()})
    c = {str(k): (0.0 if k <= 1 else 1.0 if k == 2 else 2 * (math.log(k - 1) + 0.5772156649) - 2 * (k - 1) / k)
         for k in [1, 2, 3, 10, 100, 256, 1000]}
    q = rng.normal(size=37)
    quant = [{'q': qq, 'value': float(np.percentile(q, 100 * qq))} for qq in [0.01, 0.1, 0.25, 0.5, 0.9, 0.99]]
    with open(os.path.join(OUT, 'anomaly_refs.json'), 'w') as f:
        json.dump({'generator': 'scripts/gen_stats_refs_changepoint.py', 'numpy': np.__version__,
                   'ledoitWolf': lw_cases, 'averagePathLength': c, 'quantile': {'values': q.tolist(), 'cases': quant}}, f, indent=1)


if __name__ == '__main__':
    main()
