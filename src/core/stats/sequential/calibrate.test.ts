import { describe, expect, it } from 'vitest';
import { createRng, sampleNormal, type Rng } from '../random.js';
import { cusumArl, ewmaArl } from './arl.js';
import { createBernoulliCusum, defaultBernoulliResolution, updateBernoulliCusum } from './bernoulli-cusum.js';
import { bernoulliCusumArl } from './arl.js';
import { calibrateBernoulliCusum, calibrateCusum, calibrateEwma, calibrateShewhart } from './calibrate.js';
import { createCusum, updateCusum } from './cusum.js';
import { createEwma, updateEwma } from './ewma.js';
import { createShewhart, updateShewhart } from './shewhart.js';
import { simulateRunLengths, stepper } from './simulate.js';
import type { DetectorSignal } from './types.js';

const RUNS = 2000; // standard error ~ ARL / sqrt(2000) = 2.2%, so 10% is ~4.5 standard errors
const normal = (shift: number) => (rng: Rng) => sampleNormal(rng) + shift;
const rel = (a: number, b: number) => Math.abs(a - b) / b;

function simulate(start: () => (x: number) => DetectorSignal, seed: number, shift = 0, runs = RUNS) {
  return simulateRunLengths({ runs, rng: createRng(seed), sample: normal(shift), start });
}

