import { invalidInput } from '../../errors.js';

/**
 * The search space shared by every exact and greedy method, with the semantics of ruptures 1.1
 * and R changepoint: a change point may fall only at a multiple of `jump`, and every segment holds
 * at least `minSize` points. A change point `t` starts a new segment at index t (0 < t < n).
 */
export interface SearchSpace {
  minSize: number;
  jump: number;
}

export function checkSearchSpace(n: number, space: SearchSpace): void {
  if (!Number.isInteger(space.minSize) || space.minSize < 1) throw invalidInput(`minSize must be an integer >= 1, got ${space.minSize}`);
  if (!Number.isInteger(space.jump) || space.jump < 1) throw invalidInput(`jump must be an integer >= 1, got ${space.jump}`);
  if (!Number.isInteger(n) || n < 0) throw invalidInput(`series length must be an integer >= 0, got ${n}`);
}

/** Segment ends visited by the dynamic programme: multiples of jump that can close a segment, then n. */
export function segmentEnds(n: number, space: SearchSpace): number[] {
  const ends: number[] = [];
  for (let t = space.jump; t < n; t += space.jump) if (t >= space.minSize) ends.push(t);
  ends.push(n);
  return ends;
}

/** Reads the change points back from `last[t]`, the start of the final segment of the best split of [0, t). */
export function backtrack(last: Int32Array, n: number): number[] {
  const cps: number[] = [];
  let t = n;
  while (t > 0) {
    const s = last[t]!;
    if (s < 0) throw invalidInput(`no segmentation of ${n} points satisfies the minimum segment size`);
    if (s > 0) cps.push(s);
    t = s;
  }
  return cps.reverse();
}
