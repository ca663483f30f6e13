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
  const synchronous = config.storage.sqlite_synchronous;
  const cacheMiB = config.storage.sqlite_cache_mib;
  const path = join(config.data_dir, 'argus.db');
  const store = createSqliteEventStore(openSqliteDatabase({ path, synchronous, cacheMiB }), { synchronous });
  return options.writerThread === true ? withWriterThread(store, { path, synchronous, cacheMiB }) : store;
}
