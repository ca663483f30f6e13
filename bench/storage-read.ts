import type { EventQuery } from '../src/adapters/storage/types.js';
import type { EventRecord } from '../src/core/events/event.js';
import { openTempSqliteStore } from './support/temp-store.js';
import type { BenchRow, BenchSuite } from './types.js';

const START_MS = 1_760_000_000_000;
/** One event every 20 ms (3,000 a minute, the e2e bench's rate); 3% of them on a second, rare deployment. */
const STEP_MS = 20;

function eventAt(i: number): EventRecord {
  return {
    id: `r-${i}`, timestampMs: START_MS + i * STEP_MS, receivedMs: START_MS + i * STEP_MS + 5, deployment: i % 33 === 0 ? 'rare' : 'main',
    model: 'ft:bench', source: 'production', userHash: null, session: null,
    input: [{ role: 'user', content: `Question ${i}: how do I move my savings into the account my partner and I share?` }],
    output: `Answer ${i}: open Accounts, choose the joint account, then Transfer in and pick the source account. `.repeat(6),
    latencyMs: 400, inputTokens: 20, outputTokens: 120, metadata: { region: 'eu' },
  };
}

/** Median milliseconds of `reps` runs of `fn`. */
function medianMs(reps: number, fn: () => void): number {
  const t: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(reps / 2)] as number;
}

/**
 * Reading one page of events from a large SQLite store, as the events API and the incident
 * evidence do. `before` is the query as Argus wrote it until the (deployment, seq) index: SQLite
 * answered a time bound with the (deployment, ts_ms) index and sorted every row in range by seq
 * to return one page. `after` is `listEvents` today. Milliseconds per page (median of 5).
 */
export const storageReadSuite: BenchSuite = {
  name: 'storage-read',
  async run({ quick, log }) {
    const total = quick ? 200_000 : 1_000_000;
    const { db, store, dispose } = openTempSqliteStore('argus-bench-read-');
    const rows: BenchRow[] = [];
    try {
      for (let i = 0; i < total; i += 5_000) {
        await store.insertEvents(Array.from({ length: Math.min(5_000, total - i) }, (_, k) => eventAt(i + k)), { durable: false });
        if ((i / 5_000) % 40 === 0) log(`inserted ${i.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events`);
      }
      const endMs = START_MS + total * STEP_MS;
      const hourAgo = endMs - 3_600_000;
      const old = `SELECT e.*, a.status, a.analyzed_ms, a.features_json, a.scores_json, a.error
        FROM events e INDEXED BY events_deployment_ts LEFT JOIN event_analysis a ON a.seq = e.seq`;
      const cases: Array<{ name: string; q: EventQuery; before?: () => unknown }> = [
        { name: 'newest first, one deployment, since an hour ago (incident evidence)', q: { deployment: 'main', sinceMs: hourAgo, limit: 1000, order: 'desc' },
          before: () => db.prepare(`${old} WHERE e.deployment = ? AND e.ts_ms >= ? ORDER BY e.seq DESC LIMIT ?`).all('main', hourAgo, 1001) },
        { name: 'newest first, one deployment (the API default)', q: { deployment: 'main', limit: 100, order: 'desc' },
          before: () => db.prepare(`${old} WHERE e.deployment = ? ORDER BY e.seq DESC LIMIT ?`).all('main', 101) },
        { name: 'newest first, the rare deployment (3% of events)', q: { deployment: 'rare', limit: 100, order: 'desc' },
          before: () => db.prepare(`${old} WHERE e.deployment = ? ORDER BY e.seq DESC LIMIT ?`).all('rare', 101) },
        { name: 'by time, one deployment, a minute an hour back (the detection engine)', q: { deployment: 'main', sinceMs: hourAgo, untilMs: hourAgo + 60_000, limit: 1000, order: 'time' } },
        { name: 'oldest first, one deployment, since an hour ago (walks the index from the first event)', q: { deployment: 'main', sinceMs: hourAgo, limit: 100, order: 'asc' },
          before: () => db.prepare(`${old} WHERE e.deployment = ? AND e.ts_ms >= ? ORDER BY e.seq ASC LIMIT ?`).all('main', hourAgo, 101) },
        { name: 'newest first, one deployment, a minute at the start of the store (walks back to it)', q: { deployment: 'main', sinceMs: START_MS, untilMs: START_MS + 60_000, limit: 1000, order: 'desc' } },
      ];
      for (const c of cases) {
        // The SQLite store reads synchronously inside listEvents: timing the call times the read.
        // A failing query fails the awaited call below, so the timed ones ignore their outcome.
        const after = medianMs(5, () => { store.listEvents(c.q).catch(() => undefined); });
        const n = (await store.listEvents(c.q)).events.length;
        const before = c.before ? medianMs(quick ? 1 : 3, c.before) : undefined;
        log(`${c.name}: ${after.toFixed(2)} ms a page of ${n}${before === undefined ? '' : `, before ${before.toFixed(0)} ms`}`);
        rows.push({ group: 'storage-read', name: `${c.name}: ms per page (${total.toLocaleString('en-US')} events)`, value: after, unit: 'ms',
          ...(before === undefined ? {} : { note: `before the (deployment, seq) index: ${before.toFixed(0)} ms, ${Math.round(before / after).toLocaleString('en-US')}x slower` }) });
      }
      // What migration 2 costs a store that already holds events: building the index once, at open.
      db.exec('DROP INDEX events_deployment_seq');
      const t0 = performance.now();
      db.exec('CREATE INDEX events_deployment_seq ON events (deployment, seq, ts_ms)');
      const buildS = (performance.now() - t0) / 1000;
      log(`building the (deployment, seq) index over ${total.toLocaleString('en-US')} events: ${buildS.toFixed(2)} s`);
      rows.push({ group: 'storage-read', name: 'migration 2 on an existing store: building the (deployment, seq) index, s per million events', value: buildS / (total / 1e6), unit: 's' });
    } finally {
      await dispose();
    }
    return rows;
  },
};
