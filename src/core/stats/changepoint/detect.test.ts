import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, sampleNormal } from '../random.js';
import { detectChangepoints } from './detect.js';
import { f1WithMargin, segmentationCovering } from './metrics.js';
import { clipOutliers, differenceAutocorrelation, differenceNoiseScale, zScore } from './preprocess.js';
import { createBocpd, bocpdSegment } from './bocpd.js';

const noisySteps = (seed: number, levels: number[], len: number, sd = 1) => {
  const rng = createRng(seed);
  return levels.flatMap((l) => Array.from({ length: len }, () => l + sd * sampleNormal(rng)));
};

describe('detectChangepoints (defaults)', () => {
  it('finds the doc-comment example', () => {
    const x = noisySteps(1, [0, 3], 60, 0.5);
    expect(detectChangepoints(x).changepoints).toEqual([60]);
  });

  it('keeps a linear trend in one piece and finds the kink of a slope change', () => {
    const rng = createRng(12);
    const trend = Array.from({ length: 400 }, (_, i) => 0.01 * i + 0.5 * sampleNormal(rng));
    expect(detectChangepoints(trend).changepoints).toEqual([]);
    const kink = Array.from({ length: 300 }, (_, i) => (i < 150 ? 0.03 * i : 4.5 - 0.03 * (i - 150)) + 0.3 * sampleNormal(rng));
    const cps = detectChangepoints(kink).changepoints;
    expect(cps).toHaveLength(1);
    expect(Math.abs(cps[0]! - 150)).toBeLessThanOrEqual(10);
  });

  it('finds nothing in white noise and little in a random walk', () => {
    for (let seed = 1; seed <= 5; seed++) expect(detectChangepoints(noisySteps(seed, [0], 500)).changepoints).toEqual([]);
    const rng = createRng(9);
    let w = 0;
    const walk = Array.from({ length: 400 }, () => (w += 0.3 * sampleNormal(rng)));
    expect(detectChangepoints(walk).changepoints.length).toBeLessThanOrEqual(2);
  });

  it('survives outliers and maps missing values back to original indices', () => {
    const x: Array<number | null> = noisySteps(2, [0, 4, 1], 80);
    x[20] = 40; x[150] = -35; // spikes
    for (let i = 70; i < 78; i++) x[i] = null; // a gap before the first change
    x[81] = NaN;
    const r = detectChangepoints(x);
    expect(r.changepoints).toHaveLength(2);
    expect(Math.abs(r.changepoints[0]! - 80)).toBeLessThanOrEqual(2);
    expect(Math.abs(r.changepoints[1]! - 160)).toBeLessThanOrEqual(2);
    expect(r.diagnostics.missing).toBe(9);
    expect(r.diagnostics.outliersReplaced).toBeGreaterThanOrEqual(2);
    expect(r.segments[0]).toMatchObject({ start: 0, end: r.changepoints[0] });
    expect(r.segments[2]!.end).toBe(240);
    expect(r.segments[1]!.mean!).toBeGreaterThan(3);
  });

  it('detects a variance change (normal cost) and honours a numeric penalty as given', () => {
    const rng = createRng(3);
    const x = Array.from({ length: 300 }, (_, i) => sampleNormal(rng) * (i >= 150 ? 4 : 1));
    const cps = detectChangepoints(x, { cost: 'normal' }).changepoints;
    expect(cps).toHaveLength(1);
    expect(Math.abs(cps[0]! - 150)).toBeLessThanOrEqual(5);
    // The default (linear) cost finds it too, here with one extra split inside the noisy half.
    const byDefault = detectChangepoints(x).changepoints;
    expect(byDefault.some((c) => Math.abs(c - 150) <= 5)).toBe(true);
    expect(byDefault.length).toBeLessThanOrEqual(2);
    const r = detectChangepoints([0, 0, 0, 0, 0, 5, 5, 5, 5, 5], { cost: 'l2', penalty: 1, standardize: false, minSize: 1 });
    expect(r.penalty).toBe(1);
    expect(r.changepoints).toEqual([5]);
  });

  it('segments rates and counts without standardising', () => {
    const bern = [...Array(100).fill(0).map((_, i) => (i % 10 === 0 ? 1 : 0)), ...Array(100).fill(0).map((_, i) => (i % 2 === 0 ? 1 : 0))];
    expect(detectChangepoints(bern, { cost: 'bernoulli' }).changepoints).toEqual([100]);
    expect(detectChangepoints(bern, { method: 'binseg', cost: 'bernoulli' }).changepoints).toEqual([100]);
  });

  it('change points always lie strictly inside the series with segments >= minSize observed points', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.constant(null)), { maxLength: 80 }),
      fc.constantFrom('pelt', 'binseg', 'bocpd' as const), (x, method) => {
        const r = detectChangepoints(x, { method });
        if (x.length === 0) return;
        const bounds = [0, ...r.changepoints, x.length];
        for (let i = 0; i + 1 < bounds.length; i++) {
          expect(bounds[i + 1]!).toBeGreaterThan(bounds[i]!);
          const observed = x.slice(bounds[i]!, bounds[i + 1]!).filter((v) => v !== null).length;
          if (r.changepoints.length > 0) expect(observed).toBeGreaterThanOrEqual(5);
        }
        expect(r.segments).toHaveLength(r.changepoints.length + 1);
      }), { numRuns: 200 });
  });

  it('rejects bad options naming the value', () => {
    expect(() => detectChangepoints([1, 2], { minSize: 0 })).toThrow(/minSize must be an integer >= 1, got 0/);
    expect(() => detectChangepoints([1, 2], { method: 'x' as never })).toThrow(/method must be one of/);
  });
});

