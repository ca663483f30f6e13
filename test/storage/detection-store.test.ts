import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresPool } from '../../src/adapters/storage/postgres/postgres-event-store.js';
import { createPostgresDetectionStore } from '../../src/adapters/storage/postgres/postgres-detection-store.js';
import { createSqliteDetectionStore } from '../../src/adapters/storage/sqlite/detection-store.js';
import { openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import { runDetectionStoreContract } from './detection-store-contract.js';

/** One contract over both dialects: real SQLite, and the real local PostgreSQL in a fresh schema per test. */
runDetectionStoreContract('sqlite', async () => {
  const db = openSqliteDatabase({ path: ':memory:' });
  return { store: createSqliteDetectionStore(db), close: async () => { db.close(); } };
});

const url = process.env.ARGUS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await (async () => {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try { await c.connect(); await c.end(); return true; } catch { return false; }
})();

let n = 0;
if (reachable) {
  runDetectionStoreContract('postgres', async () => {
    const schema = `argus_dtest_${process.pid}_${Date.now()}_${n++}`;
    const pool = await openPostgresPool(url, { schema });
    return {
      store: createPostgresDetectionStore(pool),
      close: async () => {
        await pool.end();
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  });
} else {
  describe('DetectionStore contract: postgres', () => {
    it.skip(`PostgreSQL is not reachable at ${url}; start it (see .ci/run) to run this suite`, () => undefined);
  });
}
