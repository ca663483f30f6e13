import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, DETECTION_PAGE_SQL, eventPageQuery, FIRST_UNANALYSED_SQL, openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import { SQLITE_MIGRATIONS } from '../../src/adapters/storage/sqlite/migrations.js';
import { cursorAfter, type EventQuery } from '../../src/adapters/storage/types.js';
import { withWriterThread } from '../../src/adapters/storage/sqlite/writer-client.js';
import { runEventStoreContract } from './event-store-contract.js';
import { makeEvent } from '../helpers/events.js';

runEventStoreContract('sqlite (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-sqlite-'));
  return createSqliteEventStore(openSqliteDatabase({ path: join(dir, 'argus.db') }));
});

runEventStoreContract('sqlite (file, WAL, inserts on a writer thread)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db');
  return withWriterThread(createSqliteEventStore(openSqliteDatabase({ path })), { path, synchronous: 'full' });
});

describe('sqlite specifics', () => {
  it('gives each connection a 2 MiB page cache unless told otherwise (better-sqlite3 builds SQLite with 16 MiB)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db');
    expect(openSqliteDatabase({ path }).pragma('cache_size', { simple: true })).toBe(-2048);
    expect(openSqliteDatabase({ path, cacheMiB: 0.5 }).pragma('cache_size', { simple: true })).toBe(-512);
  });

  it('rebuilds rollups for minutes written before rollups existed, and marks them ready', async () => {
    const db = openSqliteDatabase({ path: join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db') });
    const store = createSqliteEventStore(db);
    // As an upgraded store looks: minute rows, no rollups, not marked ready.
    db.prepare("DELETE FROM settings WHERE key = 'aggregate_rollups_ready'").run();
    const insert = db.prepare("INSERT INTO minute_aggregates (deployment, source, minute_ms, data_json) VALUES ('d', 'production', ?, ?)");
    for (let i = 0; i < 150; i++) insert.run(i * 60_000, JSON.stringify({ n: 1 }));
    expect(await store.readAggregates({ fromMs: 0, toMs: 86_400_000, resolutionMs: 3_600_000 })).toEqual([]);
    expect(await store.rebuildRollups!((a, b) => ({ n: (a as { n: number }).n + (b as { n: number }).n }))).toBe(150);
    expect((await store.readAggregates({ fromMs: 0, toMs: 86_400_000, resolutionMs: 3_600_000 })).map((r) => [r.minuteMs, r.data])).toEqual([[0, { n: 60 }], [3_600_000, { n: 60 }], [7_200_000, { n: 30 }]]);
    expect((await store.readAggregates({ fromMs: 0, toMs: 86_400_000, resolutionMs: 86_400_000 })).map((r) => r.data)).toEqual([{ n: 150 }]);
    expect(await store.getSetting('aggregate_rollups_ready')).toBe('1');
    await store.close();
  });

  it('with a writer thread, the event loop runs while a durable insert commits', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db');
    const main = createSqliteEventStore(openSqliteDatabase({ path }));
    for (const [store, expected] of [[main, false], [withWriterThread(main, { path, synchronous: 'full' }), true]] as const) {
      let ticked = false;
      setImmediate(() => { ticked = true; });
      const outcomes = await store.insertEvents(Array.from({ length: 2_000 }, (_, i) => makeEvent({ id: `${String(expected)}-${i}` })));
      expect(ticked).toBe(expected); // inline, the insert holds the thread until it has committed
      expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(2_000);
    }
    expect(await main.countEvents()).toBe(4_000); // the main connection reads what the writer committed
    await main.close();
  });

  it('reopens a database, keeps its data, and does not re-run migrations', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db');
    const firstDb = openSqliteDatabase({ path });
    const migrationsAfterFirstOpen = firstDb.prepare('SELECT count(*) FROM schema_migrations').pluck().get();
    const first = createSqliteEventStore(firstDb);
    await first.insertEvents([makeEvent({ id: 'keep' })]);
    await first.close();
    const db = openSqliteDatabase({ path });
    const second = createSqliteEventStore(db);
    expect((await second.getEvent('keep'))?.id).toBe('keep');
    expect(migrationsAfterFirstOpen).toBe(SQLITE_MIGRATIONS.length);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(SQLITE_MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    await second.close();
  });

  it('maps driver failures to ARGUS_ERR_STORAGE', async () => {
    const db = openSqliteDatabase({ path: ':memory:' });
    const store = createSqliteEventStore(db);
    db.exec('DROP TABLE event_analysis');
    await expect(store.getEvent('x')).rejects.toMatchObject({ code: 'ARGUS_ERR_STORAGE' });
    await store.close();
  });
  it('pages every order and filter without sorting: an index or the table gives the order', () => {
    const db = openSqliteDatabase({ path: join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db') });
    const plans: string[] = [];
    for (const order of ['asc', 'desc', 'time'] as const) {
      for (let mask = 0; mask < 32; mask++) {
        const q: EventQuery = {
          limit: 1000, order,
          ...(mask & 1 ? { deployment: 'd' } : {}), ...(mask & 2 ? { source: 'production' as const } : {}),
          ...(mask & 4 ? { sinceMs: 1_000 } : {}), ...(mask & 8 ? { untilMs: 9_000 } : {}),
          ...(mask & 16 ? { cursor: cursorAfter(order, { tsMs: 5_000, seq: 42 }) } : {}),
        };
        const { sql, params } = eventPageQuery(q);
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
        plans.push(`${order} ${mask}: ${plan}`);
        // A sort here reads every row the filters allow to return one page (16 s a page at 3 million events).
        expect(plan, `${order} ${JSON.stringify(q)}`).not.toContain('TEMP B-TREE');
        if (q.deployment !== undefined) expect(plan).toMatch(order === 'time' ? /USING INDEX events_deployment_ts/ : /USING INDEX events_deployment_seq/);
      }
    }
    expect(plans).toHaveLength(96);
    // The detection engine's two reads of a minute: the same index, no sort.
    for (const sql of [DETECTION_PAGE_SQL, FIRST_UNANALYSED_SQL]) {
      const params = sql === DETECTION_PAGE_SQL ? ['d', 'production', 0, 60_000, 0, 0, 1001] : ['d', 'production', 0, 60_000];
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).not.toContain('TEMP B-TREE');
      expect(plan).toMatch(/USING INDEX events_deployment_ts/);
    }
    db.close();
  });
});