describe('preprocessing', () => {
  it('z-scores with the sample sd', () => {
    expect(Array.from(zScore([1, 2, 3]).values)).toEqual([-1, 0, 1]);
  });
  it('estimates the noise sd from differences despite a level shift', () => {
    const x = noisySteps(4, [0, 10], 2000, 2);
    expect(differenceNoiseScale(x)).toBeGreaterThan(1.85);
    expect(differenceNoiseScale(x)).toBeLessThan(2.15);
    expect(differenceNoiseScale([0, 1, 0, 1, 0, 1])).toBeCloseTo((0.96 * Math.sqrt(Math.PI / 2)) / Math.SQRT2, 12);
  });
  it('clips a spike but keeps a step', () => {
    expect(Array.from(clipOutliers([0, 0, 0, 0, 40, 0, 0, 0, 0], 2, 5, 1).values)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const step = [0, 0, 0, 0, 0, 9, 9, 9, 9, 9];
    expect(Array.from(clipOutliers(step, 3, 5, 1).values)).toEqual(step);
  });
  it('estimates AR(1) autocorrelation from differences', () => {
    const rng = createRng(5);
    let e = 0;
    const x = Array.from({ length: 5000 }, (_, i) => (e = 0.6 * e + sampleNormal(rng)) + (i > 2500 ? 5 : 0));
    expect(differenceAutocorrelation(x)).toBeGreaterThan(0.5);
    expect(differenceAutocorrelation(x)).toBeLessThan(0.7);
    expect(differenceAutocorrelation(noisySteps(6, [0], 5000))).toBeLessThan(0.05);
  });
});

describe('TCPDBench metrics', () => {
  it('match the worked examples', () => {
    expect(f1WithMargin([[50]], [52]).f1).toBe(1);
    expect(f1WithMargin([[50]], []).f1).toBeCloseTo(2 / 3, 12);
    expect(segmentationCovering([[50]], [], 100)).toBeCloseTo(0.5, 12);
    expect(segmentationCovering([[50]], [50], 100)).toBe(1);
  });
  it('average recall over annotators and use the union for precision', () => {
    // annotators [10] and [60]; prediction [10]: P = |{0,10}| / 2 = 1, R = (1 + 1/2) / 2 = 0.75.
    const r = f1WithMargin([[10], [60]], [10]);
    expect(r.precision).toBe(1);
    expect(r.recall).toBeCloseTo(0.75, 12);
  });
});

describe('bocpd', () => {
  it('follows a mean shift within a few steps and keeps probabilities normalised', () => {
    const x = noisySteps(7, [0, 5], 100);
    const det = createBocpd();
    const runs = x.map((v) => det.update(v).mapRunLength);
    expect(runs[99]).toBeGreaterThan(80);
    expect(runs[103]).toBeLessThanOrEqual(5);
    const p = det.posterior().probabilities.reduce((a, b) => a + b, 0);
    expect(p).toBeCloseTo(1, 9);
    expect(bocpdSegment(x, 5)).toEqual([100]);
  });
  it('stays O(R): hypotheses are capped', () => {
    const det = createBocpd({ maxRunLength: 50, minProbability: 0 });
    for (let i = 0; i < 500; i++) det.update(Math.sin(i));
    expect(det.posterior().runLengths.length).toBeLessThanOrEqual(51);
  });
});

describe('variance floor for quantised data', () => {
  it('uses the rounding variance of the quantisation step when values repeat', async () => {
    const { varianceFloorFor } = await import('./detect.js');
    expect(varianceFloorFor([0, 0, 0, 0.5, 0.5, 0.5, 1, 1], 1)).toBeCloseTo(0.25 / 12, 12);
    expect(varianceFloorFor([0.1, 0.7, 0.3, 0.9], 1)).toBeCloseTo(0.0025, 12); // continuous: (0.05 sigma)^2
  });
  it('does not cut a deterministic integer pattern into exact short lines', () => {
    const x = Array.from({ length: 300 }, (_, i) => (i < 150 ? 10 : 14) + ((i * 7919) % 5) - 2);
    const cps = detectChangepoints(x).changepoints;
    expect(cps).toHaveLength(1);
    expect(Math.abs(cps[0]! - 150)).toBeLessThanOrEqual(2);
  });
});
