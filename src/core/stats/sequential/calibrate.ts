import { invalidInput } from '../../errors.js';
import { normalIsf } from '../special/index.js';
import { bernoulliCusumArl, cusumArl, ewmaArl, shewhartArl } from './arl.js';
import { bernoulliCusumParams, defaultBernoulliResolution } from './bernoulli-cusum.js';
import type { ChartSides } from './types.js';

/**
 * Calibration: choose a chart's threshold so that its in-control average run length equals a
 * target ARL0 (the mean number of observations between false alarms), and report the expected
 * delay ARL1 to detect a given shift. All ARLs come from the exact or Markov-chain methods in
 * arl.ts; the tests check them against seeded simulation and the textbook values.
 *
 * Worked example: calibrateCusum({ k: 0.5, targetArl0: 465.4 }) gives h = 5.000 and, for a
 * 1-sigma shift, arl1 = 10.38; calibrateBernoulliCusum({ p0: 0.95, p1: 0.85, targetArl0: 1000 })
 * gives h = 3.62 nats (651 units), arl0 = 1024.2 (the next lower threshold falls short of 1000) and
 * arl1 = 44.1 observations.
 */

function checkTarget(targetArl0: number): void {
  if (!(targetArl0 > 1 && Number.isFinite(targetArl0))) throw invalidInput(`targetArl0 must be a finite number > 1, got ${targetArl0}`);
}

/**
 * Finds x with arl(x) = target for an increasing arl, by regula falsi (Illinois variant) on
 * log(arl(x)) - log(target) after bracketing from `start` upward; relative tolerance 1e-7 on ARL.
 */
function solveThreshold(arl: (x: number) => number, target: number, start: number, name: string): number {
  const f = (x: number) => Math.log(arl(x)) - Math.log(target);
  let lo = start;
  let flo = f(lo);
  while (flo > 0) {
    lo /= 2;
    if (lo < 1e-6) throw invalidInput(`cannot reach targetArl0 ${target}: the ${name} signals too rarely even at ${name} = ${lo}`);
    flo = f(lo);
  }
  let hi = lo * 2;
  let fhi = f(hi);
  while (fhi < 0) {
    lo = hi;
    flo = fhi;
    hi *= 2;
    if (hi > 1e4) throw invalidInput(`cannot reach targetArl0 ${target}: ${name} above 1e4`);
    fhi = f(hi);
  }
  let side = 0;
  for (let i = 0; i < 100; i++) {
    const x = (lo * fhi - hi * flo) / (fhi - flo);
    const fx = f(x);
    if (Math.abs(fx) < 1e-7 || hi - lo < 1e-12 * hi) return x;
    if (fx < 0) {
      lo = x;
      flo = fx;
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = x;
      fhi = fx;
      if (side === 1) flo /= 2;
      side = 1;
    }
  }
  return (lo + hi) / 2;
}

/** Shewhart limits for a target ARL0 (closed form: L = Phi^-1(1 - 1/(2 ARL0)) two-sided). */
export function calibrateShewhart(input: { targetArl0: number; shift?: number; subgroupSize?: number; sides?: ChartSides }): { L: number; arl0: number; arl1: number } {
  checkTarget(input.targetArl0);
  const sides = input.sides ?? 'two';
  const L = normalIsf(sides === 'two' ? 1 / (2 * input.targetArl0) : 1 / input.targetArl0);
  const common = { L, subgroupSize: input.subgroupSize ?? 1, sides };
  return { L, arl0: shewhartArl(common), arl1: shewhartArl({ ...common, shift: input.shift ?? 1 }) };
}

/**
 * Decision interval h (in sigma) of a tabular CUSUM with reference value k for a target ARL0;
 * `headstartFraction` sets a FIR headstart of that fraction of h (0.5 is the usual choice).
 */
export function calibrateCusum(input: { k?: number; targetArl0: number; shift?: number; sides?: ChartSides; headstartFraction?: number }): { k: number; h: number; headstart: number; arl0: number; arl1: number } {
  checkTarget(input.targetArl0);
  const k = input.k ?? 0.5;
  const sides = input.sides ?? 'two';
  const frac = input.headstartFraction ?? 0;
  if (!(frac >= 0 && frac < 1)) throw invalidInput(`headstartFraction must lie in [0, 1), got ${frac}`);
  const arlAt = (h: number, shift: number) => cusumArl({ k, h, sides, shift, headstart: frac * h });
  const h = solveThreshold((x) => arlAt(x, 0), input.targetArl0, 4, 'h');
  return { k, h, headstart: frac * h, arl0: arlAt(h, 0), arl1: arlAt(h, input.shift ?? 1) };
}

