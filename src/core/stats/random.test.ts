import { describe, expect, it } from 'vitest';
import { createRng, mulberry32, sampleBinomial, sampleNormal, samplePoisson, xoshiro128ss } from './random.js';
import { chi2Sf } from './special/chi2.js';
import { logGamma } from './special/gamma.js';

/** Pearson goodness-of-fit p-value of observed counts against a pmf (tail pooled). */
function gofPValue(observed: Map<number, number>, pmf: (k: number) => number, n: number): number {
  let stat = 0;
  let cells = 0;
  let restObserved = n;
  let restExpected = n;
  for (const k of [...observed.keys()].sort((a, b) => a - b)) {
    const expected = n * pmf(k);
    if (expected < 5) continue;
    const o = observed.get(k) ?? 0;
    stat += (o - expected) ** 2 / expected;
    restObserved -= o;
    restExpected -= expected;
    cells++;
  }
  if (restExpected > 5) {
    stat += (restObserved - restExpected) ** 2 / restExpected;
    cells++;
  }
  return chi2Sf(stat, cells - 1);
}

describe('seeded generators', () => {
  it('are deterministic per seed and differ across seeds', () => {
    const a = xoshiro128ss(1);
    const b = xoshiro128ss(1);
    const c = xoshiro128ss(2);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    const m = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const u = m();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('uniforms have mean 1/2 and variance 1/12', () => {
    const r = createRng(3);
    let s = 0;
    let s2 = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const u = r();
      s += u;
      s2 += u * u;
    }
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.001);
  });
});

describe('samplers', () => {
  it('normal: mean, variance and tail frequency', () => {
    const r = createRng(11);
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    const n = 100000;
    for (let i = 0; i < n; i++) {
      const x = sampleNormal(r, 5, 2);
      s += x;
      s2 += x * x;
      if (Math.abs(x - 5) > 4) beyond2++;
    }
    expect(Math.abs(s / n - 5)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 4)).toBeLessThan(0.08);
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.004);
  });

  for (const [n, p] of [
    [20, 0.3],
    [1000, 0.05],
    [100000, 0.5],
  ] as const) {
    it(`binomial(${n}, ${p}) fits its pmf (chi-squared goodness of fit)`, () => {
      const r = createRng(n);
      const draws = 20000;
      const observed = new Map<number, number>();
      for (let i = 0; i < draws; i++) {
        const k = sampleBinomial(r, n, p);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(n);
        observed.set(k, (observed.get(k) ?? 0) + 1);
      }
      const pmf = (k: number) => Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
      expect(gofPValue(observed, pmf, draws)).toBeGreaterThan(0.001);
    });
  }

  it('Poisson(3.5) fits its pmf; edge cases', () => {
    const r = createRng(5);
    const observed = new Map<number, number>();
    for (let i = 0; i < 20000; i++) {
      const k = samplePoisson(r, 3.5);
      observed.set(k, (observed.get(k) ?? 0) + 1);
    }
    expect(gofPValue(observed, (k) => Math.exp(k * Math.log(3.5) - 3.5 - logGamma(k + 1)), 20000)).toBeGreaterThan(0.001);
    expect(sampleBinomial(r, 10, 0)).toBe(0);
    expect(sampleBinomial(r, 10, 1)).toBe(10);
    expect(() => sampleBinomial(r, 2.5, 0.1)).toThrow('Invalid binomial n: 2.5');
    expect(() => sampleBinomial(r, 10, 1.5)).toThrow('Invalid binomial p: 1.5');
  });
});
