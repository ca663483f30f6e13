import { createCost } from '../stats/changepoint/costs.js';
import { pelt } from '../stats/changepoint/pelt.js';
import { penaltyValue } from '../stats/changepoint/penalty.js';

/** Successes k of n trials in one minute (e.g. refusals of harmful requests). */
export interface RatePoint { minuteMs: number; k: number; n: number }

export interface LocatedChange {
  /** Start of the first minute of the latest segment. */
  startedMs: number;
  before: { rate: number; n: number };
  after: { rate: number; n: number };
}

/**
 * Locates when a rate changed: PELT (Killick et al. 2012) with the binomial cost
 * C = -2 [S ln(S/N) + (N-S) ln(1 - S/N)] over the minutes that saw traffic, MBIC penalty
 * (3 ln m for m minutes), at least `minSize` minutes per segment. The latest change point in the
 * asked direction (default: a fall) is the start; the segments either side give the rates before and after. Example: 300 minutes at
 * 95% of 10 then 60 minutes at 60% -> startedMs = the 301st minute, after.rate = 0.6 within noise.
 * Returns undefined when PELT finds no change.
 */
export function locateRateChange(points: readonly RatePoint[], options: { minSize?: number; direction?: 'fall' | 'rise' } = {}): LocatedChange | undefined {
  const pts = points.filter((p) => p.n > 0);
  if (pts.length < 2 * (options.minSize ?? 3)) return undefined;
  const cost = createCost('bernoulli', pts.map((p) => p.k), { trials: pts.map((p) => p.n) });
  const r = pelt(cost, penaltyValue('mbic', pts.length, cost.paramsPerSegment), { minSize: options.minSize ?? 3, jump: 1 });
  const sum = (from: number, to: number) => pts.slice(from, to).reduce((s, p) => ({ k: s.k + p.k, n: s.n + p.n }), { k: 0, n: 0 });
  const bounds = [0, ...r.changepoints, pts.length];
  // The most recent change in the requested direction (a fall unless `direction` says rise).
  for (let j = bounds.length - 2; j >= 1; j--) {
    const a = sum(bounds[j - 1] as number, bounds[j] as number);
    const b = sum(bounds[j] as number, bounds[j + 1] as number);
    const fell = b.k / b.n < a.k / a.n;
    if (fell === ((options.direction ?? 'fall') === 'fall')) {
      return { startedMs: (pts[bounds[j] as number] as RatePoint).minuteMs, before: { rate: a.k / a.n, n: a.n }, after: { rate: b.k / b.n, n: b.n } };
    }
  }
  return undefined;
}
