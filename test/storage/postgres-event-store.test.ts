import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresEventStore } from '../../src/adapters/storage/postgres/postgres-event-store.js';
import { runEventStoreContract } from './event-store-contract.js';

/**
 * The same contract suite against the real local PostgreSQL (each test in a fresh schema).
 * .ci/run starts PostgreSQL if it is down; ARGUS_TEST_POSTGRES_URL points elsewhere.
 */
const url = process.env.ARGUS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await (async () => {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try { await c.connect(); await c.end(); return true; } catch { return false; }
})();

let n = 0;
if (reachable) {
  runEventStoreContract('postgres', async () => {
    const schema = `argus_test_${process.pid}_${Date.now()}_${n++}`;
    const store = openPostgresEventStore(url, { schema });
    const close = store.close;
    return Object.assign(store, {
      close: async () => {
        await close();
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    });
  });
} else {
  describe('EventStore contract: postgres', () => {
    it.skip(`PostgreSQL is not reachable at ${url}; start it (see .ci/run) to run this suite`, () => undefined);
  });
}
