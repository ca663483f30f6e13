import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval, wilsonInterval } from './intervals.js';
import { createPChart, pChartLimits, updatePChart } from './p-chart.js';

interface Fixture {
  scipy: string;
  intervals: { successes: number; trials: number; confidence: number; wilson: [number, number]; exact: [number, number]; exactBetaincinv: [number, number] }[];
  pchart: { p0: number; trials: number; alpha: number; lowCount: number; highCount: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../../test/fixtures/stats/sequential-intervals.json', import.meta.url), 'utf8')) as Fixture;

function close(actual: number, expected: number, rel: number): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-300) || Math.abs(actual - expected) < 1e-15;
}

describe('proportion intervals against scipy', () => {
  it(`Wilson matches scipy ${fixture.scipy} binomtest().proportion_ci and Clopper-Pearson matches scipy.special.betaincinv, to 1e-9`, () => {
    expect(fixture.intervals.length).toBeGreaterThan(300);
    const bad: string[] = [];
    for (const c of fixture.intervals) {
      const w = wilsonInterval(c.successes, c.trials, c.confidence);
      const e = clopperPearsonInterval(c.successes, c.trials, c.confidence);
      const pairs: [string, number, number][] = [
        ['wilson.low', w.lower, c.wilson[0]], ['wilson.high', w.upper, c.wilson[1]],
        ['exact.low', e.lower, c.exactBetaincinv[0]], ['exact.high', e.upper, c.exactBetaincinv[1]],
      ];
      for (const [name, got, want] of pairs) {
        if (!close(got, want, 1e-9)) bad.push(`${name} k=${c.successes} n=${c.trials} c=${c.confidence}: ${got} vs ${want}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('Clopper-Pearson matches binomtest(method="exact") within its brentq tolerance (2e-12 absolute)', () => {
    for (const c of fixture.intervals) {
      const e = clopperPearsonInterval(c.successes, c.trials, c.confidence);
      expect(Math.abs(e.lower - c.exact[0])).toBeLessThan(4e-12 + 1e-9 * c.exact[0]);
      expect(Math.abs(e.upper - c.exact[1])).toBeLessThan(4e-12 + 1e-9 * c.exact[1]);
    }
  });

  it('worked examples in the doc comments', () => {
    const w = wilsonInterval(45, 50, 0.95);
    expect(w.lower).toBeCloseTo(0.78640, 5);
    expect(w.upper).toBeCloseTo(0.95652, 5);
    const e = clopperPearsonInterval(45, 50, 0.95);
    expect(e.lower).toBeCloseTo(0.78186, 5);
    expect(e.upper).toBeCloseTo(0.96672, 5);
  });

  it('intervals contain the observed proportion, lie in [0, 1] and widen with confidence', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
      const k = Math.min(n, Math.floor(u * (n + 1)));
      for (const f of [wilsonInterval, clopperPearsonInterval]) {
        const narrow = f(k, n, 0.9);
        const wide = f(k, n, 0.99);
        expect(narrow.lower).toBeLessThanOrEqual(k / n + 1e-12);
        expect(narrow.upper).toBeGreaterThanOrEqual(k / n - 1e-12);
        expect(wide.lower).toBeGreaterThanOrEqual(0);
        expect(wide.upper).toBeLessThanOrEqual(1);
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-15);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-15);
      }
    }), { numRuns: 200 });
  });

  it('rejects counts outside their domain', () => {
    expect(() => wilsonInterval(6, 5)).toThrow(/successes/);
    expect(() => clopperPearsonInterval(1, 0)).toThrow(/trials/);
    expect(() => wilsonInterval(1, 5, 1)).toThrow(/confidence/);
  });
});

describe('p-chart', () => {
  it('exact limits equal the binomial probability limits from scipy', () => {
    for (const c of fixture.pchart) {
      const limits = pChartLimits({ p0: c.p0, alpha: c.alpha, method: 'exact' }, c.trials);
      expect([c.p0, c.trials, c.alpha, limits.lowCount, limits.highCount]).toEqual([c.p0, c.trials, c.alpha, c.lowCount, c.highCount]);
    }
  });

  it('worked example: p0 = 0.95, n = 200', () => {
    const exact = pChartLimits({ p0: 0.95, alpha: 0.0027, method: 'exact' }, 200);
    expect([exact.lowCount, exact.highCount]).toEqual([180, 198]);
    const wilson = pChartLimits({ p0: 0.95, alpha: 0.0027, method: 'wilson' }, 200);
    expect(wilson.lower).toBeCloseTo(0.9038, 4);
    expect(wilson.upper).toBeCloseTo(0.9962, 4);
  });

  it('signals exactly when p0 lies outside the Clopper-Pearson (exact) or Wilson (score) interval of the window', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0.02, max: 0.98, noNaN: true }), fc.constantFrom(0.0027, 0.01, 0.05),
      (n, u, p0, alpha) => {
        const y = Math.min(n, Math.floor(u * (n + 1)));
        const exact = updatePChart(createPChart({ p0, alpha, method: 'exact' }), { successes: y, trials: n });
        const cp = clopperPearsonInterval(y, n, 1 - alpha);
        // Skip the measure-zero ties where p0 sits on an interval end to within rounding.
        if (Math.min(Math.abs(p0 - cp.lower), Math.abs(p0 - cp.upper)) > 1e-9) {
          expect(exact.signal.alarm).toBe(p0 < cp.lower || p0 > cp.upper);
          if (exact.signal.alarm) expect(exact.signal.direction).toBe(p0 < cp.lower ? 'up' : 'down');
        }
        const score = updatePChart(createPChart({ p0, alpha, method: 'wilson' }), { successes: y, trials: n });
        const wi = wilsonInterval(y, n, 1 - alpha);
        if (Math.min(Math.abs(p0 - wi.lower), Math.abs(p0 - wi.upper)) > 1e-9) {
          expect(score.signal.alarm).toBe(p0 < wi.lower || p0 > wi.upper);
        }
      }), { numRuns: 300 });
  });

  it('handles a different window size each time and rejects bad windows', () => {
    let state = createPChart({ p0: 0.95 });
    const small = updatePChart(state, { successes: 8, trials: 10 });
    state = small.state;
    const big = updatePChart(state, { successes: 800, trials: 1000 });
    expect(small.signal.alarm).toBe(false);
    expect(big.signal.alarm).toBe(true);
    expect(big.signal.direction).toBe('down');
    expect(big.state.count).toBe(2);
    expect(() => updatePChart(state, { successes: 11, trials: 10 })).toThrow(/successes/);
    expect(() => createPChart({ p0: 1 })).toThrow(/p0/);
  });
});
