import { describe, it } from 'vitest';
import { openPostgresEventStore } from '../../src/adapters/storage/postgres/postgres-event-store.js';
import { dropSchema, POSTGRES_TEST_URL, postgresReachable } from '../helpers/postgres.js';
import { runEventStoreContract } from './event-store-contract.js';

/**
 * The same contract suite against the real local PostgreSQL (each test in a fresh schema).
 * .ci/run starts PostgreSQL if it is down; ARGUS_TEST_POSTGRES_URL points elsewhere.
 */
const url = POSTGRES_TEST_URL;
const reachable = await postgresReachable();

let n = 0;
if (reachable) {
  runEventStoreContract('postgres', async () => {
    const schema = `argus_test_${process.pid}_${Date.now()}_${n++}`;
    const store = openPostgresEventStore(url, { schema });
    const close = store.close;
    return Object.assign(store, {
      close: async () => {
        await close();
        await dropSchema(schema);
      },
    });
  });
} else {
  describe('EventStore contract: postgres', () => {
    it.skip(`PostgreSQL is not reachable at ${url}; start it (see .ci/run) to run this suite`, () => undefined);
  });
}
