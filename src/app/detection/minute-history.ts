import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { MinuteRecord } from '../../core/detect/minute-record.js';

/** The minute records of one deployment's lookback, as of the end of this process's last run. */
interface Held { baselineId: string; untilMs: number; records: MinuteRecord[] }

export interface MinuteHistory {
  /** Records of [fromMs, untilMs), oldest first: from memory when this process's last run ended at `untilMs`, else from the store. */
  read(deployment: string, baselineId: string, fromMs: number, untilMs: number): Promise<MinuteRecord[]>;
  /** After a committed run: keeps `records` (every record of [fromMs, untilMs), oldest first) for the next run. */
  keep(deployment: string, baselineId: string, fromMs: number, untilMs: number, records: readonly MinuteRecord[]): void;
}

/**
 * Keeps each deployment's minute records in memory between detection runs, bounded by the
 * lookback, instead of reading and parsing up to 6 hours of them back from the store every minute
 * (360 JSON records a run, a growing cost and a sawtooth in memory while the lookback filled).
 * The store stays the record: memory is used only if it ends exactly where the stored state
 * says the last run ended (same baseline), so a restart, a new baseline or a run by another
 * process (a shared store's leader changed) reads the store again.
 */
export function createMinuteHistory(store: DetectionStore): MinuteHistory {
  const held = new Map<string, Held>();
  return {
    async read(deployment, baselineId, fromMs, untilMs) {
      const h = held.get(deployment);
      if (h && h.baselineId === baselineId && h.untilMs === untilMs) return h.records.filter((r) => r.minuteMs >= fromMs);
      held.delete(deployment);
      return store.readMinutes(deployment, baselineId, fromMs, untilMs);
    },
    keep(deployment, baselineId, fromMs, untilMs, records) {
      held.set(deployment, { baselineId, untilMs, records: records.filter((r) => r.minuteMs >= fromMs && r.minuteMs < untilMs) });
    },
  };
}
