import { describe, expect, it } from 'vitest';
import type { DetectionStore } from '../src/adapters/storage/sqlite/detection-store.js';
import type { MinuteRecord } from '../src/core/detect/minute-record.js';
import { createMinuteHistory } from '../src/app/detection/minute-history.js';

const rec = (minuteMs: number) => ({ minuteMs, n: minuteMs / 60_000 }) as unknown as MinuteRecord;

/** A store that only answers readMinutes, and counts the calls. */
function fakeStore(stored: MinuteRecord[]) {
  const calls: Array<[string, number, number]> = [];
  const store = {
    async readMinutes(_d: string, baselineId: string, fromMs: number, toMs: number) {
      calls.push([baselineId, fromMs, toMs]);
      return stored.filter((r) => r.minuteMs >= fromMs && r.minuteMs < toMs);
    },
  } as unknown as DetectionStore;
  return { store, calls };
}

describe('minute history', () => {
  it('serves the next run from memory, trimmed to its lookback, and reads the store when memory does not end where the run starts', async () => {
    const { store, calls } = fakeStore([rec(0), rec(60_000), rec(120_000)]);
    const h = createMinuteHistory(store);
    expect((await h.read('d', 'b1', 0, 180_000)).map((r) => r.minuteMs)).toEqual([0, 60_000, 120_000]);
    expect(calls).toHaveLength(1);
    // The run committed minutes 180,000 and 240,000 and kept a lookback from 60,000.
    h.keep('d', 'b1', 60_000, 300_000, [rec(0), rec(60_000), rec(120_000), rec(180_000), rec(240_000)]);
    expect((await h.read('d', 'b1', 120_000, 300_000)).map((r) => r.minuteMs)).toEqual([120_000, 180_000, 240_000]);
    expect(calls).toHaveLength(1);
    // Another baseline, or a state that ends elsewhere (another process ran), goes to the store.
    await h.read('d', 'b2', 120_000, 300_000);
    expect(calls.at(-1)).toEqual(['b2', 120_000, 300_000]);
    h.keep('d', 'b1', 60_000, 300_000, [rec(240_000)]);
    await h.read('d', 'b1', 120_000, 360_000);
    expect(calls).toHaveLength(3);
    expect(calls.at(-1)).toEqual(['b1', 120_000, 360_000]);
  });
});
