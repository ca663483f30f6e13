#!/usr/bin/env python3
"""Reference values for src/core/stats/{special,compare} beyond drift_golden.json.

Writes test/fixtures/stats/compare_refs.json with scipy/numpy results for: special functions
(erf, erfc, ndtr, ndtri, gammaln, gammainc/gammaincc, betainc, chi2.sf on 1..2000 dof),
kstwo.sf and smirnov on a grid of (n, x), ks_2samp on many sizes (ties, equal sizes,
one-sided, exact/asymp, large samples), weighted Wasserstein and energy distances, numpy bin
edges (Sturges, Doane, quantile) with PSI/KL/JS/chi-squared on the binned counts,
chi2_contingency on r x c tables, and Benjamini-Hochberg/Yekutieli adjustments.

Large samples are not stored: both sides build them from x_i = (i * c) % 1 with IEEE double
multiply and modulo, which give the same bits in Python and JavaScript.

Run: python3 scripts/gen_stats_refs_compare.py   (numpy 2.4, scipy 1.17 on this machine)
"""
import json
import os

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'stats', 'compare_refs.json')
rng = np.random.default_rng(20261123)


def lattice(n, c, scale=1.0, shift=0.0, quantum=None):
    """x_i = ((i * c) % 1) * scale + shift for i = 1..n; optionally rounded to a grid (ties)."""
    out = []
    for i in range(1, n + 1):
        v = ((i * c) % 1.0) * scale + shift
        if quantum is not None:
            v = float(np.floor(v / quantum))
        out.append(v)
    return out


def f(x):
    """A float for JSON; NaN (scipy's answer in a few degenerate cases) becomes null."""
    x = float(x)
    return None if np.isnan(x) else x


refs = {'scipy': scipy.__version__, 'numpy': np.__version__}

# --- special functions -------------------------------------------------------------------
xs = [-38.0, -20.0, -8.5, -5.0, -3.0, -1.96, -1.0, -0.5, -1e-3, 0.0, 1e-9, 0.3, 0.84, 1.0, 1.25, 2.0, 2.9, 5.0, 8.0, 10.0, 26.0]
ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.2, 0.5, 0.6, 0.9, 0.975, 0.99, 0.999999, 1 - 1e-12]
gamma_args = [(0.5, 0.1), (0.5, 3.0), (1.0, 1.0), (2.0, 3.0), (5.0, 20.0), (10.0, 5.0), (10.0, 15.0), (50.0, 45.0), (100.0, 120.0), (500.0, 480.0), (1000.0, 1100.0), (0.1, 10.0), (3.5, 0.01)]
beta_args = [(0.4, 2.0, 3.0), (0.5, 4.0, 7.0), (0.01, 0.5, 0.5), (0.99, 2.0, 30.0), (0.3, 50.0, 100.0), (0.7, 200.0, 80.0), (0.001, 1.0, 1.0)]
chi2_args = []
for dof in [1, 2, 3, 5, 10, 30, 100, 300, 1000, 2000]:
    for mult in [0.05, 0.5, 1.0, 1.5, 3.0]:
        chi2_args.append((f(dof * mult), dof))
chi2_args += [(3.841458820694124, 1), (40.0, 3), (200.0, 4), (1e-8, 2)]
refs['special'] = {
    'erf': [[x, f(special.erf(x))] for x in xs],
    'erfc': [[x, f(special.erfc(x))] for x in xs],
    'ndtr': [[x, f(special.ndtr(x))] for x in xs],
    'ndtri': [[p, f(special.ndtri(p))] for p in ps],
    'gammaln': [[x, f(special.gammaln(x))] for x in [1e-5, 0.1, 0.5, 0.9, 1.5, 2.5, 3.0, 7.3, 10.0, 25.5, 171.0, 1e4, 1e6, -0.5, -2.5]],
    'gammainc': [[a, x, f(special.gammainc(a, x)), f(special.gammaincc(a, x))] for a, x in gamma_args],
    'betainc': [[x, a, b, f(special.betainc(a, b, x))] for x, a, b in beta_args],
    'chi2_sf': [[x, k, f(stats.chi2.sf(x, k))] for x, k in chi2_args],
}

# --- one-sample KS distributions ---------------------------------------------------------
grid = []
for n in [1, 2, 3, 5, 10, 22, 50, 100, 140, 141, 200, 500, 1000, 5739, 20000, 100000]:
    cand = list(rng.uniform(0, 1, 4)) + [0.5 / n + 1e-3, 1.5 / n, 0.8 / np.sqrt(n), 1.2 / np.sqrt(n), 1.6 / np.sqrt(n), 2.5 / np.sqrt(n), 5 / np.sqrt(n), 0.7]
    for x in cand:
        if 0 < x < 1:
            grid.append([n, f(x), f(stats.kstwo.sf(x, n)), f(special.smirnov(n, x))])
