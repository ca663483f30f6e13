import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import { runEventStoreContract } from './event-store-contract.js';
import { makeEvent } from '../helpers/events.js';

runEventStoreContract('sqlite (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-sqlite-'));
  return createSqliteEventStore(openSqliteDatabase({ path: join(dir, 'argus.db') }));
});

describe('sqlite specifics', () => {
  it('reopens a database, keeps its data, and does not re-run migrations', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'argus-sqlite-')), 'argus.db');
    const first = createSqliteEventStore(openSqliteDatabase({ path }));
    await first.insertEvents([makeEvent({ id: 'keep' })]);
    await first.close();
    const db = openSqliteDatabase({ path });
    const second = createSqliteEventStore(db);
    expect((await second.getEvent('keep'))?.id).toBe('keep');
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(1);
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
