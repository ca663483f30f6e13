import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, sampleNormal } from '../random.js';
import { twoSidedCusumArlJoint } from './arl-cusum-2d.js';
import { bernoulliCusumArl, cusumArl, ewmaArl, shewhartArl } from './arl.js';
import { createBernoulliCusum, updateBernoulliCusum } from './bernoulli-cusum.js';
import { createCusum, updateCusum } from './cusum.js';
import { solveBanded, solveDense } from './linear.js';
import { simulateRunLengths, stepper } from './simulate.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Markov-chain ARLs against the textbook values (normal mean, sigma 1)', () => {
  it('in control: Shewhart 370.4, CUSUM k=0.5 h=4 167.7 and h=5 465.4, EWMA 0.1/2.814 499.6, all within 0.05%', () => {
    expect(rel(shewhartArl({ L: 3 }), 370.4)).toBeLessThan(5e-4);
    expect(rel(cusumArl({ k: 0.5, h: 4 }), 167.7)).toBeLessThan(5e-4);
    expect(rel(cusumArl({ k: 0.5, h: 5 }), 465.4)).toBeLessThan(5e-4);
    expect(rel(ewmaArl({ lambda: 0.1, L: 2.814, limits: 'asymptotic' }), 499.6)).toBeLessThan(5e-4);
  });

  it('out of control: Montgomery Table 9.3 (CUSUM) and Lucas & Saccucci (EWMA), to their printed digits', () => {
    const table: [number, number, number, number][] = [
      // shift, CUSUM h=4, CUSUM h=5, EWMA lambda=0.1 L=2.814
      [0.5, 26.6, 38.0, 31.3],
      [1, 8.38, 10.4, 10.3],
      [1.5, 4.75, 5.75, 6.09],
      [2, 3.34, 4.01, 4.36],
      [3, 2.19, 2.57, 2.87],
    ];
    for (const [shift, c4, c5, e] of table) {
      expect(rel(cusumArl({ k: 0.5, h: 4, shift }), c4)).toBeLessThan(0.006);
      expect(rel(cusumArl({ k: 0.5, h: 5, shift }), c5)).toBeLessThan(0.006);
      expect(rel(ewmaArl({ lambda: 0.1, L: 2.814, shift, limits: 'asymptotic' }), e)).toBeLessThan(0.006);
    }
    expect(shewhartArl({ L: 3, shift: 1 })).toBeCloseTo(43.89, 2);
    expect(shewhartArl({ L: 3, shift: 1, subgroupSize: 4 })).toBeCloseTo(6.30, 2);
  });

  it('the Richardson-extrapolated chain has converged: 150 and 300 states agree to 1e-5', () => {
    expect(rel(cusumArl({ k: 0.5, h: 4, states: 150 }), cusumArl({ k: 0.5, h: 4, states: 300 }))).toBeLessThan(1e-5);
    expect(rel(ewmaArl({ lambda: 0.1, L: 2.814, limits: 'asymptotic', states: 101 }), ewmaArl({ lambda: 0.1, L: 2.814, limits: 'asymptotic', states: 201 }))).toBeLessThan(1e-4);
  });

  it('time-varying EWMA limits give a shorter ARL0 than asymptotic ones (narrower limits at start)', () => {
    const exact = ewmaArl({ lambda: 0.2, L: 2.5 });
    const asym = ewmaArl({ lambda: 0.2, L: 2.5, limits: 'asymptotic' });
    expect(exact).toBeLessThan(asym);
    expect(exact).toBeGreaterThan(0.9 * asym);
  });

  it('one-sided and two-sided CUSUM: 1/ARL = 1/ARL+ + 1/ARL-', () => {
    const up = cusumArl({ k: 0.5, h: 4, sides: 'upper', shift: 0.5 });
    const down = cusumArl({ k: 0.5, h: 4, sides: 'lower', shift: 0.5 });
    expect(1 / cusumArl({ k: 0.5, h: 4, shift: 0.5 })).toBeCloseTo(1 / up + 1 / down, 12);
    expect(rel(cusumArl({ k: 0.5, h: 4, sides: 'upper' }), 2 * 167.68)).toBeLessThan(1e-3);
  });
});