refs['kstwo_smirnov'] = grid

# --- two-sample KS -----------------------------------------------------------------------
ks_cases = []


def add_ks(name, a, b, store=True, recipe=None):
    entry = {'name': name}
    if store:
        entry['a'] = [f(v) for v in a]
        entry['b'] = [f(v) for v in b]
    else:
        entry['recipe'] = recipe
    for alt in ['two-sided', 'less', 'greater']:
        for method in ['auto', 'exact', 'asymp']:
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                r = stats.ks_2samp(a, b, alternative=alt, method=method)
            entry[f'{alt}/{method}'] = [f(r.statistic), f(r.pvalue)]
    ks_cases.append(entry)


for n1, n2 in [(1, 1), (1, 5), (3, 3), (5, 8), (10, 10), (12, 30), (25, 25), (37, 61), (100, 100), (150, 120), (400, 250)]:
    add_ks(f'normal {n1}x{n2}', rng.normal(0, 1, n1), rng.normal(0.3, 1.2, n2))
for n1, n2 in [(20, 30), (60, 60), (200, 150)]:
    add_ks(f'ties {n1}x{n2}', rng.integers(0, 6, n1).astype(float), rng.integers(1, 7, n2).astype(float))
add_ks('identical', [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
big = [
    ('lattice 2000x1500', (2000, 0.6180339887498949, 1.0, 0.0), (1500, 0.41421356237309515, 1.05, 0.0)),
    ('lattice 10000x10000', (10000, 0.6180339887498949, 1.0, 0.0), (10000, 0.7320508075688772, 1.0, 0.01)),
    ('lattice 15000x12000', (15000, 0.6180339887498949, 1.0, 0.0), (12000, 0.41421356237309515, 1.02, -0.01)),
    ('lattice ties 3000x4000', (3000, 0.6180339887498949, 10.0, 0.0, 1.0), (4000, 0.7320508075688772, 10.0, 0.3, 1.0)),
]
for name, ra, rb in big:
    a = lattice(*ra)
    b = lattice(*rb)
    add_ks(name, a, b, store=False, recipe={'a': list(ra), 'b': list(rb)})
refs['ks_2samp'] = ks_cases

# --- weighted Wasserstein / energy -------------------------------------------------------
wcases = []
for k in range(6):
    n1, n2 = int(rng.integers(1, 40)), int(rng.integers(1, 40))
    u = rng.normal(0, 1, n1).round(2)
    v = rng.normal(0.5, 2, n2).round(2)
    uw = rng.uniform(0, 3, n1)
    vw = rng.uniform(0, 3, n2)
    if k == 0:
        uw = None
    wcases.append({
        'u': [f(x) for x in u], 'v': [f(x) for x in v],
        'uw': None if uw is None else [f(x) for x in uw], 'vw': [f(x) for x in vw],
        'wasserstein': f(stats.wasserstein_distance(u, v, uw, vw)),
        'energy': f(stats.energy_distance(u, v, uw, vw)),
    })
refs['weighted_distances'] = wcases

# --- binning and histogram statistics ----------------------------------------------------
def open_counts(x, edges):
    idx = np.searchsorted(edges[1:-1], x, side='right')
    return np.bincount(idx, minlength=len(edges) - 1)


def hist_stats(rc, cc):
    keep = (rc > 0) | (cc > 0)
    rc, cc = rc[keep].astype(float), cc[keep].astype(float)
    p, q = rc / rc.sum(), cc / cc.sum()
    out = {
        'js_distance': f(jensenshannon(rc, cc)),
        'kl': f(stats.entropy(rc, cc)) if np.all(cc > 0) else None,
        'psi': f(np.sum((p - q) * np.log(p / q))) if np.all(p > 0) and np.all(q > 0) else None,
    }
    chi = stats.contingency.chi2_contingency(np.vstack([rc, cc]))
    out['chi2'] = [f(chi.statistic), f(chi.pvalue), int(chi.dof)]
    return out


def quantile_edges(ref, bins):
    return np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)))


