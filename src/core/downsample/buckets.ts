import { invalidInput } from '../errors.js';

/** Steps a chart may use, smallest first: whole minutes, hours and days, so buckets line up with clocks. */
export const NICE_STEPS_MS = [
  60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000,
  3_600_000, 2 * 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000,
] as const;

/**
 * The smallest nice step that keeps [fromMs, toMs) within `maxPoints` buckets.
 * Example: 30 days with maxPoints 1000 -> 43,200 minutes / 1000 = 43.2 min -> step 1 h (720 points).
 */
export function chooseStepMs(fromMs: number, toMs: number, maxPoints: number): number {
  if (!(toMs > fromMs)) throw invalidInput(`range must have to > from, got from=${fromMs} to=${toMs}`);
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw invalidInput(`maxPoints must be an integer >= 1, got ${maxPoints}`);
  const span = toMs - fromMs;
  for (const step of NICE_STEPS_MS) if (span / step <= maxPoints) return step;
  return Math.ceil(span / maxPoints / 86_400_000) * 86_400_000;
}

export interface Bucket<T> {
  startMs: number;
  /** Merge of every row in the bucket; undefined when the bucket saw no row. */
  value: T | undefined;
  /** Rows merged into the bucket (minutes with data). */
  rows: number;
}

/**
 * Downsampling by exact aggregation: rows (one per minute) fall into buckets of `stepMs` aligned
 * to `fromMs`, and the rows of a bucket are merged with `merge` (an associative, commutative
 * combine such as mergeMinuteAggregates). Because the aggregates are sums and counts, a rate read
 * from a bucket is the exact rate over its minutes, not an average of per-minute rates.
 * Example: rows at minutes 0, 1 and 5 with stepMs 5 min -> buckets [0: rows 0+1, 5 min: row 5].
 * Rows outside [fromMs, toMs) are ignored. O(rows + buckets).
 */
export function bucketize<T>(rows: Iterable<{ minuteMs: number; data: T }>, fromMs: number, toMs: number, stepMs: number, merge: (a: T, b: T) => T): Array<Bucket<T>> {
  if (!(stepMs > 0)) throw invalidInput(`stepMs must be > 0, got ${stepMs}`);
  if (!(toMs > fromMs)) throw invalidInput(`range must have to > from, got from=${fromMs} to=${toMs}`);
  const count = Math.ceil((toMs - fromMs) / stepMs);
  const buckets: Array<Bucket<T>> = Array.from({ length: count }, (_, i) => ({ startMs: fromMs + i * stepMs, value: undefined, rows: 0 }));
  for (const r of rows) {
    if (r.minuteMs < fromMs || r.minuteMs >= toMs) continue;
    const b = buckets[Math.floor((r.minuteMs - fromMs) / stepMs)];
    if (!b) continue;
    b.value = b.value === undefined ? r.data : merge(b.value, r.data);
    b.rows++;
  }
  return buckets;
}

/**
 * Per-bucket min and max of a per-row value, so a chart drawn from buckets still shows the
 * spikes inside them (the band around the exact bucket rate). Rows whose value is null are skipped.
 * Example: values 0.9, 0.5, 0.8 in one bucket -> {min: 0.5, max: 0.9}.
 */
export function minMaxPerBucket<T>(rows: Iterable<{ minuteMs: number; data: T }>, fromMs: number, toMs: number, stepMs: number, value: (data: T) => number | null): Array<{ min: number | null; max: number | null }> {
  const count = Math.ceil((toMs - fromMs) / stepMs);
  const out = Array.from({ length: count }, () => ({ min: null as number | null, max: null as number | null }));
  for (const r of rows) {
    if (r.minuteMs < fromMs || r.minuteMs >= toMs) continue;
    const v = value(r.data);
    if (v === null || Number.isNaN(v)) continue;
    const b = out[Math.floor((r.minuteMs - fromMs) / stepMs)];
    if (!b) continue;
    b.min = b.min === null ? v : Math.min(b.min, v);
    b.max = b.max === null ? v : Math.max(b.max, v);
  }
  return out;
}
