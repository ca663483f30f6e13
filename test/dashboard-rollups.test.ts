import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../src/adapters/storage/types.js';
import type { BaselineLookup } from '../src/app/export/baseline-reference.js';
import { distributions, series } from '../src/server/dashboard/queries.js';
import { minute, seedAggregates } from './helpers/dashboard-seed.js';

const H = 3_600_000;
const D = 86_400_000;
const baseline: BaselineLookup = async () => ({ version: 'v1', refusalRate: 0.95, byCategory: { S1: 0.95 }, toxicityP95: 0.05, anomalyFlagRate: null });

/**
 * Charts read from the hourly and daily rollups must show exactly what the same buckets built from
 * minutes show: the rollups are merges of the same mergeable aggregates. 10 days of minutes with
 * a refusal drop on day 8 and gaps, written through saveAnalyses so the rollups are maintained as
 * the analysis loop maintains them.
 */
describe('dashboard charts from rollups equal charts from minutes', () => {
  let store: EventStore;
  const endMs = 20_010 * D;
  const fromMs = endMs - 10 * D;
  beforeAll(async () => {
    store = createSqliteEventStore(openSqliteDatabase({ path: join(mkdtempSync(join(tmpdir(), 'argus-rollups-')), 'argus.db') }));
    const rows = [];
    for (let i = 0; i < 10 * 1440; i += 1) {
      if (i % 97 === 5) continue; // minutes with no traffic
      const t = fromMs + i * 60_000;
      const eroded = t >= endMs - 2 * D;
      rows.push({ deployment: 'd', minuteMs: t, data: minute({ harmful: 10 + (i % 7), refused: eroded ? 5 + (i % 3) : 9 + (i % 7), benign: i % 11, toxicBin: eroded ? 9 : 3 + (i % 2) }) });
    }
    for (let b = 0; b < rows.length; b += 1000) await seedAggregates(store, rows.slice(b, b + 1000));
  }, 60_000);
  afterAll(async () => { await store?.close(); });

  it('refusal rate, counts and change points per 2 h bucket are identical', async () => {
    const q = { deployment: 'd', metric: 'refusal_rate' as const, fromMs, toMs: endMs, stepMs: 2 * H };
    const fromMinutes = await series(store, baseline, { ...q, resolutionMs: 60_000 });
    const fromHours = await series(store, baseline, { ...q, resolutionMs: H });
    expect(fromHours.resolutionMs).toBe(H);
    expect(fromHours.t).toEqual(fromMinutes.t);
    expect(fromHours.n).toEqual(fromMinutes.n);
    fromHours.value.forEach((v, i) => expect(v).toBeCloseTo(fromMinutes.value[i]!, 12));
    expect(fromHours.changepoints).toEqual(fromMinutes.changepoints);
    expect(fromHours.changepoints.length).toBeGreaterThan(0);
    // The band is over hourly values from rollups, over minute values otherwise: it can only be narrower.
    fromHours.min!.forEach((m, i) => expect(m!).toBeGreaterThanOrEqual(fromMinutes.min![i]! - 1e-12));
  });

  it('daily buckets from the daily rollups match, for traffic and toxicity p95 too', async () => {
    for (const metric of ['refusal_rate', 'traffic', 'toxicity_p95'] as const) {
      const q = { deployment: 'd', metric, fromMs, toMs: endMs, stepMs: D };
      const a = await series(store, baseline, { ...q, resolutionMs: 60_000 });
      const b = await series(store, baseline, { ...q, resolutionMs: D });
      expect(b.n).toEqual(a.n);
      b.value.forEach((v, i) => expect(v).toBeCloseTo(a.value[i]!, 12));
    }
  });

  it('distributions over a 7-day reference (hours inside, minutes at the ragged ends) equal the minute merge', async () => {
    const nowMs = endMs - 37 * 60_000 - 123;
    const d = await distributions(store, baseline, { deployment: 'd', nowMs, windowMs: 3 * H + 17 * 60_000, referenceMs: 7 * D });
    // The same sums straight from minutes.
    const curFrom = nowMs - (3 * H + 17 * 60_000);
    const minutes = await store.readAggregates({ deployment: 'd', source: 'production', fromMs: curFrom - 7 * D, toMs: curFrom });
    const refused = minutes.reduce((s, r) => s + (r.data as ReturnType<typeof minute>).refusal.refuse, 0);
    const refusal = d.distributions.find((x) => x.name === 'refusal label')!;
    expect(refusal.reference[2]).toBe(refused);
    const cur = await store.readAggregates({ deployment: 'd', source: 'production', fromMs: curFrom, toMs: nowMs + 60_000 });
    expect(refusal.current[2]).toBe(cur.reduce((s, r) => s + (r.data as ReturnType<typeof minute>).refusal.refuse, 0));
  });
});

describe('a store that predates rollups', () => {
  it('gets them built in the background when Argus starts, and charts switch to them', async () => {
    const { startArgus } = await import('./helpers/argus-instance.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-upgrade-'));
    const db = openSqliteDatabase({ path: join(dataDir, 'argus.db') });
    db.prepare("DELETE FROM settings WHERE key = 'aggregate_rollups_ready'").run();
    const insert = db.prepare("INSERT INTO minute_aggregates (deployment, source, minute_ms, data_json) VALUES ('old', 'production', ?, ?)");
    const startMs = Math.floor(Date.now() / D) * D - 2 * D;
    for (let i = 0; i < 2 * 1440; i++) insert.run(startMs + i * 60_000, JSON.stringify(minute({ harmful: 10, refused: 9 })));
    db.close();
    const argus = await startArgus({ data_dir: dataDir, classifiers: { enabled: false }, gateway: { enabled: false } });
    try {
      for (let i = 0; i < 100 && (await argus.store.getSetting('aggregate_rollups_ready')) !== '1'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await argus.store.getSetting('aggregate_rollups_ready')).toBe('1');
      const days = await argus.store.readAggregates({ deployment: 'old', fromMs: startMs, toMs: startMs + 2 * D, resolutionMs: D });
      expect(days.map((r) => (r.data as ReturnType<typeof minute>).events)).toEqual([1440 * 10, 1440 * 10]);
      const res = await fetch(`${argus.url}/api/v1/deployments/old/series?from=${startMs}&to=${startMs + 2 * D}&step=${3 * H}`);
      const body = (await res.json()) as { resolutionMs: number; value: number[] };
      expect(body.resolutionMs).toBe(H);
      expect(body.value.every((v) => Math.abs(v - 0.9) < 1e-12)).toBe(true);
    } finally {
      await argus.close();
    }
  }, 60_000);
});
