import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createSqliteEventStore, openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../../src/adapters/storage/types.js';

/** A SQLite event store in a new temporary folder; `dispose` closes it and removes the folder. */
export function openTempSqliteStore(prefix: string, synchronous: 'full' | 'normal' = 'full'): { db: Database.Database; store: EventStore; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = openSqliteDatabase({ path: join(dir, 'argus.db'), synchronous });
  const store = createSqliteEventStore(db, { synchronous });
  return {
    db, store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
