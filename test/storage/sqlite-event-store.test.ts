import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import { SQLITE_MIGRATIONS } from '../../src/adapters/storage/sqlite/migrations.js';
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
});
