import { inTransaction } from './transaction.js';
import pg from 'pg';
import { alertTransitionSchema } from '../../../contracts/alert.js';
import type { Alert, AlertTransition } from '../../../core/detect/alerts.js';
import type { MinuteRecord } from '../../../core/detect/minute-record.js';
import { ArgusError } from '../../../core/errors.js';
import { baselineId, toAlert, toBaseline, type BaselineRow, type DetectionCommit, type DetectionStore, type NewBaseline } from '../sqlite/detection-store.js';
import { openPostgresPool } from './postgres-event-store.js';

type Row = Omit<BaselineRow, 'created_ms' | 'activated_ms'> & { created_ms: string; activated_ms: string | null };
const baselineOf = (r: Row) => toBaseline({ ...r, created_ms: Number(r.created_ms), activated_ms: r.activated_ms === null ? null : Number(r.activated_ms) });

/**
 * The detection store in PostgreSQL (tables of migrations-detection.ts), for when events live
 * there too: several processes then see the same baselines, alerts and transitions. Each write
 * that reads before it writes (a new version number, activation, acknowledgement) runs in one
 * transaction under a per-deployment advisory lock, so two processes cannot both take version n.
 */
export function createPostgresDetectionStore(pool: pg.Pool): DetectionStore {
  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try { return await fn(); } catch (cause) {
      if (cause instanceof ArgusError) throw cause;
      throw new ArgusError('ARGUS_ERR_STORAGE', `PostgreSQL detection ${what} failed: ${(cause as Error).message}`, { cause });
    }
  };
  const tx = <T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => wrap(what, () => inTransaction(pool, fn));
  const lock = (c: pg.PoolClient, deployment: string) => c.query("SELECT pg_advisory_xact_lock(hashtext('argus-baselines:' || $1))", [deployment]);
  const one = async (c: pg.Pool | pg.PoolClient, id: string) => (await c.query<Row>('SELECT * FROM baselines WHERE id = $1', [id])).rows[0];
  const saveAlert = (c: pg.PoolClient, a: Alert, nowMs: number) => c.query(
    `INSERT INTO alerts (id, deployment, metric, category, state, severity, first_fired_ms, updated_ms, data_json) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, severity = EXCLUDED.severity, updated_ms = EXCLUDED.updated_ms, data_json = EXCLUDED.data_json`,
    [a.id, a.deployment, a.metric, a.category ?? '', a.state, a.severity, a.firstFiredMs, nowMs, JSON.stringify(a)]);
  const addTransitions = async (c: pg.PoolClient, ts: readonly AlertTransition[]) => {
    const out: AlertTransition[] = [];
    for (const t of ts) {
      const { seq: _ignored, ...rest } = t;
      const r = await c.query<{ seq: string }>('INSERT INTO alert_transitions (alert_id, type, at_ms, data_json) VALUES ($1,$2,$3,$4) RETURNING seq', [t.alertId, t.type, t.atMs, JSON.stringify(rest)]);
      out.push({ ...rest, seq: Number(r.rows[0]?.seq) });
    }
    return out;
  };

  return {
    insertBaseline: (b: NewBaseline) => tx('insert', async (c) => {
      await lock(c, b.deployment);
      const max = (await c.query<{ v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM baselines WHERE deployment = $1', [b.deployment])).rows[0]?.v ?? 0;
      const version = Number(max) + 1;
      const id = baselineId(b, version);
      if (b.status === 'active') await c.query("UPDATE baselines SET status = 'retired' WHERE deployment = $1 AND status = 'active'", [b.deployment]);
      await c.query(`INSERT INTO baselines (id, deployment, version, reason, status, created_ms, activated_ms, source_json, fingerprint_json, profile_json, note)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, [id, b.deployment, version, b.reason, b.status, b.createdMs, b.status === 'active' ? b.createdMs : null,
        JSON.stringify(b.source), JSON.stringify(b.profile.fingerprint), JSON.stringify(b.profile), b.note ?? null]);
      return baselineOf(await one(c, id) as Row);
    }),
    getBaseline: (id) => wrap('read', async () => { const r = await one(pool, id); return r && baselineOf(r); }),
    listBaselines: (deployment) => wrap('read', async () => (deployment
      ? await pool.query<Row>('SELECT * FROM baselines WHERE deployment = $1 ORDER BY version', [deployment])
      : await pool.query<Row>('SELECT * FROM baselines ORDER BY deployment, version')).rows.map(baselineOf)),
    activeBaseline: (deployment) => wrap('read', async () => {
      const r = (await pool.query<Row>("SELECT * FROM baselines WHERE deployment = $1 AND status = 'active'", [deployment])).rows[0];
      return r && baselineOf(r);
    }),
    activateBaseline: (id, atMs) => tx('activate', async (c) => {
      const row = await one(c, id);
      if (!row) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no baseline with id '${id}'`);
      await lock(c, row.deployment);
      await c.query("UPDATE baselines SET status = 'retired' WHERE deployment = $1 AND status = 'active'", [row.deployment]);
      await c.query("UPDATE baselines SET status = 'active', activated_ms = $1 WHERE id = $2", [atMs, id]);
      return baselineOf(await one(c, id) as Row);
    }),
    deploymentsWithActiveBaseline: () => wrap('read', async () => (await pool.query<{ deployment: string }>("SELECT deployment FROM baselines WHERE status = 'active' ORDER BY deployment")).rows.map((r) => r.deployment)),
    loadDetectorState: (deployment) => wrap('read', async () => {
      const r = (await pool.query<{ baseline_id: string; state_json: string }>('SELECT baseline_id, state_json FROM detector_state WHERE deployment = $1', [deployment])).rows[0];
      return r && { baselineId: r.baseline_id, stateJson: r.state_json };
    }),
    readMinutes: (deployment, id, fromMs, toMs) => wrap('read', async () => (await pool.query<{ data_json: string }>(
      'SELECT data_json FROM detection_minutes WHERE deployment = $1 AND baseline_id = $2 AND minute_ms >= $3 AND minute_ms < $4 ORDER BY minute_ms',
      [deployment, id, fromMs, toMs])).rows.map((r) => JSON.parse(r.data_json) as MinuteRecord)),
    openAlerts: (deployment) => wrap('read', async () => (await pool.query<{ data_json: string }>("SELECT data_json FROM alerts WHERE deployment = $1 AND state = 'firing'", [deployment])).rows.map((r) => toAlert(r.data_json))),
    getAlert: (id) => wrap('read', async () => { const r = (await pool.query<{ data_json: string }>('SELECT data_json FROM alerts WHERE id = $1', [id])).rows[0]; return r && toAlert(r.data_json); }),
    listAlerts: (f) => wrap('read', async () => {
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (col: string, v: unknown) => { args.push(v); where.push(`${col} = $${args.length}`); };
      if (f.deployment) add('deployment', f.deployment);
      if (f.state) add('state', f.state);
      if (f.severity) add('severity', f.severity);
      args.push(f.limit);
      const sql = `SELECT data_json FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_ms DESC, first_fired_ms DESC LIMIT $${args.length}`;
      return (await pool.query<{ data_json: string }>(sql, args)).rows.map((r) => toAlert(r.data_json));
    }),
    commitRun: (c: DetectionCommit) => tx('commit', async (db) => {
      await db.query(`INSERT INTO detector_state (deployment, baseline_id, state_json, updated_ms) VALUES ($1,$2,$3,$4)
        ON CONFLICT (deployment) DO UPDATE SET baseline_id = EXCLUDED.baseline_id, state_json = EXCLUDED.state_json, updated_ms = EXCLUDED.updated_ms`,
      [c.deployment, c.baselineId, c.stateJson, c.nowMs]);
      for (const m of c.minutes) {
        await db.query(`INSERT INTO detection_minutes (deployment, baseline_id, minute_ms, data_json) VALUES ($1,$2,$3,$4)
          ON CONFLICT (deployment, baseline_id, minute_ms) DO UPDATE SET data_json = EXCLUDED.data_json`, [c.deployment, c.baselineId, m.minuteMs, JSON.stringify(m)]);
      }
      for (const a of c.alerts) await saveAlert(db, a, c.nowMs);
      return addTransitions(db, c.transitions);
    }),
    acknowledgeAlert: (id, by, atMs) => tx('acknowledge', async (c) => {
      const r = (await c.query<{ data_json: string }>('SELECT data_json FROM alerts WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!r) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no alert with id '${id}'`);
      const cur = toAlert(r.data_json);
      if (cur.acknowledgedMs !== null) throw new ArgusError('ARGUS_ERR_CONFLICT', `alert '${id}' was already acknowledged by ${cur.acknowledgedBy} at ${new Date(cur.acknowledgedMs).toISOString()}`);
      const a: Alert = { ...cur, acknowledgedMs: atMs, acknowledgedBy: by };
      await saveAlert(c, a, atMs);
      return (await addTransitions(c, [{ type: 'acknowledged', alertId: id, atMs, fromSeverity: a.severity, toSeverity: a.severity, alert: a }]))[0] as AlertTransition;
    }),
    // A session-level advisory lock on a client of its own, held for the whole run: a second
    // server on the same database skips the deployment instead of running detection twice.
    async whileLeading<T>(deployment: string, fn: () => Promise<T>): Promise<T | undefined> {
      const c = await wrap('lock', () => pool.connect());
      try {
        const got = (await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext('argus-detect:' || $1)) AS ok", [deployment])).rows[0]?.ok === true;
        if (!got) return undefined;
        try { return await fn(); } finally { await c.query("SELECT pg_advisory_unlock(hashtext('argus-detect:' || $1))", [deployment]).catch(() => undefined); }
      } finally {
        c.release();
      }
    },
    listTransitions: (afterSeq, limit) => wrap('read', async () => (await pool.query<{ seq: string; data_json: string }>(
      'SELECT seq, data_json FROM alert_transitions WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit])).rows
      .map((r) => ({ ...alertTransitionSchema.parse(JSON.parse(r.data_json)), seq: Number(r.seq) }))),
  };
}

/**
 * A detection store usable at once (the pool opens and migrates in the background; every call
 * waits for it). The pool lets the process exit when idle, so a CLI command need not close it.
 */
export function openPostgresDetectionStore(connectionString: string, options: { schema?: string } = {}): DetectionStore & { close(): Promise<void> } {
  const ready = openPostgresPool(connectionString, { ...options, allowExitOnIdle: true }).then((pool) => ({ pool, store: createPostgresDetectionStore(pool) }));
  ready.catch(() => undefined); // reported by the first call that awaits it
  const lazy = {} as Record<string, unknown>;
  const methods = ['insertBaseline', 'getBaseline', 'listBaselines', 'activeBaseline', 'activateBaseline', 'deploymentsWithActiveBaseline', 'loadDetectorState',
    'readMinutes', 'openAlerts', 'getAlert', 'listAlerts', 'commitRun', 'acknowledgeAlert', 'listTransitions', 'whileLeading'] as const satisfies ReadonlyArray<keyof DetectionStore>;
  for (const m of methods) {
    lazy[m] = async (...args: unknown[]) => {
      const { store } = await ready;
      return (store[m] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return { ...(lazy as unknown as DetectionStore), close: async () => { await (await ready).pool.end(); } };
}