describe('two-sided CUSUM with a FIR headstart (joint chain of both sums)', () => {
  it('the joint chain reproduces the one-sided combination from a zero start', () => {
    expect(rel(twoSidedCusumArlJoint(0.5, 4, 0, 0, 15), 167.68)).toBeLessThan(1e-3);
  });

  it('headstart h/2 = 2 with h = 4: ARL0 148.7, below the 158.2 the one-sided combination would give, and matches simulation', () => {
    const arl0 = cusumArl({ k: 0.5, h: 4, headstart: 2 });
    expect(arl0).toBeCloseTo(148.7, 1);
    const sim = simulateRunLengths({ runs: 4000, rng: createRng(31), sample: (r) => sampleNormal(r), start: () => stepper(createCusum({ k: 0.5, h: 4, headstart: 2 }), updateCusum) });
    expect(Math.abs(sim.mean - arl0)).toBeLessThan(4 * sim.standardError);
    const arl1 = cusumArl({ k: 0.5, h: 4, headstart: 2, shift: 1 });
    const sim1 = simulateRunLengths({ runs: 4000, rng: createRng(32), sample: (r) => sampleNormal(r) + 1, start: () => stepper(createCusum({ k: 0.5, h: 4, headstart: 2 }), updateCusum) });
    expect(Math.abs(sim1.mean - arl1)).toBeLessThan(4 * sim1.standardError);
    expect(arl1).toBeLessThan(cusumArl({ k: 0.5, h: 4, shift: 1 }));
  });
});

describe('Bernoulli CUSUM exact ARL', () => {
  it('equals the mean of a seeded simulation of the chart as run (p0 = 0.95 -> p1 = 0.85, h = 2 nats)', () => {
    const state = createBernoulliCusum({ p0: 0.95, p1: 0.85, h: 2 });
    const p = state.params;
    for (const [prob, seed] of [[0.95, 11], [0.85, 12]] as const) {
      const exact = bernoulliCusumArl({ ...p, p: prob });
      const sim = simulateRunLengths({
        runs: 4000, rng: createRng(seed), sample: (rng) => (rng() < prob ? 1 : 0),
        start: () => stepper(state, updateBernoulliCusum),
      });
      expect(Math.abs(sim.mean - exact)).toBeLessThan(4 * sim.standardError);
    }
  });

  it('hand-checkable chain: scores +1/-1 and h = 2 give L(0) = (1 + p) / p^2 for a step-up probability p', () => {
    // States 0, 1: L0 = 1 + p L1 + q L0, L1 = 1 + q L0  =>  L0 = (1 + p) / p^2.
    for (const p of [0.1, 0.3, 0.5, 0.9]) {
      expect(bernoulliCusumArl({ scoreOne: 1, scoreZero: -1, hUnits: 2, p })).toBeCloseTo((1 + p) / (p * p), 9);
    }
  });
});

describe('linear solvers', () => {
  it('banded elimination equals dense elimination on random substochastic chains', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer(), (n, lo, up, seed) => {
      const rng = createRng(seed);
      const dense = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const cols: number[] = [];
        for (let j = Math.max(0, i - lo); j <= Math.min(n - 1, i + up); j++) cols.push(j);
        const w = cols.map(() => rng());
        const total = w.reduce((a, b) => a + b, 0) / 0.95; // keep 5% absorption from every state
        cols.forEach((j, c) => { dense[i * n + j] = -(w[c] as number) / total; });
        dense[i * n + i] = (dense[i * n + i] as number) + 1;
      }
      const copy = Float64Array.from(dense);
      const x1 = solveDense(copy, new Float64Array(n).fill(1), n);
      const width = lo + up + 1;
      const band = new Float64Array(n * width);
      for (let i = 0; i < n; i++) {
        for (let j = Math.max(0, i - lo); j <= Math.min(n - 1, i + up); j++) band[i * width + (j - i + lo)] = dense[i * n + j] as number;
      }
      const x2 = solveBanded(n, lo, up, band, new Float64Array(n).fill(1));
      for (let i = 0; i < n; i++) expect(rel(x2[i] as number, x1[i] as number)).toBeLessThan(1e-9);
    }), { numRuns: 100 });
  });
});
