import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCusum, updateCusum, type CusumState } from './cusum.js';
import { createEwma, updateEwma, type EwmaState } from './ewma.js';
import { createShewhart, updateShewhart, shewhartLimits } from './shewhart.js';
import type { DetectorSignal } from './types.js';

function run<S>(state: S, update: (s: S, x: number) => { state: S; signal: DetectorSignal }, xs: number[]): { state: S; alarms: number[] } {
  const alarms: number[] = [];
  let s = state;
  xs.forEach((x, i) => {
    const u = update(s, x);
    s = u.state;
    if (u.signal.alarm) alarms.push(i);
  });
  return { state: s, alarms };
}

/** Running xs in two parts with a JSON round trip of the state in between changes nothing. */
function resumable<S>(fresh: S, update: (s: S, x: number) => { state: S; signal: DetectorSignal }) {
  return fc.property(fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { maxLength: 300 }), fc.nat(), (xs, cut) => {
    const at = xs.length === 0 ? 0 : cut % (xs.length + 1);
    const whole = run(fresh, update, xs);
    const first = run(fresh, update, xs.slice(0, at));
    const restored = JSON.parse(JSON.stringify(first.state)) as S;
    const second = run(restored, update, xs.slice(at));
    expect([...first.alarms, ...second.alarms.map((i) => i + at)]).toEqual(whole.alarms);
    expect(second.state).toEqual(whole.state);
  });
}

describe('tabular CUSUM', () => {
  it('worked example: x = 1.5 each step with k = 0.5, h = 4 signals at the 5th observation, upward', () => {
    const { alarms } = run(createCusum({ k: 0.5, h: 4 }), updateCusum, [1.5, 1.5, 1.5, 1.5, 1.5]);
    expect(alarms).toEqual([4]);
    const down = run(createCusum({ k: 0.5, h: 4 }), updateCusum, [-1.5, -1.5, -1.5, -1.5, -1.5]);
    expect(down.alarms).toEqual([4]);
    expect(updateCusum({ ...createCusum({ h: 4 }), lower: 4.5 }, -1).signal.direction).toBe('down');
  });

  it('uses the mean and sigma to standardise, and one-sided charts ignore the other side', () => {
    const state = createCusum({ mean: 10, sigma: 2, k: 0.5, h: 4, sides: 'upper' });
    expect(run(state, updateCusum, [13, 13, 13, 13, 13]).alarms).toEqual([4]);
    expect(run(state, updateCusum, Array(50).fill(0)).alarms).toEqual([]);
  });

  it('a FIR headstart of h/2 signals sooner after a start-up shift and restarts at the headstart', () => {
    const plain = run(createCusum({ h: 4 }), updateCusum, Array(10).fill(1.5)).alarms[0];
    const fir = createCusum({ h: 4, headstart: 2 });
    const firAlarm = run(fir, updateCusum, Array(10).fill(1.5));
    expect(plain).toBe(4);
    expect(firAlarm.alarms[0]).toBe(2);
    const after = updateCusum({ ...fir, upper: 3.9 }, 1.5);
    expect(after.signal.alarm).toBe(true);
    expect([after.state.upper, after.state.lower]).toEqual([2, 2]);
  });

  it('sums stay in [0, h] between signals and updates do not mutate the state', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 200 }), (xs) => {
      let s: CusumState = Object.freeze(createCusum({ h: 3 }));
      for (const x of xs) {
        s = Object.freeze(updateCusum(s, x).state);
        expect(s.upper).toBeGreaterThanOrEqual(0);
        expect(s.upper).toBeLessThanOrEqual(3);
        expect(s.lower).toBeGreaterThanOrEqual(0);
        expect(s.lower).toBeLessThanOrEqual(3);
      }
    }));
  });

  it('survives a restart: JSON state resumes exactly', () => {
    fc.assert(resumable(createCusum({ k: 0.25, h: 2, headstart: 1 }), updateCusum));
  });

  it('rejects bad parameters and observations, naming them', () => {
    expect(() => createCusum({ h: 0 })).toThrow(/h must be/);
    expect(() => createCusum({ h: 4, headstart: 5 })).toThrow(/headstart/);
    expect(() => createCusum({ h: 4, sigma: -1 })).toThrow(/sigma/);
    expect(() => updateCusum(createCusum({ h: 4 }), NaN)).toThrow(/observation/);
  });
});

describe('EWMA', () => {
  it('worked example: exact limits catch x = 3 at t = 1, asymptotic limits do not', () => {
    const exact = updateEwma(createEwma({ lambda: 0.1, L: 2.814 }), 3);
    expect(exact.signal.alarm).toBe(true);
    expect(exact.signal.direction).toBe('up');
    const asym = updateEwma(createEwma({ lambda: 0.1, L: 2.814, limits: 'asymptotic' }), 3);
    expect(asym.signal.alarm).toBe(false);
    expect(asym.state.z).toBeCloseTo(0.3, 12);
    // statistic = (z - mu0) / sd(z): 0.3 / 0.1 = 3 for exact limits at t = 1.
    expect(exact.signal.statistic).toBeCloseTo(3, 10);
  });

  it('z follows the recursion and signals a sustained downward shift', () => {
    const xs = Array(30).fill(-1.5);
    let s: EwmaState = createEwma({ lambda: 0.2, L: 3, mean: 0 });
    let z = 0;
    let first = -1;
    xs.forEach((x, i) => {
      const u = updateEwma(s, x);
      z = 0.2 * x + 0.8 * z;
      if (!u.signal.alarm) expect(u.state.z).toBeCloseTo(z, 12);
      if (u.signal.alarm && first < 0) { first = i; expect(u.signal.direction).toBe('down'); }
      s = u.state;
      if (u.signal.alarm) z = 0;
    });
    // z_t = -1.5 (1 - 0.8^t) first passes -sqrt(1 - 0.64^t) at t = 5: -1.008 < -0.945.
    expect(first).toBe(4);
  });

  it('survives a restart: JSON state resumes exactly', () => {
    fc.assert(resumable(createEwma({ lambda: 0.3, L: 2 }), updateEwma));
  });

  it('rejects lambda outside (0, 1]', () => {
    expect(() => createEwma({ lambda: 0, L: 3 })).toThrow(/lambda/);
    expect(() => createEwma({ lambda: 1.5, L: 3 })).toThrow(/lambda/);
  });
});

describe('Shewhart', () => {
  it('individuals and x-bar limits, and signals outside them', () => {
    expect(shewhartLimits(createShewhart({ mean: 5, sigma: 2 }).params)).toEqual({ lower: -1, center: 5, upper: 11 });
    const xbar = createShewhart({ mean: 5, sigma: 2, subgroupSize: 4 });
    expect(shewhartLimits(xbar.params)).toEqual({ lower: 2, center: 5, upper: 8 });
    expect(updateShewhart(xbar, 8.01).signal).toEqual({ alarm: true, direction: 'up', statistic: expect.closeTo(3.01, 10) });
    expect(updateShewhart(xbar, 7.99).signal.alarm).toBe(false);
    expect(updateShewhart(createShewhart({ sides: 'upper' }), -10).signal.alarm).toBe(false);
  });
});
