import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignCategories, benjaminiHochberg, chi2Contingency, energyDistance, histogramCounts, jsDistance, jsDivergence, klDivergence, ks2Samp, populationStabilityIndex, quantileEdges, smoothCounts, sturgesEdges, wassersteinDistance } from './index.js';
import { categoricalDrift } from './drift-report.js';

const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((c) => c.some((v) => v > 0));
const countPair = fc.integer({ min: 1, max: 12 }).chain((k) =>
  fc.tuple(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: k, maxLength: k }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: k, maxLength: k })).filter(([a, b]) => a.some((v) => v > 0) && b.some((v) => v > 0)),
);
const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 });

describe('divergences (properties)', () => {
  it('D(p, p) = 0 for KL, JS and PSI', () => {
    fc.assert(
      fc.property(counts, (p) => {
        expect(klDivergence(p, p)).toBeCloseTo(0, 14);
        expect(jsDivergence(p, p)).toBeCloseTo(0, 14);
        expect(populationStabilityIndex(p, p)).toBe(0);
      }),
    );
  });

  it('JS is symmetric and bounded by ln 2 (1 bit); PSI is symmetric and >= 0; KL >= 0', () => {
    fc.assert(
      fc.property(countPair, ([p, q]) => {
        expect(jsDivergence(p, q)).toBeCloseTo(jsDivergence(q, p), 14);
        expect(jsDivergence(p, q)).toBeLessThanOrEqual(Math.LN2 + 1e-15);
        expect(jsDistance(p, q, { base: 2 })).toBeLessThanOrEqual(1 + 1e-15);
        const psi = populationStabilityIndex(p, q);
        const back = populationStabilityIndex(q, p);
        if (Number.isFinite(psi)) expect(Math.abs(psi - back)).toBeLessThanOrEqual(1e-12 * Math.max(1, psi));
        else expect(back).toBe(Infinity);
        expect(psi).toBeGreaterThanOrEqual(0);
        expect(klDivergence(p, q)).toBeGreaterThanOrEqual(-1e-15);
      }),
    );
  });

  it('PSI equals KL(p||q) + KL(q||p) when finite', () => {
    const p = [10, 20, 30, 40];
    const q = [40, 30, 20, 10];
    expect(populationStabilityIndex(p, q)).toBeCloseTo(klDivergence(p, q) + klDivergence(q, p), 14);
    expect(populationStabilityIndex(p, q)).toBeCloseTo(0.9128696382935673, 14);
  });

  it('smoothing removes infinities and says how', () => {
    expect(klDivergence([1, 0], [0, 1])).toBe(Infinity);
    const p = smoothCounts([1, 0], { kind: 'additive', pseudocount: 0.5 });
    expect(p).toEqual([0.75, 0.25]);
    const e = smoothCounts([1, 0], { kind: 'epsilon', epsilon: 1e-4 });
    expect(e[1]).toBeCloseTo(1e-4 / (1 + 1e-4), 15);
    expect(() => klDivergence([1], [1, 2])).toThrow('differ in length');
    expect(() => klDivergence([-1, 2], [1, 2])).toThrow('finite and >= 0');
  });
});

describe('KS and cdf distances (properties)', () => {
  it('statistic and p-value lie in [0, 1]; two-sided is symmetric in the samples', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const r = ks2Samp(a, b);
        const s = ks2Samp(b, a);
        expect(r.statistic).toBeGreaterThanOrEqual(0);
        expect(r.statistic).toBeLessThanOrEqual(1);
        expect(r.pvalue).toBeGreaterThanOrEqual(0);
        expect(r.pvalue).toBeLessThanOrEqual(1);
        expect(s.statistic).toBeCloseTo(r.statistic, 14);
        expect(s.pvalue).toBeCloseTo(r.pvalue, 12);
        // 'less' for (a, b) is 'greater' for (b, a)
        expect(ks2Samp(a, b, { alternative: 'less' }).pvalue).toBeCloseTo(ks2Samp(b, a, { alternative: 'greater' }).pvalue, 12);
      }),
    );
  });

  it('order of the records does not matter', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ra = [...a].reverse();
        expect(ks2Samp(ra, b).pvalue).toBe(ks2Samp(a, b).pvalue);
        expect(wassersteinDistance(ra, b)).toBeCloseTo(wassersteinDistance(a, b), 9);
      }),
    );
  });

  it('identical samples: D = 0, p = 1, distances 0; a shift by c moves W1 by |c|', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: -50, max: 50, noNaN: true }), (a, c) => {
        expect(ks2Samp(a, a)).toMatchObject({ statistic: 0, pvalue: 1 });
        expect(wassersteinDistance(a, a)).toBe(0);
        expect(energyDistance(a, a)).toBe(0);
        const shifted = a.map((x) => x + c);
        expect(Math.abs(wassersteinDistance(a, shifted) - Math.abs(c))).toBeLessThan(1e-9 * (1 + Math.abs(c)) * 1e3);
      }),
    );
  });

  it('rejects empty samples and NaN with messages that name the problem', () => {
    expect(() => ks2Samp([], [1])).toThrow('must not be empty');
    expect(() => ks2Samp([NaN], [1])).toThrow('contains NaN');
    expect(() => wassersteinDistance([1], [2], [0], [1])).toThrow('positive sum');
  });
});

describe('binning, categories, corrections', () => {
  it('quantile bins hold about n/k reference values each', () => {
    const ref = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    const edges = quantileEdges(ref, 10);
    expect(edges.length).toBe(11);
    for (const c of histogramCounts(ref, edges)) expect(Math.abs(c - 100)).toBeLessThanOrEqual(1);
  });

  it('Sturges worked example and open outer bins', () => {
    expect(sturgesEdges([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([1, 2.75, 4.5, 6.25, 8]);
    expect(histogramCounts([-100, 1, 8, 100], [1, 2.75, 4.5, 6.25, 8])).toEqual([2, 0, 0, 2]);
  });

  it('aligns categories, counting unseen ones as zero', () => {
    expect(alignCategories({ a: 3, b: 1 }, { b: 2, c: 5 })).toEqual({ categories: ['a', 'b', 'c'], reference: [3, 1, 0], current: [0, 2, 5] });
    const r = categoricalDrift({ a: 3, b: 1 }, { b: 2, c: 5 });
    expect(r.unseen_in_reference).toEqual(['c']);
    expect(r.smoothing?.pseudocount).toBe(0.5);
    expect(Number.isFinite(r.psi)).toBe(true);
  });

  it('BH adjusted p-values are monotone in the raw p-values and >= raw (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (ps) => {
        const adj = benjaminiHochberg(ps);
        ps.forEach((p, i) => expect(adj[i] as number).toBeGreaterThanOrEqual(p - 1e-15));
        const order = ps.map((_, i) => i).sort((x, y) => (ps[x] as number) - (ps[y] as number));
        for (let k = 1; k < order.length; k++) expect(adj[order[k] as number] as number).toBeGreaterThanOrEqual(adj[order[k - 1] as number] as number);
      }),
    );
  });

  it('chi-squared: Yates only at dof 1, zero expected count is an error', () => {
    expect(chi2Contingency([[90, 10], [80, 20]]).statistic).toBeCloseTo(3.1764705882352944, 13);
    expect(chi2Contingency([[90, 10], [80, 20]], { correction: false }).statistic).toBeCloseTo(3.9215686274509807, 13);
    expect(() => chi2Contingency([[1, 0], [2, 0]])).toThrow('expected frequency is zero at [0][1]');
  });
});
