import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresPool } from '../../src/adapters/storage/postgres/postgres-event-store.js';
import { createPostgresDetectionStore } from '../../src/adapters/storage/postgres/postgres-detection-store.js';
import { createSqliteDetectionStore } from '../../src/adapters/storage/sqlite/detection-store.js';
import { createSqliteEventStore, openSqliteDatabase } from '../../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createDetectionEngine } from '../../src/app/detection/engine.js';
import { createAlertTransitionBus } from '../../src/app/detection/transitions.js';
import { buildBaselineProfile } from '../../src/core/baseline/profile.js';
import { manualClock } from '../../src/core/clock.js';
import { dropSchema, POSTGRES_TEST_URL, postgresReachable } from '../helpers/postgres.js';
import { runDetectionStoreContract } from './detection-store-contract.js';

/** One contract over both dialects: real SQLite, and the real local PostgreSQL in a fresh schema per test. */
runDetectionStoreContract('sqlite', async () => {
  const db = openSqliteDatabase({ path: ':memory:' });
  return { store: createSqliteDetectionStore(db), close: async () => { db.close(); } };
});

const url = POSTGRES_TEST_URL;
const reachable = await postgresReachable();

let n = 0;
if (reachable) {
  runDetectionStoreContract('postgres', async () => {
    const schema = `argus_dtest_${process.pid}_${Date.now()}_${n++}`;
    const pool = await openPostgresPool(url, { schema });
    return {
      store: createPostgresDetectionStore(pool),
      close: async () => {
        await pool.end();
        await dropSchema(schema);
      },
    };
  });

  describe('detection leader lock (postgres)', () => {
    it('a deployment whose lock another process holds is skipped, and run once the lock is free', async () => {
      const schema = `argus_dtest_${process.pid}_${Date.now()}_lead`;
      const pool = await openPostgresPool(url, { schema });
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        const store = createPostgresDetectionStore(pool);
        const profile = buildBaselineProfile(Array.from({ length: 12 }, (_, i) => ({
          inputText: `q ${i}`, outputText: `a ${i} words`, systemPrompt: null, tools: [], model: 'ft', latencyMs: 10, inputTokens: 1, outputTokens: 2,
        })));
        await store.insertBaseline({ deployment: 'bot', reason: 'initial', status: 'active', createdMs: 0, source: { kind: 'window', events: 12 }, profile });
        const clock = manualClock(10 * 60_000);
        const engine = createDetectionEngine({ events: createSqliteEventStore(openSqliteDatabase({ path: ':memory:' })), store, clock, bus: createAlertTransitionBus() });
        await other.query("SELECT pg_advisory_lock(hashtext('argus-detect:' || $1))", ['bot']);
        await engine.runOnce();
        expect(await store.loadDetectorState('bot')).toBeUndefined();
        await other.query("SELECT pg_advisory_unlock(hashtext('argus-detect:' || $1))", ['bot']);
        await engine.runOnce();
        expect(JSON.parse((await store.loadDetectorState('bot'))?.stateJson ?? '{}')).toMatchObject({ processedUntilMs: 9 * 60_000 });
      } finally {
        await other.end();
        await pool.end();
        await dropSchema(schema);
      }
    });
  });
} else {
  describe('DetectionStore contract: postgres', () => {
    it.skip(`PostgreSQL is not reachable at ${url}; start it (see .ci/run) to run this suite`, () => undefined);
  });
}