describe('calibration to a target ARL0, checked by seeded simulation against the textbook values', () => {
  it('Shewhart: ARL0 370.4 gives L = 3; simulated ARL0 within 10% of 370.4', () => {
    const cal = calibrateShewhart({ targetArl0: 370.4 });
    expect(cal.L).toBeCloseTo(3, 4);
    const sim = simulate(() => stepper(createShewhart({ L: cal.L }), updateShewhart), 1);
    expect(rel(sim.mean, 370.4)).toBeLessThan(0.1);
  });

  it('CUSUM k = 0.5: ARL0 167.7 gives h = 4 and 465.4 gives h = 5; simulated ARL0 within 10%', () => {
    for (const [target, h, seed] of [[167.7, 4, 2], [465.4, 5, 3]] as const) {
      const cal = calibrateCusum({ k: 0.5, targetArl0: target });
      expect(cal.h).toBeCloseTo(h, 3);
      expect(cal.arl0).toBeCloseTo(target, 4);
      const sim = simulate(() => stepper(createCusum({ k: 0.5, h: cal.h }), updateCusum), seed);
      expect(rel(sim.mean, target)).toBeLessThan(0.1);
    }
  });

  it('EWMA lambda = 0.1: ARL0 499.6 gives L = 2.814 (asymptotic limits); simulated ARL0 within 10%', () => {
    const cal = calibrateEwma({ lambda: 0.1, targetArl0: 499.6, limits: 'asymptotic' });
    expect(cal.L).toBeCloseTo(2.814, 3);
    const sim = simulate(() => stepper(createEwma({ lambda: 0.1, L: cal.L, limits: 'asymptotic' }), updateEwma), 4);
    expect(rel(sim.mean, 499.6)).toBeLessThan(0.1);
  });

  it('EWMA with exact (time-varying) limits: calibrated L gives the target ARL0 in simulation', () => {
    const cal = calibrateEwma({ lambda: 0.2, targetArl0: 200, limits: 'exact' });
    expect(cal.L).toBeGreaterThan(2.5);
    const sim = simulate(() => stepper(createEwma({ lambda: 0.2, L: cal.L }), updateEwma), 5);
    expect(rel(sim.mean, 200)).toBeLessThan(0.1);
  });

  it('out-of-control ARLs from the chain agree with simulation at shifts 0.5, 1, 2 sigma', () => {
    for (const [shift, seed] of [[0.5, 6], [1, 7], [2, 8]] as const) {
      const cusum = simulate(() => stepper(createCusum({ k: 0.5, h: 5 }), updateCusum), seed, shift);
      expect(Math.abs(cusum.mean - cusumArl({ k: 0.5, h: 5, shift }))).toBeLessThan(4 * cusum.standardError);
      const ewma = simulate(() => stepper(createEwma({ lambda: 0.1, L: 2.814, limits: 'asymptotic' }), updateEwma), seed + 10, shift);
      expect(Math.abs(ewma.mean - ewmaArl({ lambda: 0.1, L: 2.814, limits: 'asymptotic', shift }))).toBeLessThan(4 * ewma.standardError);
    }
  });

  it('CUSUM with a FIR headstart: calibrated ARL0 holds up in simulation', () => {
    const cal = calibrateCusum({ k: 0.5, targetArl0: 200, headstartFraction: 0.5 });
    const sim = simulate(() => stepper(createCusum({ k: 0.5, h: cal.h, headstart: cal.headstart }), updateCusum), 9);
    expect(Math.abs(sim.mean - 200)).toBeLessThan(4 * sim.standardError);
    expect(cal.arl1).toBeLessThan(cusumArl({ k: 0.5, h: cal.h, shift: 1 }));
  });

  it('Bernoulli CUSUM: refusal 0.95 -> 0.85, ARL0 >= 1000 observations, exact values confirmed by simulation', () => {
    const cal = calibrateBernoulliCusum({ p0: 0.95, p1: 0.85, targetArl0: 1000 });
    expect(cal.arl0).toBeGreaterThanOrEqual(1000);
    expect(cal.arl0).toBeLessThan(1100);
    expect(cal.arl1).toBeLessThan(60);
    const below = calibrateBernoulliCusum({ p0: 0.95, p1: 0.85, targetArl0: cal.arl0 - 1e-6 });
    expect(below.hUnits).toBe(cal.hUnits);
    const chart = createBernoulliCusum({ p0: 0.95, p1: 0.85, h: cal.h });
    expect(chart.params.hUnits).toBe(cal.hUnits);
    for (const [p, expected, seed] of [[0.95, cal.arl0, 21], [0.85, cal.arl1, 22]] as const) {
      const sim = simulateRunLengths({ runs: 1500, rng: createRng(seed), sample: (rng) => (rng() < p ? 1 : 0), start: () => stepper(chart, updateBernoulliCusum) });
      expect(Math.abs(sim.mean - expected)).toBeLessThan(4 * sim.standardError);
    }
  });

  it('Bernoulli CUSUM with lopsided log-likelihood ratios (p0 = 0.01 -> 0.05): coarser default grid, exact ARL confirmed by simulation', () => {
    expect(defaultBernoulliResolution(0.95, 0.85)).toBe(20);
    expect(defaultBernoulliResolution(0.999, 0.99)).toBe(1);
    const cal = calibrateBernoulliCusum({ p0: 0.01, p1: 0.05, targetArl0: 800 });
    expect(cal.resolution).toBe(defaultBernoulliResolution(0.01, 0.05));
    expect(cal.arl0).toBeGreaterThanOrEqual(800);
    const chart = createBernoulliCusum({ p0: 0.01, p1: 0.05, h: cal.h });
    expect(chart.params.hUnits).toBe(cal.hUnits);
    const sim = simulateRunLengths({ runs: 1500, rng: createRng(23), sample: (rng) => (rng() < 0.01 ? 1 : 0), start: () => stepper(chart, updateBernoulliCusum) });
    expect(Math.abs(sim.mean - cal.arl0)).toBeLessThan(4 * sim.standardError);
    // A finer grid gives nearly the same chart: ARL1 within 2%.
    const fine = calibrateBernoulliCusum({ p0: 0.01, p1: 0.05, targetArl0: 800, resolution: 20 });
    expect(Math.abs(fine.arl1 - cal.arl1) / fine.arl1).toBeLessThan(0.02);
  });

  it('Bernoulli CUSUM threshold is the smallest integer reaching the target, across rare and common rates', () => {
    for (const [p0, p1, targetArl0, resolution] of [[0.95, 0.855, 1e5, 8], [0.2, 0.18, 1e5, 8], [0.05, 0.045, 1e5, 8], [0.02, 0.018, 1e4, 5], [0.004, 0.04, 1e5, 4], [0.5, 0.45, 50, 8]] as const) {
      const cal = calibrateBernoulliCusum({ p0, p1, targetArl0, resolution });
      expect(cal.arl0).toBeGreaterThanOrEqual(targetArl0);
      const arl = (hUnits: number) => bernoulliCusumArl({ scoreOne: cal.scoreOne, scoreZero: cal.scoreZero, hUnits, p: p0 });
      expect(arl(cal.hUnits)).toBeCloseTo(cal.arl0, 6);
      if (cal.hUnits > 1) expect(arl(cal.hUnits - 1)).toBeLessThan(targetArl0);
    }
  });

  it('Bernoulli CUSUM for a rare event under a score cap: small chain, exact ARL0 confirmed by simulation', () => {
    // Uncapped, 0.005 -> 0.05 scores 2.30 nats against 0.046 (50 to 1); capped at 20 units the clean score rounds up to 1.
    const cal = calibrateBernoulliCusum({ p0: 5e-3, p1: 5e-2, targetArl0: 2000, resolution: 1, maxScore: 20 });
    expect([cal.scoreOne, cal.scoreZero]).toEqual([20, -1]);
    expect(cal.arl0).toBeGreaterThanOrEqual(2000);
    const chart = createBernoulliCusum({ p0: 5e-3, p1: 5e-2, h: cal.h, resolution: 1, maxScore: 20 });
    expect(chart.params.hUnits).toBe(cal.hUnits);
    const sim = simulateRunLengths({ runs: 1000, rng: createRng(24), sample: (rng) => (rng() < 5e-3 ? 1 : 0), start: () => stepper(chart, updateBernoulliCusum) });
    expect(Math.abs(sim.mean - cal.arl0)).toBeLessThan(4 * sim.standardError);
  });

  it('rejects unreachable or invalid targets', () => {
    expect(() => calibrateCusum({ targetArl0: 1 })).toThrow(/targetArl0/);
    expect(() => calibrateBernoulliCusum({ p0: 0.95, p1: 0.95, targetArl0: 100 })).toThrow(/p1/);
  });
});