/** Limit width L of a two-sided EWMA with weight lambda for a target ARL0. */
export function calibrateEwma(input: { lambda: number; targetArl0: number; shift?: number; limits?: 'exact' | 'asymptotic' }): { lambda: number; L: number; arl0: number; arl1: number } {
  checkTarget(input.targetArl0);
  const { lambda } = input;
  const limits = input.limits ?? 'exact';
  const arlAt = (L: number, shift: number) => ewmaArl({ lambda, L, limits, shift });
  const L = solveThreshold((x) => arlAt(x, 0), input.targetArl0, 3, 'L');
  return { lambda, L, arl0: arlAt(L, 0), arl1: arlAt(L, input.shift ?? 1) };
}

/**
 * The smallest integer x >= 1 with arl(x) >= target, for an arl that does not decrease in x, and
 * arl(x) there. log(arl) is close to linear in the threshold, so the bracket is grown by
 * extrapolating that line and narrowed by interpolating on it (Illinois safeguard): 4-6
 * evaluations where doubling and bisection took 15-20, and each costs a banded solve.
 */
function smallestIntegerReaching(arl: (x: number) => number, target: number, start: number, unreachable: () => Error): { x: number; value: number } {
  const goal = Math.log(target);
  let lo = 0;
  let fLo = -goal; // arl(0) counts as 1: a zero threshold signals at once
  let hi = start;
  let hiValue = arl(hi);
  let fHi = Math.log(hiValue) - goal;
  while (fHi < 0) {
    const slope = (fHi - fLo) / (hi - lo);
    const step = slope > 0 ? Math.ceil((1.1 * -fHi) / slope) : hi;
    lo = hi;
    fLo = fHi;
    hi += Math.min(Math.max(1, step), 3 * hi);
    if (hi > 5_000_000) throw unreachable();
    hiValue = arl(hi);
    fHi = Math.log(hiValue) - goal;
  }
  let side = 0;
  while (hi - lo > 1) {
    const guess = lo + ((hi - lo) * -fLo) / (fHi - fLo);
    const mid = Math.min(hi - 1, Math.max(lo + 1, Math.round(guess)));
    const value = arl(mid);
    const f = Math.log(value) - goal;
    if (f >= 0) {
      hi = mid;
      hiValue = value;
      fHi = f;
      if (side === 1) fLo /= 2;
      side = 1;
    } else {
      lo = mid;
      fLo = f;
      if (side === -1) fHi /= 2;
      side = -1;
    }
  }
  return { x: hi, value: hiValue };
}

/**
 * Threshold of a Bernoulli CUSUM for a rate moving from p0 to p1: the smallest integer threshold
 * whose exact ARL0 is at least `targetArl0` (the chart is discrete, so ARL0 cannot hit the target
 * exactly; it is reported). `h` is in nats, `arl0` and `arl1` are exact run lengths in observations
 * under p0 and p1. `createBernoulliCusum({ p0, p1, h })` runs the calibrated chart (same default
 * resolution; pass `resolution` and `maxScore` too if you chose them here).
 */
export function calibrateBernoulliCusum(input: { p0: number; p1: number; targetArl0: number; resolution?: number; maxScore?: number }): {
  h: number; hUnits: number; scale: number; scoreOne: number; scoreZero: number; resolution: number; arl0: number; arl1: number;
} {
  checkTarget(input.targetArl0);
  const resolution = input.resolution ?? defaultBernoulliResolution(input.p0, input.p1);
  const base = bernoulliCusumParams({ p0: input.p0, p1: input.p1, h: 1, resolution, ...(input.maxScore === undefined ? {} : { maxScore: input.maxScore }) });
  const arlAt = (hUnits: number, p: number) => bernoulliCusumArl({ scoreOne: base.scoreOne, scoreZero: base.scoreZero, hUnits, p });
  const { x: hi, value: arl0 } = smallestIntegerReaching((h) => arlAt(h, input.p0), input.targetArl0, Math.max(1, Math.round(base.scale)),
    () => invalidInput(`cannot reach targetArl0 ${input.targetArl0} for p0=${input.p0}, p1=${input.p1}`));
  return {
    h: hi / base.scale, hUnits: hi, scale: base.scale, scoreOne: base.scoreOne, scoreZero: base.scoreZero, resolution,
    arl0, arl1: arlAt(hi, input.p1),
  };
}
