import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, sampleNormal } from '../random.js';
import { Adwin } from './adwin.js';
import { bernoulliCusumParams, createBernoulliCusum, updateBernoulliCusum, type BernoulliCusumState } from './bernoulli-cusum.js';
import { createPageHinkley, updatePageHinkley, type PageHinkleyState } from './page-hinkley.js';
import { calibrateBySimulation, simulateRunLengths, stepper } from './simulate.js';

describe('Bernoulli CUSUM', () => {
  it('worked example: p0 = 0.95, p1 = 0.85 rounds the log-likelihood ratios to -20 and +198 units', () => {
    const p = bernoulliCusumParams({ p0: 0.95, p1: 0.85, h: 3 });
    expect([p.scoreOne, p.scoreZero, p.hUnits]).toEqual([-20, 198, 539]);
    expect(p.scale).toBeCloseTo(20 / Math.log(0.95 / 0.85), 10);
    let s = createBernoulliCusum({ p0: 0.95, p1: 0.85, h: 3 });
    const alarms: boolean[] = [];
    for (const x of [0, 0, 0]) {
      const u = updateBernoulliCusum(s, x);
      s = u.state;
      alarms.push(u.signal.alarm);
    }
    expect(alarms).toEqual([false, false, true]);
    expect(s.sum).toBe(0);
  });

  it('the sum is max(0, sum + score), stays in [0, h) between signals, and resumes from JSON', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 400 }), fc.nat(), (xs, cut) => {
      const fresh = createBernoulliCusum({ p0: 0.9, p1: 0.7, h: 2 });
      const run = (start: BernoulliCusumState, part: boolean[]) => {
        let s = start;
        const alarms: boolean[] = [];
        for (const x of part) {
          const u = updateBernoulliCusum(s, x);
          const expected = Math.max(0, s.sum + (x ? s.params.scoreOne : s.params.scoreZero));
          expect(u.signal.alarm).toBe(expected >= s.params.hUnits);
          expect(u.state.sum).toBe(u.signal.alarm ? 0 : expected);
          s = u.state;
          alarms.push(u.signal.alarm);
        }
        return { s, alarms };
      };
      const at = cut % (xs.length + 1);
      const whole = run(fresh, xs);
      const a = run(fresh, xs.slice(0, at));
      const b = run(JSON.parse(JSON.stringify(a.s)) as BernoulliCusumState, xs.slice(at));
      expect([...a.alarms, ...b.alarms]).toEqual(whole.alarms);
      expect(b.s).toEqual(whole.s);
    }), { numRuns: 100 });
  });

  it('detects an increase as well as a decrease, and rejects non-binary input', () => {
    const up = updateBernoulliCusum(createBernoulliCusum({ p0: 0.01, p1: 0.05, h: 0.5 }), 1);
    expect(up.signal).toMatchObject({ alarm: true, direction: 'up' });
    expect(() => updateBernoulliCusum(createBernoulliCusum({ p0: 0.5, p1: 0.6, h: 1 }), 0.5)).toThrow(/0, 1 or a boolean/);
    expect(() => createBernoulliCusum({ p0: 0, p1: 0.5, h: 1 })).toThrow(/p0/);
  });
});

describe('Page-Hinkley', () => {
  it('worked example: delta 0, alpha 1, lambda 2 signals at x = 3 after three zeros', () => {
    let s = createPageHinkley({ delta: 0, alpha: 1, threshold: 2, minInstances: 1 });
    const stats: number[] = [];
    let last = { alarm: false } as { alarm: boolean; direction?: string };
    for (const x of [0, 0, 0, 3]) {
      const u = updatePageHinkley(s, x);
      s = u.state;
      stats.push(u.signal.statistic);
      last = u.signal;
    }
    expect(stats[3]).toBeCloseTo(2.25, 12);
    expect(last).toMatchObject({ alarm: true, direction: 'up' });
    expect(s.n).toBe(0);
  });

  it('detects a mean shift of a noisy stream in both directions, not before it', () => {
    for (const [shift, direction] of [[1, 'up'], [-1, 'down']] as const) {
      const rng = createRng(shift > 0 ? 5 : 6);
      let s = createPageHinkley({ delta: 0.1, threshold: 20 });
      let first = -1;
      for (let t = 0; t < 3000 && first < 0; t++) {
        const u = updatePageHinkley(s, sampleNormal(rng) * 0.5 + (t >= 1000 ? shift : 0));
        s = u.state;
        if (u.signal.alarm) {
          first = t;
          expect(u.signal.direction).toBe(direction);
        }
      }
      expect(first).toBeGreaterThanOrEqual(1000);
      expect(first).toBeLessThan(1100);
    }
  });

  it('calibrates its threshold to a target ARL0 by seeded simulation, confirmed on fresh streams', () => {
    const start = (threshold: number) => stepper(createPageHinkley({ delta: 0.1, alpha: 1, threshold }), updatePageHinkley);
    const cal = calibrateBySimulation({ targetArl0: 300, lower: 1, upper: 200, runs: 300, seed: 41, sample: (r) => sampleNormal(r), start, iterations: 12 });
    expect(Math.abs(cal.arl0.mean - 300) / 300).toBeLessThan(0.05);
    const check = simulateRunLengths({ runs: 1000, rng: createRng(42), sample: (r) => sampleNormal(r), start: () => start(cal.threshold) });
    expect(Math.abs(check.mean - 300)).toBeLessThan(0.1 * 300 + 3 * check.standardError);
    expect(() => calibrateBySimulation({ targetArl0: 300, lower: 0.5, upper: 1, runs: 50, seed: 1, sample: (r) => sampleNormal(r), start })).toThrow(/still below/);
  });

  it('resumes from JSON exactly', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { maxLength: 300 }), fc.nat(), (xs, cut) => {
      const run = (start: PageHinkleyState, part: number[]) => {
        let s = start;
        const alarms: boolean[] = [];
        for (const x of part) { const u = updatePageHinkley(s, x); s = u.state; alarms.push(u.signal.alarm); }
        return { s, alarms };
      };
      const fresh = createPageHinkley({ threshold: 3, minInstances: 5 });
      const at = cut % (xs.length + 1);
      const whole = run(fresh, xs);
      const a = run(fresh, xs.slice(0, at));
      const b = run(JSON.parse(JSON.stringify(a.s)) as PageHinkleyState, xs.slice(at));
      expect([...a.alarms, ...b.alarms]).toEqual(whole.alarms);
      expect(b.s).toEqual(whole.s);
    }), { numRuns: 100 });
  });
});

