import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import { SQLITE_MIGRATIONS } from '../../src/adapters/storage/sqlite/migrations.js';
import { runEventStoreContract } from './event-store-contract.js';
import { makeEvent } from '../helpers/events.js';

runEventStoreContract('sqlite (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-sqlite-'));
  return createSqliteEventStore(openSqliteDatabase({ path: join(dir, 'argus.db') }));
});

describe('sqlite specifics', () => {
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
