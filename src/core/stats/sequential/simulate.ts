import { invalidInput } from '../../errors.js';
import type { Rng } from '../random.js';
import type { DetectorSignal } from './types.js';

/** Summary of simulated run lengths. */
export interface RunLengthSummary {
  runs: number;
  /** Mean run length (the simulated ARL). */
  mean: number;
  /** Standard deviation of the run length. */
  sd: number;
  /** Standard error of the mean, sd / sqrt(runs). */
  standardError: number;
  /** Runs stopped at maxSteps without a signal (counted as maxSteps, so the mean is then a lower bound). */
  censored: number;
}

/**
 * Seeded Monte Carlo estimate of a detector's run-length distribution: each run starts a fresh
 * detector, feeds it draws from `sample` until the first signal, and records the number of
 * observations. Used to check the exact and Markov-chain ARLs, and to calibrate detectors that
 * have no exact method (Page-Hinkley, ADWIN).
 *
 * `start()` returns a step function for a fresh detector, so pure `updateX` detectors and the
 * ADWIN class plug in alike:
 *   simulateRunLengths({ runs: 2000, rng: createRng(1), sample: (r) => sampleNormal(r),
 *     start: () => stepper(createCusum({ h: 4 }), updateCusum) })
 * gives a mean near 167.7 with a standard error near 167.7 / sqrt(2000) = 3.7.
 */
export function simulateRunLengths(input: {
  runs: number;
  rng: Rng;
  start: () => (x: number) => DetectorSignal;
  sample: (rng: Rng, t: number) => number;
  maxSteps?: number;
}): RunLengthSummary {
  const { runs, rng, start, sample } = input;
  const maxSteps = input.maxSteps ?? 1e7;
  if (!Number.isInteger(runs) || runs < 2) throw invalidInput(`runs must be an integer >= 2, got ${runs}`);
  let sum = 0;
  let sumSq = 0;
  let censored = 0;
  for (let r = 0; r < runs; r++) {
    const step = start();
    let t = 0;
    let alarm = false;
    while (!alarm && t < maxSteps) {
      t += 1;
      alarm = step(sample(rng, t)).alarm;
    }
    if (!alarm) censored += 1;
    sum += t;
    sumSq += t * t;
  }
  const mean = sum / runs;
  const sd = Math.sqrt(Math.max(0, (sumSq - runs * mean * mean) / (runs - 1)));
  return { runs, mean, sd, standardError: sd / Math.sqrt(runs), censored };
}

/** Adapts a pure `update(state, x)` detector to the step function `simulateRunLengths` expects. */
export function stepper<S>(initial: S, update: (state: S, x: number) => { state: S; signal: DetectorSignal }): (x: number) => DetectorSignal {
  let state = initial;
  return (x) => {
    const u = update(state, x);
    state = u.state;
    return u.signal;
  };
}
