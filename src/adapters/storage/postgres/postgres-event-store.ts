import { inTransaction } from './transaction.js';
import pg from 'pg';
import type { EventRecord } from '../../../core/events/event.js';
import { ArgusError } from '../../../core/errors.js';
import { rowToAnalysis, rowToAnalysisState, rowToDetection, rowToEvent, type AnalysisRow, type AnalysisStateRow, type DetectionSqlRow, type EventRow } from '../sqlite/rows.js';
import { ROLLUPS_READY_SETTING, rollupDeltas } from '../rollups.js';
import { pageOfRows, readCursor, type AggregateRow, type EventQuery, type EventStore, type InsertOutcome } from '../types.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/**
 * Commits in PostgreSQL may land out of sequence order when several processes insert at once,
 * so the analysis scan looks back this many sequence numbers behind its cursor (the anti-join
 * skips what is already analysed).
 */
export const PENDING_LOOKBACK_SEQ = 10_000;

/** Opens a pool, takes an advisory lock while migrating (several processes may start at once). */
export async function openPostgresPool(connectionString: string, options: { schema?: string; allowExitOnIdle?: boolean } = {}): Promise<pg.Pool> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new ArgusError('ARGUS_ERR_CONFIG', `invalid PostgreSQL schema name '${schema}'`);
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try { await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); } finally { await admin.end(); }
  }
  const pool = new pg.Pool({ connectionString, max: 8, ...(schema ? { options: `-c search_path=${schema}` } : {}), ...(options.allowExitOnIdle ? { allowExitOnIdle: true } : {}) });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(8152026)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of POSTGRES_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      await client.query('COMMIT');
    }
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new ArgusError('ARGUS_ERR_STORAGE', `PostgreSQL migration failed: ${(cause as Error).message}`, { cause });
  } finally {
    await client.query('SELECT pg_advisory_unlock(8152026)').catch(() => undefined);
    client.release();
  }
  return pool;
}

const EVENT_COLUMNS = 'id, ts_ms, received_ms, deployment, model, source, user_hash, session, input_json, output, latency_ms, input_tokens, output_tokens, metadata_json';
/** A detection read (see the SQLite adapter's): the JSON columns are parsed once a row, as jsonb. */
const DETECTION_SELECT = `SELECT e.seq, e.ts_ms, e.model, e.latency_ms, e.input_json, e.output,
    CASE jsonb_typeof(j.m -> 'tools') WHEN 'string' THEN j.m ->> 'tools' END AS tools,
    a.features_json,
    j.s -> 'harm_category' ->> 'top' AS harm_category,
    j.s -> 'refusal' ->> 'label' AS refusal,
    CASE jsonb_typeof(j.s -> 'policy_violation' -> 'score') WHEN 'number' THEN (j.s -> 'policy_violation' ->> 'score')::float8 END AS policy_score,
    CASE jsonb_typeof(j.s -> 'toxicity' -> 'score') WHEN 'number' THEN (j.s -> 'toxicity' ->> 'score')::float8 END AS toxicity,
    CASE jsonb_typeof(j.s -> 'jailbreak' -> 'triggers') WHEN 'array' THEN jsonb_array_length(j.s -> 'jailbreak' -> 'triggers') END AS jailbreak_triggers
  FROM events e JOIN event_analysis a ON a.seq = e.seq
  CROSS JOIN LATERAL (SELECT a.scores_json::jsonb AS s, e.metadata_json::jsonb AS m) j
  WHERE e.deployment = $1 AND e.source = $2 AND e.ts_ms >= $3 AND e.ts_ms < $4 AND a.status = 'done'`;

const SELECT_WITH_ANALYSIS = `SELECT e.*, a.status, a.analyzed_ms, a.features_json, a.scores_json, a.error FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq`;

