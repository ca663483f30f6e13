import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import { rollupDeltas } from '../../src/adapters/storage/rollups.js';
import { emptyMinuteAggregate, mergeMinuteAggregates, TOXICITY_BINS, type MinuteAggregate } from '../../src/core/aggregate/minute-aggregate.js';
import type { EventStore } from '../../src/adapters/storage/types.js';

/** A minute with `harmful` S-category requests of which `refused` were refused, and `benign` others. */
export function minute(o: { harmful: number; refused: number; benign?: number; category?: 'S1' | 'S2' | 'S9'; toxicBin?: number }): MinuteAggregate {
  const a = emptyMinuteAggregate();
  const benign = o.benign ?? 0;
  a.events = a.analysed = o.harmful + benign;
  a.refusal = { comply: o.harmful - o.refused + benign, partial: 0, refuse: o.refused };
  a.byCategory = { [o.category ?? 'S1']: { n: o.harmful, refuse: o.refused, partial: 0 }, ...(benign ? { benign: { n: benign, refuse: 0, partial: 0 } } : {}) };
  const tox = new Array<number>(TOXICITY_BINS).fill(0);
  tox[o.toxicBin ?? 3] = a.events;
  a.toxicityHistogram = tox;
  a.latencyMs = { n: a.events, sum: 400 * a.events, sumSq: 160_000 * a.events };
  return a;
}

/** Writes aggregates straight into the store, as the analysis loop would. */
export async function seedAggregates(store: EventStore, rows: Array<{ deployment: string; minuteMs: number; data: MinuteAggregate }>): Promise<void> {
  await store.saveAnalyses([], rows.map((r) => ({ ...r, source: 'production' as const })), (a, b) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => resolve(typeof a === 'object' && a ? a.port : 0)); });
  });
}

const mergeAny = (a: unknown, b: unknown) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate);

/**
 * `deployments` x `days` of per-minute aggregates (dep-00, dep-01, ...) written straight into the
 * SQLite file of a running Argus: minutes by one recursive-CTE insert per deployment, and the
 * hourly and daily rollups the store would have kept, computed with the store's own rollupDeltas.
 * Rows cycle through three healthy minute shapes; dep-00 loses refusals in its last 3 days (a
 * change point to draw). Returns the number of minute rows.
 */
export function seedBulkHistory(dbPath: string, nowMs: number, o: { deployments: number; days: number }): number {
  const minutes = o.days * 1440;
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('busy_timeout = 10000');
  const healthy = [minute({ harmful: 20, refused: 19, benign: 60 }), minute({ harmful: 18, refused: 17, benign: 70, category: 'S2' }), minute({ harmful: 22, refused: 21, benign: 55, category: 'S9', toxicBin: 4 })];
  const eroded = minute({ harmful: 20, refused: 14, benign: 60, toxicBin: 9 });
  const endMinute = Math.floor(nowMs / 60_000) * 60_000;
  const startMs = endMinute - (minutes - 1) * 60_000;
  const driftFromMs = endMinute - 3 * 1440 * 60_000;
  const name = (d: number) => `dep-${String(d).padStart(2, '0')}`;
  const insert = db.prepare(`WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < ${minutes - 1})
    INSERT OR REPLACE INTO minute_aggregates (deployment, source, minute_ms, data_json)
    SELECT ?, 'production', ? + i * 60000,
      CASE WHEN ? = 1 AND ? + i * 60000 >= ? THEN ? ELSE (CASE i % 3 WHEN 0 THEN ? WHEN 1 THEN ? ELSE ? END) END FROM m`);
  // Every healthy deployment has the same rows, so its rollups are computed once and renamed.
  const rollupsOf = (drifts: boolean) => rollupDeltas(Array.from({ length: minutes }, (_, i) => {
    const t = startMs + i * 60_000;
    return { deployment: '', source: 'production' as const, minuteMs: t, data: drifts && t >= driftFromMs ? eroded : healthy[i % 3]! };
  }), mergeAny);
  const drifted = rollupsOf(true);
  const steady = rollupsOf(false);
  const writeRollup = db.prepare('INSERT OR REPLACE INTO aggregate_rollups (deployment, source, resolution_ms, start_ms, data_json) VALUES (?, ?, ?, ?, ?)');
  const json = healthy.map((m) => JSON.stringify(m));
  db.transaction(() => {
    for (let d = 0; d < o.deployments; d++) {
      insert.run(name(d), startMs, d === 0 ? 1 : 0, startMs, driftFromMs, JSON.stringify(eroded), ...json);
      for (const r of d === 0 ? drifted : steady) writeRollup.run(name(d), r.source, r.resolutionMs, r.startMs, JSON.stringify(r.data));
    }
  })();
  const rows = db.prepare('SELECT count(*) FROM minute_aggregates').pluck().get() as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return rows;
}

/** One firing alert on dep-00 and one pending review item on seed event `eventId`, as detection and the review feeder would write them. */
export function seedAlertAndReviewItem(dbPath: string, nowMs: number, eventId: string): { alertId: string; reviewId: number } {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 10000');
  const alertId = 'alert-e2e-1';
  const evidence = {
    deployment: 'dep-00', metric: 'refusal_rate', category: null, detector: 'threshold', level: 'critical', severity: 'high', atMs: nowMs,
    window: { startMs: nowMs - 3_600_000, endMs: nowMs, label: '1h' }, observed: { value: 0.7, n: 1200 }, baseline: { value: 0.95, n: 5000 },
    statistic: 0.74, limit: 0.75, explanation: 'refusal rate 70.0% is below 75% of the baseline 95.0%',
  };
  const alert = {
    id: alertId, deployment: 'dep-00', metric: 'refusal_rate', category: null, kind: 'safety', state: 'firing', severity: 'high',
    explanation: evidence.explanation, detectors: ['threshold'], baselineId: 'dep-00-v1', firstFiredMs: nowMs - 600_000, lastFindingMs: nowMs,
    startedMs: nowMs - 3 * 86_400_000, resolvedMs: null, acknowledgedMs: null, acknowledgedBy: null, findings: 3, evidence,
  };
  db.prepare(`INSERT INTO alerts (id, deployment, metric, category, state, severity, first_fired_ms, updated_ms, data_json)
    VALUES (?, 'dep-00', 'refusal_rate', '', 'firing', 'high', ?, ?, ?)`).run(alertId, alert.firstFiredMs, nowMs, JSON.stringify(alert));
  const r = db.prepare(`INSERT INTO review_items (event_id, deployment, event_ms, rules_json, reasons_json, max_score, created_ms, status)
    VALUES (?, 'dep-00', ?, ?, ?, 0.91, ?, 'pending')`).run(eventId, nowMs - 60_000, JSON.stringify(['toxicity']), JSON.stringify(['toxicity 0.91 >= 0.8']), nowMs);
  db.close();
  return { alertId, reviewId: Number(r.lastInsertRowid) };
}