bcases = []
samples = [
    ('normal 200 vs shifted 150', rng.normal(0, 1, 200), rng.normal(0.4, 1.3, 150)),
    ('lognormal 500 vs 400', rng.lognormal(0, 0.8, 500), rng.lognormal(0.1, 0.9, 400)),
    ('skewed toxicity 300 vs 300', rng.beta(0.6, 6, 300), rng.beta(0.8, 5, 300)),
    ('integers with ties 120 vs 90', rng.integers(0, 8, 120).astype(float), rng.integers(0, 10, 90).astype(float)),
    ('tiny 3 vs 4', np.array([0.5, 0.5, 0.7]), np.array([0.1, 0.6, 0.9, 1.2])),
]
for name, ref, cur in samples:
    entry = {'name': name, 'reference': [f(x) for x in ref], 'current': [f(x) for x in cur]}
    for rule in ['sturges', 'doane', 'quantile10', 'quantile5']:
        if rule.startswith('quantile'):
            edges = quantile_edges(ref, int(rule[8:]))
        else:
            edges = np.histogram_bin_edges(ref, bins=rule)
        rc, cc = open_counts(ref, edges), open_counts(cur, edges)
        assert np.array_equal(rc, np.histogram(ref, edges)[0])
        entry[rule] = {'edges': [f(e) for e in edges], 'reference_counts': rc.tolist(), 'current_counts': cc.tolist(), **hist_stats(rc, cc)}
    bcases.append(entry)
refs['binning'] = bcases

# --- chi-squared contingency -------------------------------------------------------------
tables = [
    [[10, 20, 30], [15, 25, 5]],
    [[3, 1], [1, 3]],
    [[12, 12], [12, 12.3]],
    [[5, 0, 7, 1], [2, 9, 4, 4], [8, 3, 3, 6]],
    [[1000, 2000], [1100, 1900]],
    [[1, 2]],
]
refs['chi2_contingency'] = []
for t in tables:
    for corr in [True, False]:
        r = stats.chi2_contingency(np.array(t, dtype=float), correction=corr)
        refs['chi2_contingency'].append({'table': t, 'correction': corr, 'statistic': f(r.statistic), 'pvalue': f(r.pvalue), 'dof': int(r.dof), 'expected': np.asarray(r.expected_freq).tolist()})

# --- KL / JS with bases ------------------------------------------------------------------
dcases = []
for k in range(5):
    m = int(rng.integers(2, 12))
    p = rng.uniform(0, 5, m)
    q = rng.uniform(0.1, 5, m)
    if k == 0:
        p[0] = 0.0
    dcases.append({'p': [f(x) for x in p], 'q': [f(x) for x in q], 'kl_e': f(stats.entropy(p, q)), 'kl_2': f(stats.entropy(p, q, base=2)),
                   'js_e': f(jensenshannon(p, q)), 'js_2': f(jensenshannon(p, q, base=2))})
refs['divergences'] = dcases

# --- Cramer-von Mises two-sample and Bessel K ----------------------------------------------
cvm = []
for nx, ny in [(2, 2), (3, 4), (5, 5), (8, 12), (20, 20), (15, 7), (21, 19), (60, 45), (300, 200)]:
    x = rng.normal(0, 1, nx)
    y = rng.normal(0.4, 1.1, ny)
    if nx == 15:
        x, y = np.round(x), np.round(y)
    entry = {'x': [f(v) for v in x], 'y': [f(v) for v in y]}
    for method in ['auto', 'exact', 'asymptotic']:
        if method == 'exact' and max(nx, ny) > 20:
            continue
        r = stats.cramervonmises_2samp(x, y, method=method)
        entry[method] = [f(r.statistic), f(r.pvalue)]
    cvm.append(entry)
refs['cramervonmises_2samp'] = cvm
refs['special']['kv'] = [[nu, x, f(special.kv(nu, x))] for nu in [0.25, 0.5, 1.3] for x in [1e-3, 0.006, 0.1, 0.5, 1, 2, 5, 20, 100, 600]]

# --- multiple testing --------------------------------------------------------------------
mt = []
for pv in [[0.01, 0.04, 0.03, 0.5], list(rng.uniform(0, 0.2, 12)), [0.001, 0.001, 0.9, 0.049, 0.051], [1.0]]:
    pv = np.array(pv, dtype=float)
    mt.append({'p': [f(x) for x in pv], 'bh': [f(x) for x in stats.false_discovery_control(pv, method='bh')],
               'by': [f(x) for x in stats.false_discovery_control(pv, method='by')], 'bonferroni': [f(min(1.0, x * len(pv))) for x in pv]})
refs['multiple_testing'] = mt

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as fh:
    json.dump(refs, fh, separators=(',', ':'), allow_nan=False)
print(f'wrote {OUT}')