describe('ADWIN', () => {
  it('keeps the exact mean and variance of the last `width` observations, and valid buckets', () => {
    // Piecewise-constant levels plus noise, so that cuts (and bucket drops) happen often.
    const segments = fc.array(fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 200 })), { minLength: 1, maxLength: 8 });
    let cutsSeen = 0;
    fc.assert(fc.property(segments, fc.integer({ min: 2, max: 6 }), fc.integer(), (segs, maxBuckets, seed) => {
      const rng = createRng(seed);
      const xs = segs.flatMap(([level, length]) => Array.from({ length }, () => level + rng() - 0.5));
      const adwin = new Adwin({ maxBuckets, clock: 8 });
      for (const x of xs) if (adwin.update(x).alarm) cutsSeen++;
      const window = xs.slice(xs.length - adwin.width);
      const mean = window.reduce((a, b) => a + b, 0) / window.length;
      const variance = window.reduce((a, b) => a + (b - mean) ** 2, 0) / window.length;
      expect(adwin.mean).toBeCloseTo(mean, 8);
      expect(adwin.variance).toBeCloseTo(variance, 6);
      const snap = adwin.toJSON();
      expect(snap.sizes.reduce((a, b) => a + b, 0)).toBe(adwin.width);
      for (let i = 1; i < snap.sizes.length; i++) expect(snap.sizes[i]).toBeLessThanOrEqual(snap.sizes[i - 1] as number);
      const perSize = new Map<number, number>();
      for (const s of snap.sizes) perSize.set(s, (perSize.get(s) ?? 0) + 1);
      for (const count of perSize.values()) expect(count).toBeLessThanOrEqual(maxBuckets);
    }), { numRuns: 100 });
    expect(cutsSeen).toBeGreaterThan(20);
  });

  it('worked example: N(0, 0.1^2) then N(1, 0.1^2) is caught within one clock period and the window shrinks', () => {
    const rng = createRng(7);
    const adwin = new Adwin();
    let first = -1;
    for (let t = 0; t < 1500; t++) {
      const signal = adwin.update(sampleNormal(rng) * 0.1 + (t >= 1000 ? 1 : 0));
      if (signal.alarm && first < 0) {
        first = t;
        expect(signal.direction).toBe('up');
      }
    }
    expect(first).toBeGreaterThanOrEqual(1000);
    expect(first).toBeLessThan(1000 + 32);
    expect(adwin.width).toBeLessThan(600);
    expect(adwin.mean).toBeCloseTo(1, 1);
  });

  it('raises few false alarms on a stationary stream (delta = 0.002)', () => {
    const rng = createRng(8);
    const adwin = new Adwin();
    let alarms = 0;
    for (let t = 0; t < 20000; t++) if (adwin.update(sampleNormal(rng)).alarm) alarms++;
    expect(alarms).toBeLessThanOrEqual(2);
    expect(adwin.width).toBeGreaterThan(5000);
  });

  it('resumes from JSON exactly', () => {
    const rng = createRng(9);
    const xs = Array.from({ length: 3000 }, (_, t) => sampleNormal(rng) + (t > 1500 ? 0.7 : 0));
    const whole = new Adwin({ clock: 16 });
    const wholeAlarms = xs.map((x) => whole.update(x).alarm);
    const first = new Adwin({ clock: 16 });
    const a = xs.slice(0, 1200).map((x) => first.update(x).alarm);
    const resumed = Adwin.fromJSON(JSON.parse(JSON.stringify(first)) as ReturnType<Adwin['toJSON']>);
    const b = xs.slice(1200).map((x) => resumed.update(x).alarm);
    expect([...a, ...b]).toEqual(wholeAlarms);
    expect(resumed.toJSON()).toEqual(whole.toJSON());
    expect(wholeAlarms.some(Boolean)).toBe(true);
  });

  it('rejects bad parameters', () => {
    expect(() => new Adwin({ delta: 0 })).toThrow(/delta/);
    expect(() => new Adwin({ clock: 0 })).toThrow(/clock/);
    expect(() => new Adwin().update(Infinity)).toThrow(/observation/);
  });
});
