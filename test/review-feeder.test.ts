import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createResponseStore } from '../src/adapters/storage/sqlite/response-store.js';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../src/adapters/storage/types.js';
import { createReviewQueue } from '../src/app/response/review-queue.js';
import { reviewThresholdsFrom } from '../src/app/response/response.js';
import { configSchema } from '../src/contracts/config.js';
import type { ArgusScores } from '../src/core/classify/types.js';
import { manualClock } from '../src/core/clock.js';
import { makeEvent } from './helpers/events.js';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const harmfulCompliance: Partial<ArgusScores> = {
  refusal: { label: 'comply', scores: { comply: 0.9, partial: 0.05, refuse: 0.05 } },
  harm_category: { top: 'S2', scores: { S2: 0.85 } } as unknown as ArgusScores['harm_category'],
  toxicity: { score: 0.1, subtypes: {} },
  pii: { entities: [] },
};

describe('review feeder', () => {
  it('reads a small page while analysis lags, larger ones as it catches up, and writes its cursor with each page that moved it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-feeder-'));
    const events = createSqliteEventStore(openSqliteDatabase({ path: join(dir, 'argus.db'), synchronous: 'normal' }));
    const db = openSqliteDatabase({ path: join(dir, 'response.db'), synchronous: 'full' });
    const store = createResponseStore(db);
    const limits: number[] = [];
    const spied: EventStore = { ...events, listAnalysisStates: (afterSeq: number, limit: number) => { limits.push(limit); return events.listAnalysisStates(afterSeq, limit); } };
    // Flagged items go in one transaction per page read with the cursor, not one per item (each was an fsync).
    const batchSizes: number[] = [];
    const cursors: string[] = [];
    const feedPage = store.feedReviewPage.bind(store);
    store.feedReviewPage = (items, cursor) => { batchSizes.push(items.length); cursors.push(cursor.value); return feedPage(items, cursor); };
    const clock = manualClock(T0 + 60_000);
    const queue = createReviewQueue({ store, events: spied, thresholds: reviewThresholdsFrom(configSchema.parse({ data_dir: dir })), clock, logger: pino({ level: 'silent' }), pollIntervalMs: 1_000 });

    const outcomes = await events.insertEvents(Array.from({ length: 1_000 }, (_, i) => makeEvent({ id: `e${i}`, timestampMs: T0, receivedMs: T0 })));
    // Nothing analysed yet: the pass stops at the first event after one small read and writes nothing.
    expect(await queue.feed()).toBe(0);
    expect(limits).toEqual([32]);
    expect(cursors).toEqual([]);

    // All analysed, every 10th flagged: pages grow, each page commits its items with its cursor.
    await events.saveAnalyses(outcomes.map((o, i) => ({ seq: o.seq as number, status: 'done' as const, analyzedMs: T0, scores: i % 10 === 0 ? harmfulCompliance : {} })), [], (a) => a);
    limits.length = 0;
    batchSizes.length = 0;
    expect(await queue.feed()).toBe(100);
    expect(limits.slice(0, 3)).toEqual([32, 128, 512]);
    expect(batchSizes.length).toBe(limits.length);
    expect(batchSizes).toEqual([4, 12, 52, 32]);
    expect(cursors.at(-1)).toBe(String(outcomes.at(-1)!.seq));
    expect(store.getSetting('review_feeder_seq')).toBe(String(outcomes.at(-1)!.seq));
    // The connection's own durability is back after each page.
    expect(Number(db.pragma('synchronous', { simple: true }))).toBe(2);
    expect(await store.listReviewItems({ status: 'pending', limit: 1_000 })).toHaveLength(100);
    expect(await queue.feed()).toBe(0); // nothing twice
    await events.close();
  });
});
