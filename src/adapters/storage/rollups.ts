import type { AggregateRow } from './types.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Coarser copies of the minute aggregates kept by every store: hours and UTC days. */
export const ROLLUP_RESOLUTIONS_MS = [HOUR_MS, DAY_MS] as const;
/** Resolutions readAggregates accepts: minutes (the stored grain) and the rollups. */
export const AGGREGATE_RESOLUTIONS_MS = [60_000, ...ROLLUP_RESOLUTIONS_MS] as const;
export type AggregateResolutionMs = (typeof AGGREGATE_RESOLUTIONS_MS)[number];

/** Setting that says the rollups cover every minute aggregate (new stores, or after a rebuild). */
export const ROLLUPS_READY_SETTING = 'aggregate_rollups_ready';

export interface RollupDelta { deployment: string; source: AggregateRow['source']; resolutionMs: number; startMs: number; data: unknown }

/**
 * The rollup deltas of a batch of minute deltas: each minute folded into its hour and its UTC day,
 * merged in memory first so a batch costs one read-modify-write per touched hour and day, not per
 * minute. Example: minutes 10:01 and 10:02 of one deployment -> one 10:00 hour delta, one day delta.
 */
export function rollupDeltas(deltas: readonly AggregateRow[], merge: (a: unknown, b: unknown) => unknown): RollupDelta[] {
  const out = new Map<string, RollupDelta>();
  for (const d of deltas) {
    for (const resolutionMs of ROLLUP_RESOLUTIONS_MS) {
      const startMs = Math.floor(d.minuteMs / resolutionMs) * resolutionMs;
      const key = `${resolutionMs}\u0000${startMs}\u0000${d.source}\u0000${d.deployment}`;
      const cur = out.get(key);
      if (cur) cur.data = merge(cur.data, d.data);
      else out.set(key, { deployment: d.deployment, source: d.source, resolutionMs, startMs, data: d.data });
    }
  }
  return [...out.values()];
}
