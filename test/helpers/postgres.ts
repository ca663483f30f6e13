import pg from 'pg';

/** The local PostgreSQL the storage suites run against (.ci/run starts it); ARGUS_TEST_POSTGRES_URL points elsewhere. */
export const POSTGRES_TEST_URL = process.env.ARGUS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a connection to `url` opens within 2 s (the suites skip with a message when it does not). */
export async function postgresReachable(url = POSTGRES_TEST_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try { await c.connect(); await c.end(); return true; } catch { return false; }
}

/** Drops a test's schema and everything in it. */
export async function dropSchema(schema: string, url = POSTGRES_TEST_URL): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try { await admin.query(`DROP SCHEMA ${schema} CASCADE`); } finally { await admin.end(); }
}
