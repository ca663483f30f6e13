import { join } from 'node:path';
import { createSqliteEventStore, openSqliteDatabase } from '../adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../adapters/storage/types.js';
import { openPostgresEventStore } from '../adapters/storage/postgres/postgres-event-store.js';
import type { ArgusConfig } from '../contracts/config.js';
import { ArgusError } from '../core/errors.js';

/** Opens the store the config names. */
export function openStore(config: ArgusConfig, env: NodeJS.ProcessEnv = process.env): EventStore {
  if (config.storage.driver === 'postgres') {
    const url = env[config.storage.postgres_url_env];
    if (!url) throw new ArgusError('ARGUS_ERR_CONFIG', `storage.driver is postgres but ${config.storage.postgres_url_env} is not set (e.g. postgres://user@host:5432/argus)`);
    return openPostgresEventStore(url);
  }
  const synchronous = config.storage.sqlite_synchronous;
  return createSqliteEventStore(openSqliteDatabase({ path: join(config.data_dir, 'argus.db'), synchronous }), { synchronous });
}
