import { join } from 'node:path';
import { createSqliteEventStore, openSqliteDatabase } from '../adapters/storage/sqlite/sqlite-event-store.js';
import { withWriterThread } from '../adapters/storage/sqlite/writer-client.js';
import type { EventStore } from '../adapters/storage/types.js';
import { openPostgresEventStore } from '../adapters/storage/postgres/postgres-event-store.js';
import type { ArgusConfig } from '../contracts/config.js';
import { ArgusError } from '../core/errors.js';

/**
 * Opens the store the config names. `writerThread` (the server asks for it) moves SQLite event
 * inserts to a worker thread so they never block the event loop; see writer-client.ts.
 */
export function openStore(config: ArgusConfig, env: NodeJS.ProcessEnv = process.env, options: { writerThread?: boolean } = {}): EventStore {
  if (config.storage.driver === 'postgres') {
    const url = env[config.storage.postgres_url_env];
    if (!url) throw new ArgusError('ARGUS_ERR_CONFIG', `storage.driver is postgres but ${config.storage.postgres_url_env} is not set (e.g. postgres://user@host:5432/argus)`);
    return openPostgresEventStore(url);
  }
  const sqlite = sqliteOptionsFrom(config);
  const store = createSqliteEventStore(openSqliteDatabase(sqlite), { synchronous: sqlite.synchronous });
  return options.writerThread === true ? withWriterThread(store, sqlite) : store;
}

/**
 * How every SQLite connection of Argus is opened (events, writer thread, detection and response
 * stores): the file under data_dir, and the storage settings that apply to each connection.
 */
export function sqliteOptionsFrom(config: ArgusConfig, file = 'argus.db'): { path: string; synchronous: 'full' | 'normal'; cacheMiB: number } {
  return { path: join(config.data_dir, file), synchronous: config.storage.sqlite_synchronous, cacheMiB: config.storage.sqlite_cache_mib };
}