export function createPostgresEventStore(pool: pg.Pool): EventStore {
  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (cause) {
      if (cause instanceof ArgusError) throw cause;
      throw new ArgusError('ARGUS_ERR_STORAGE', `PostgreSQL ${what} failed: ${(cause as Error).message}`, { cause });
    }
  };
  const tx = <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => inTransaction(pool, fn);
  const values = (e: EventRecord) => [e.id, e.timestampMs, e.receivedMs, e.deployment, e.model, e.source, e.userHash, e.session,
    e.input === null ? null : JSON.stringify(e.input), e.output, e.latencyMs, e.inputTokens, e.outputTokens,
    Object.keys(e.metadata).length === 0 ? null : JSON.stringify(e.metadata)];
  const foldRollups = async (c: pg.PoolClient, deltas: readonly AggregateRow[], merge: (a: unknown, b: unknown) => unknown) => {
    for (const r of rollupDeltas(deltas, merge)) {
      const key = [r.deployment, r.source, r.resolutionMs, r.startMs];
      const got = await c.query<{ data_json: string }>('SELECT data_json FROM aggregate_rollups WHERE deployment = $1 AND source = $2 AND resolution_ms = $3 AND start_ms = $4 FOR UPDATE', key);
      const value = got.rows[0] ? merge(JSON.parse(got.rows[0].data_json), r.data) : r.data;
      await c.query(`INSERT INTO aggregate_rollups (deployment, source, resolution_ms, start_ms, data_json) VALUES ($1,$2,$3,$4,$5)
        ON CONFLICT (deployment, source, resolution_ms, start_ms) DO UPDATE SET data_json = EXCLUDED.data_json`, [...key, JSON.stringify(value)]);
    }
  };
  const filters = (q: Omit<EventQuery, 'limit' | 'cursor' | 'order'>, params: unknown[]) => {
    const where: string[] = [];
    const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
    if (q.deployment !== undefined) add('e.deployment = ?', q.deployment);
    if (q.source !== undefined) add('e.source = ?', q.source);
    if (q.sinceMs !== undefined) add('e.ts_ms >= ?', q.sinceMs);
    if (q.untilMs !== undefined) add('e.ts_ms < ?', q.untilMs);
    return where;
  };

  return {
    dialect: 'postgres',
    insertEvents: (events) => wrap('insert', () => tx(async (c) => {
      const out: InsertOutcome[] = [];
      for (const e of events) {
        const r = await c.query<{ seq: string }>(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
          ON CONFLICT (id) DO NOTHING RETURNING seq`, values(e));
        out.push(r.rows[0] ? { status: 'accepted', seq: Number(r.rows[0].seq) } : { status: 'duplicate' });
      }
      return out;
    })),
    getEvent: (id) => wrap('read', async () => {
      const r = await pool.query<EventRow & AnalysisRow>(`${SELECT_WITH_ANALYSIS} WHERE e.id = $1`, [id]);
      const row = r.rows[0];
      return row ? { ...rowToEvent(row), analysis: rowToAnalysis(row) } : undefined;
    }),
    listEvents: (q) => wrap('list', async () => {
      const params: unknown[] = [];
      const where = filters(q, params);
      const byTime = q.order === 'time';
      const order = q.order === 'asc' ? 'ASC' : 'DESC';
      if (q.cursor !== undefined) {
        const at = readCursor(q.order, q.cursor);
        if (at.tsMs === undefined) {
          params.push(at.seq);
          where.push(`e.seq ${order === 'ASC' ? '>' : '<'} $${params.length}`);
        } else {
          params.push(at.tsMs, at.seq);
          where.push(`(e.ts_ms, e.seq) > ($${params.length - 1}, $${params.length})`);
        }
      }
      params.push(q.limit + 1);
      const r = await pool.query<EventRow & AnalysisRow>(`${SELECT_WITH_ANALYSIS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${byTime ? 'e.ts_ms, e.seq' : `e.seq ${order}`} LIMIT $${params.length}`, params);
      const page = pageOfRows(r.rows, q.limit, q.order);
      return { events: page.rows.map((row) => ({ ...rowToEvent(row), analysis: rowToAnalysis(row) })), nextCursor: page.nextCursor };
    }),
    countEvents: (q = {}) => wrap('count', async () => {
      const params: unknown[] = [];
      const where = filters(q, params);
      const r = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
      return Number(r.rows[0]?.n ?? 0);
    }),
    listAnalysisStates: (afterSeq, limit) => wrap('read', async () => {
      const r = await pool.query<AnalysisStateRow>(`SELECT e.seq, e.id, e.deployment, e.ts_ms, e.received_ms, a.status, a.scores_json
        FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`, [afterSeq, limit]);
      return r.rows.map(rowToAnalysisState);
    }),
    listDetectionRows: (w, page) => wrap('list', async () => {
      const params: unknown[] = [w.deployment, w.source, w.sinceMs, w.untilMs];
      let after = '';
      if (page.cursor !== undefined) {
        const at = readCursor('time', page.cursor);
        params.push(at.tsMs, at.seq);
        after = 'AND (e.ts_ms, e.seq) > ($5, $6)';
      }
      params.push(page.limit + 1);
      const r = await pool.query<DetectionSqlRow>(`${DETECTION_SELECT} ${after} ORDER BY e.ts_ms, e.seq LIMIT $${params.length}`, params);
      const kept = pageOfRows(r.rows, page.limit, 'time');
      return { rows: kept.rows.map(rowToDetection), nextCursor: kept.nextCursor };
    }),
    firstUnanalysedMs: (w) => wrap('read', async () => {
      const r = await pool.query<{ ts_ms: string }>(`SELECT e.ts_ms FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq
        WHERE e.deployment = $1 AND e.source = $2 AND e.ts_ms >= $3 AND e.ts_ms < $4 AND a.seq IS NULL ORDER BY e.ts_ms LIMIT 1`,
      [w.deployment, w.source, w.sinceMs, w.untilMs]);
      const first = r.rows[0];
      return first ? Number(first.ts_ms) : undefined;
    }),
    pendingAnalysis: (afterSeq, limit) => wrap('read', async () => {
      const r = await pool.query<EventRow>(`SELECT e.* FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq
        WHERE e.seq > $1 AND a.seq IS NULL ORDER BY e.seq LIMIT $2`, [Math.max(0, afterSeq - PENDING_LOOKBACK_SEQ), limit]);
      return r.rows.map(rowToEvent);
    }),
    saveAnalyses: (analyses, deltas, merge, settings = {}) => wrap('write', () => tx(async (c) => {
      for (const [key, value] of Object.entries(settings)) {
        await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
      }
      for (const a of analyses) {
        await c.query(`INSERT INTO event_analysis (seq, status, analyzed_ms, features_json, scores_json, error) VALUES ($1,$2,$3,$4,$5,$6)
          ON CONFLICT (seq) DO UPDATE SET status = EXCLUDED.status, analyzed_ms = EXCLUDED.analyzed_ms, features_json = EXCLUDED.features_json,
          scores_json = EXCLUDED.scores_json, error = EXCLUDED.error`,
        [a.seq, a.status, a.analyzedMs, a.features ? JSON.stringify(a.features) : null, a.scores ? JSON.stringify(a.scores) : null, a.error ?? null]);
      }
      for (const d of deltas) {
        const r = await c.query<{ data_json: string }>('SELECT data_json FROM minute_aggregates WHERE deployment = $1 AND source = $2 AND minute_ms = $3 FOR UPDATE',
          [d.deployment, d.source, d.minuteMs]);
        const stored = r.rows[0];
        const value = stored ? merge(JSON.parse(stored.data_json), d.data) : d.data;
        await c.query(`INSERT INTO minute_aggregates (deployment, source, minute_ms, data_json) VALUES ($1,$2,$3,$4)
          ON CONFLICT (deployment, source, minute_ms) DO UPDATE SET data_json = EXCLUDED.data_json`, [d.deployment, d.source, d.minuteMs, JSON.stringify(value)]);
      }
      await foldRollups(c, deltas, merge);
    })),
    readAggregates: (q) => wrap('read', async () => {
      const rollup = q.resolutionMs !== undefined && q.resolutionMs !== 60_000;
      const time = rollup ? 'start_ms' : 'minute_ms';
      const params: unknown[] = [q.fromMs, q.toMs];
      const where = [`${time} >= $1`, `${time} < $2`];
      if (rollup) { params.push(q.resolutionMs); where.push(`resolution_ms = $${params.length}`); }
      if (q.deployment !== undefined) { params.push(q.deployment); where.push(`deployment = $${params.length}`); }
      if (q.source !== undefined) { params.push(q.source); where.push(`source = $${params.length}`); }
      const r = await pool.query<{ deployment: string; source: EventRecord['source']; t: string; data_json: string }>(
        `SELECT deployment, source, ${time} AS t, data_json FROM ${rollup ? 'aggregate_rollups' : 'minute_aggregates'} WHERE ${where.join(' AND ')} ORDER BY ${time}`, params);
      return r.rows.map((row) => ({ deployment: row.deployment, source: row.source, minuteMs: Number(row.t), data: JSON.parse(row.data_json) as unknown }));
    }),
    rebuildRollups: (merge) => wrap('rollup rebuild', async () => {
      // One UTC day of one series per transaction; the minute rows are locked so a concurrent
      // saveAnalyses on that day waits and then folds into the rebuilt rollups.
      const series = (await pool.query<{ deployment: string; source: EventRecord['source']; day: string }>(
        'SELECT DISTINCT deployment, source, minute_ms / 86400000 AS day FROM minute_aggregates ORDER BY 1, 2, 3')).rows;
      let read = 0;
      for (const s of series) {
        const dayMs = Number(s.day) * 86_400_000;
        read += await tx(async (c) => {
          const rows = (await c.query<{ minute_ms: string; data_json: string }>('SELECT minute_ms, data_json FROM minute_aggregates WHERE deployment = $1 AND source = $2 AND minute_ms >= $3 AND minute_ms < $4 FOR UPDATE',
            [s.deployment, s.source, dayMs, dayMs + 86_400_000])).rows;
          await c.query('DELETE FROM aggregate_rollups WHERE deployment = $1 AND source = $2 AND start_ms >= $3 AND start_ms < $4', [s.deployment, s.source, dayMs, dayMs + 86_400_000]);
          await foldRollups(c, rows.map((r) => ({ deployment: s.deployment, source: s.source, minuteMs: Number(r.minute_ms), data: JSON.parse(r.data_json) as unknown })), merge);
          return rows.length;
        });
      }
      await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [ROLLUPS_READY_SETTING, '1']);
      return read;
    }),
    listDeployments: () => wrap('read', async () => {
      const r = await pool.query<{ deployment: string; events: string; last_ms: string }>(
        'SELECT deployment, count(*) AS events, max(ts_ms) AS last_ms FROM events GROUP BY deployment ORDER BY deployment');
      return r.rows.map((row) => ({ deployment: row.deployment, events: Number(row.events), lastMs: Number(row.last_ms) }));
    }),
    // Loose index scan on events_deployment_ts: each step jumps to the next deployment.
    listDeploymentNames: () => wrap('read', async () => (await pool.query<{ name: string }>('WITH RECURSIVE d(name) AS (SELECT min(deployment) FROM events UNION ALL SELECT (SELECT min(deployment) FROM events WHERE deployment > d.name) FROM d WHERE d.name IS NOT NULL) SELECT name FROM d WHERE name IS NOT NULL')).rows.map((r) => r.name)),
    getSetting: (key) => wrap('read', async () => (await pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value),
    setSetting: (key, value) => wrap('write', async () => {
      await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
    }),
    close: () => wrap('close', () => pool.end()),
  };
}

/**
 * A store usable at once: the pool opens and migrates in the background, and every call waits
 * for that first. Lets the composition root stay synchronous.
 */
export function openPostgresEventStore(connectionString: string, options: { schema?: string } = {}): EventStore {
  const ready = openPostgresPool(connectionString, options).then(createPostgresEventStore);
  ready.catch(() => undefined); // reported by the first call that awaits it
  const lazy = {} as Record<string, unknown>;
  const methods = ['insertEvents', 'getEvent', 'listEvents', 'countEvents', 'listAnalysisStates', 'listDetectionRows', 'firstUnanalysedMs', 'pendingAnalysis', 'saveAnalyses', 'readAggregates',
    'rebuildRollups', 'listDeployments', 'listDeploymentNames', 'getSetting', 'setSetting', 'close'] as const;
  for (const m of methods) {
    lazy[m] = async (...args: unknown[]) => {
      const store = await ready;
      return (store[m] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return { dialect: 'postgres', ...lazy } as EventStore;
}
