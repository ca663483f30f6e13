import { join } from 'node:path';
import { createSqliteEventStore, openSqliteDatabase } from '../adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../adapters/storage/types.js';
import type { ArgusConfig } from '../contracts/config.js';
import { ArgusError } from '../core/errors.js';

/** Opens the store the config names. */
export function openStore(config: ArgusConfig): EventStore {
  if (config.storage.driver === 'postgres') {
    throw new ArgusError('ARGUS_ERR_CONFIG', 'storage.driver: postgres is not available yet; use sqlite');
  }
  const synchronous = config.storage.sqlite_synchronous;
  return createSqliteEventStore(openSqliteDatabase({ path: join(config.data_dir, 'argus.db'), synchronous }), { synchronous });
}
