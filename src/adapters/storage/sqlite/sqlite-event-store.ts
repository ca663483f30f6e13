import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventAnalysis, StoredEvent } from '../../../core/events/event.js';
import { DEFAULT_SQLITE_CACHE_MIB } from '../../../contracts/config.js';
import { ArgusError } from '../../../core/errors.js';
import { ROLLUPS_READY_SETTING, rollupDeltas } from '../rollups.js';
import { pageOfRows, readCursor, type AggregateRow, type EventQuery, type EventStore, type EventWindow } from '../types.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { prepareRowInsert, seqsToOutcomes } from './row-insert.js';
import { eventToInsertRow, rowToAnalysis, rowToAnalysisState, rowToDetection, rowToEvent, type AnalysisRow, type AnalysisStateRow, type DetectionSqlRow, type EventRow } from './rows.js';

export interface SqliteStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  synchronous?: 'full' | 'normal';
  /** Page cache of this connection, MiB (config storage.sqlite_cache_mib; SQLite's own default). */
  cacheMiB?: number;
}

/** Opens (creating if needed) an SQLite database in WAL mode and brings its schema up to date. */
export function openSqliteDatabase(options: SqliteStoreOptions): Database.Database {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(options.path);
  } catch (cause) {
    throw new ArgusError('ARGUS_ERR_STORAGE', `cannot open SQLite database ${options.path}: ${(cause as Error).message}`, { cause });
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A negative cache_size is in KiB.
  db.pragma(`cache_size = ${-Math.round((options.cacheMiB ?? DEFAULT_SQLITE_CACHE_MIB) * 1024)}`);
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const m of SQLITE_MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
  }
}

export function createSqliteEventStore(db: Database.Database, options: { synchronous?: 'full' | 'normal' } = {}): EventStore {
  // In WAL mode, NORMAL commits skip the fsync; a later FULL commit syncs everything before it.
  const durableMode = options.synchronous === 'normal' ? 'NORMAL' : 'FULL';
  let currentMode = '';
  const setMode = (mode: 'FULL' | 'NORMAL') => {
    if (mode !== currentMode) { db.pragma(`synchronous = ${mode}`); currentMode = mode; }
  };
  const insertRows = prepareRowInsert(db);
  const byId = db.prepare(`SELECT e.*, a.status, a.analyzed_ms, a.features_json, a.scores_json, a.error
    FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq WHERE e.id = ?`);
  const pending = db.prepare(`SELECT e.* FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq
    WHERE e.seq > ? AND a.seq IS NULL ORDER BY e.seq LIMIT ?`);
  const analysisStates = db.prepare(`SELECT e.seq, e.id, e.deployment, e.ts_ms, e.received_ms, a.status, a.scores_json
    FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq WHERE e.seq > ? ORDER BY e.seq LIMIT ?`);
  const detectionPage = db.prepare(DETECTION_PAGE_SQL);
  const firstUnanalysed = db.prepare(FIRST_UNANALYSED_SQL).pluck();
  const insertAnalysis = db.prepare(`INSERT OR REPLACE INTO event_analysis (seq, status, analyzed_ms, features_json, scores_json, error)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const getSetting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const deploymentNames = db.prepare('WITH RECURSIVE d(name) AS (SELECT min(deployment) FROM events UNION ALL SELECT (SELECT min(deployment) FROM events WHERE deployment > d.name) FROM d WHERE d.name IS NOT NULL) SELECT name FROM d WHERE name IS NOT NULL').pluck();
  const setSettingStmt = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  const readAggregate = db.prepare('SELECT data_json FROM minute_aggregates WHERE deployment = ? AND source = ? AND minute_ms = ?').pluck();
  const writeAggregate = db.prepare('INSERT OR REPLACE INTO minute_aggregates (deployment, source, minute_ms, data_json) VALUES (?, ?, ?, ?)');
  const readRollup = db.prepare('SELECT data_json FROM aggregate_rollups WHERE deployment = ? AND source = ? AND resolution_ms = ? AND start_ms = ?').pluck();
  const writeRollup = db.prepare('INSERT OR REPLACE INTO aggregate_rollups (deployment, source, resolution_ms, start_ms, data_json) VALUES (?, ?, ?, ?, ?)');
  const foldRollups = (deltas: readonly AggregateRow[], merge: (a: unknown, b: unknown) => unknown) => {
    for (const r of rollupDeltas(deltas, merge)) {
      const stored = readRollup.get(r.deployment, r.source, r.resolutionMs, r.startMs) as string | undefined;
      writeRollup.run(r.deployment, r.source, r.resolutionMs, r.startMs, JSON.stringify(stored === undefined ? r.data : merge(JSON.parse(stored), r.data)));
    }
  };
  const saveAll = db.transaction((analyses: readonly EventAnalysis[], deltas: readonly AggregateRow[], merge: (a: unknown, b: unknown) => unknown, settings: Record<string, string>) => {
    for (const [key, value] of Object.entries(settings)) setSettingStmt.run(key, value);
    for (const a of analyses) {
      insertAnalysis.run(a.seq, a.status, a.analyzedMs, a.features ? JSON.stringify(a.features) : null,
        a.scores ? JSON.stringify(a.scores) : null, a.error ?? null);
    }
    for (const d of deltas) {
      const stored = readAggregate.get(d.deployment, d.source, d.minuteMs) as string | undefined;
      const value = stored === undefined ? d.data : merge(JSON.parse(stored), d.data);
      writeAggregate.run(d.deployment, d.source, d.minuteMs, JSON.stringify(value));
    }
    foldRollups(deltas, merge);
  });

  const guard = <T>(what: string, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (cause) {
      if (cause instanceof ArgusError) return Promise.reject(cause);
      return Promise.reject(new ArgusError('ARGUS_ERR_STORAGE', `SQLite ${what} failed: ${(cause as Error).message}`, { cause }));
    }
  };

  return {
    dialect: 'sqlite',
    insertEvents: (events, opts = {}) => guard('insert', () => {
      setMode(opts.durable === false ? 'NORMAL' : durableMode);
      return seqsToOutcomes(insertRows(events.map(eventToInsertRow)));
    }),
    getEvent: (id) => guard('read', () => {
      const row = byId.get(id) as (EventRow & AnalysisRow) | undefined;
      if (!row) return undefined;
      return { ...rowToEvent(row), analysis: rowToAnalysis(row) };
    }),
    listEvents: (q) => guard('list', () => {
      const { sql, params } = eventPageQuery(q);
      const page = pageOfRows(db.prepare(sql).all(...params) as Array<EventRow & AnalysisRow>, q.limit, q.order);
      return { events: page.rows.map((r) => ({ ...rowToEvent(r), analysis: rowToAnalysis(r) })), nextCursor: page.nextCursor };
    }),
    countEvents: (q = {}) => guard('count', () => {
      const { where, params } = filters(q);
      return db.prepare(`SELECT count(*) FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck().get(...params) as number;
    }),
    listAnalysisStates: (afterSeq, limit) => guard('read', () => (analysisStates.all(afterSeq, limit) as AnalysisStateRow[]).map(rowToAnalysisState)),
    listDetectionRows: (w, page) => guard('list', () => {
      const at = page.cursor === undefined ? { tsMs: -Infinity, seq: 0 } : readCursor('time', page.cursor);
      const rows = detectionPage.all(w.deployment, w.source, w.sinceMs, w.untilMs, at.tsMs ?? -Infinity, at.seq, page.limit + 1) as DetectionSqlRow[];
      const kept = pageOfRows(rows, page.limit, 'time');
      return { rows: kept.rows.map(rowToDetection), nextCursor: kept.nextCursor };
    }),
    firstUnanalysedMs: (w: EventWindow) => guard('read', () => firstUnanalysed.get(w.deployment, w.source, w.sinceMs, w.untilMs) as number | undefined),
    pendingAnalysis: (afterSeq, limit) => guard('read', () => (pending.all(afterSeq, limit) as EventRow[]).map(rowToEvent)),
    saveAnalyses: (analyses, deltas, merge, settings = {}) => guard('write', () => {
      setMode('NORMAL');
      saveAll(analyses, deltas, merge, settings);
    }),
    readAggregates: (q) => guard('read', () => {
      const rollup = q.resolutionMs !== undefined && q.resolutionMs !== 60_000;
      const time = rollup ? 'start_ms' : 'minute_ms';
      const where = [`${time} >= ?`, `${time} < ?`];
      const params: Array<string | number> = [q.fromMs, q.toMs];
      if (rollup) { where.push('resolution_ms = ?'); params.push(q.resolutionMs!); }
      if (q.deployment !== undefined) { where.push('deployment = ?'); params.push(q.deployment); }
      if (q.source !== undefined) { where.push('source = ?'); params.push(q.source); }
      const rows = db.prepare(`SELECT deployment, source, ${time} AS t, data_json FROM ${rollup ? 'aggregate_rollups' : 'minute_aggregates'} WHERE ${where.join(' AND ')} ORDER BY ${time}`)
        .all(...params) as Array<{ deployment: string; source: StoredEvent['source']; t: number; data_json: string }>;
      return rows.map((r) => ({ deployment: r.deployment, source: r.source, minuteMs: r.t, data: JSON.parse(r.data_json) as unknown }));
    }),
    rebuildRollups: async (merge) => {
      // One UTC day of one series per transaction, yielding in between, so a big store is rebuilt
      // without holding the event loop or a write lock for long.
      const series = db.prepare('SELECT DISTINCT deployment, source FROM minute_aggregates').all() as Array<{ deployment: string; source: StoredEvent['source'] }>;
      const days = db.prepare('SELECT DISTINCT minute_ms / 86400000 FROM minute_aggregates WHERE deployment = ? AND source = ?').pluck();
      const minutes = db.prepare('SELECT minute_ms, data_json FROM minute_aggregates WHERE deployment = ? AND source = ? AND minute_ms >= ? AND minute_ms < ?');
      const clear = db.prepare('DELETE FROM aggregate_rollups WHERE deployment = ? AND source = ? AND start_ms >= ? AND start_ms < ?');
      const rebuildDay = db.transaction((s: { deployment: string; source: StoredEvent['source'] }, dayMs: number) => {
        const rows = minutes.all(s.deployment, s.source, dayMs, dayMs + 86_400_000) as Array<{ minute_ms: number; data_json: string }>;
        clear.run(s.deployment, s.source, dayMs, dayMs + 86_400_000);
        foldRollups(rows.map((r) => ({ ...s, minuteMs: r.minute_ms, data: JSON.parse(r.data_json) as unknown })), merge);
        return rows.length;
      });
      let read = 0;
      try {
        for (const s of series) {
          for (const day of days.all(s.deployment, s.source) as number[]) {
            read += rebuildDay(s, day * 86_400_000);
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        setSettingStmt.run(ROLLUPS_READY_SETTING, '1');
      } catch (cause) {
        throw new ArgusError('ARGUS_ERR_STORAGE', `SQLite rollup rebuild failed: ${(cause as Error).message}`, { cause });
      }
      return read;
    },
    listDeployments: () => guard('read', () => (db.prepare(
      'SELECT deployment, count(*) AS events, max(ts_ms) AS lastMs FROM events GROUP BY deployment ORDER BY deployment',
    ).all() as Array<{ deployment: string; events: number; lastMs: number }>)),
    // Loose index scan on events_deployment_ts: each step jumps to the next deployment.
    listDeploymentNames: () => guard('read', () => deploymentNames.all() as string[]),
    getSetting: (key) => guard('read', () => getSetting.get(key) as string | undefined),
    setSetting: (key, value) => guard('write', () => { setMode(durableMode); setSettingStmt.run(key, value); }),
    close: () => guard('close', () => { if (db.open) db.close(); }),
  };
}

/**
 * A detection read: analysed events of one deployment and source in a time range, with the five
 * score fields picked out of scores_json by SQLite's JSON functions (about 3 µs a row, against
 * parsing the whole object in JavaScript) and metadata.tools only when it is a string. The
 * (deployment, ts_ms) index gives rows in (ts_ms, seq) order, so a page needs no sort.
 */
export const DETECTION_PAGE_SQL = `SELECT e.seq, e.ts_ms, e.model, e.latency_ms, e.input_json, e.output,
    CASE json_type(e.metadata_json, '$.tools') WHEN 'text' THEN json_extract(e.metadata_json, '$.tools') END AS tools,
    a.features_json,
    json_extract(a.scores_json, '$.harm_category.top') AS harm_category,
    json_extract(a.scores_json, '$.refusal.label') AS refusal,
    json_extract(a.scores_json, '$.policy_violation.score') AS policy_score,
    json_extract(a.scores_json, '$.toxicity.score') AS toxicity,
    json_array_length(a.scores_json, '$.jailbreak.triggers') AS jailbreak_triggers
  FROM events e JOIN event_analysis a ON a.seq = e.seq
  WHERE e.deployment = ? AND e.source = ? AND e.ts_ms >= ? AND e.ts_ms < ? AND a.status = 'done' AND (e.ts_ms, e.seq) > (?, ?)
  ORDER BY e.ts_ms, e.seq LIMIT ?`;

/** The earliest unanalysed event of a window: the same index, stopping at the first match. */
export const FIRST_UNANALYSED_SQL = `SELECT e.ts_ms FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq
  WHERE e.deployment = ? AND e.source = ? AND e.ts_ms >= ? AND e.ts_ms < ? AND a.seq IS NULL ORDER BY e.ts_ms LIMIT 1`;

/**
 * The SELECT of one page of `listEvents` (limit + 1 rows, to tell whether a next page exists).
 * By time, the (deployment, ts_ms) index holds rows in (ts_ms, seq) order; by seq, the
 * (deployment, seq) index or the table does: neither plan sorts (tests assert the query plans).
 */
export function eventPageQuery(q: EventQuery): { sql: string; params: Array<string | number> } {
  const byTime = q.order === 'time';
  const { where, params } = filters(q, { timeIndexed: byTime });
  const order = q.order === 'asc' ? 'ASC' : 'DESC';
  if (q.cursor !== undefined) {
    const at = readCursor(q.order, q.cursor);
    if (at.tsMs === undefined) {
      where.push(order === 'ASC' ? 'e.seq > ?' : 'e.seq < ?');
      params.push(at.seq);
    } else {
      where.push('(e.ts_ms, e.seq) > (?, ?)');
      params.push(at.tsMs, at.seq);
    }
  }
  const sql = `SELECT e.*, a.status, a.analyzed_ms, a.features_json, a.scores_json, a.error
    FROM events e LEFT JOIN event_analysis a ON a.seq = e.seq
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${byTime ? 'e.ts_ms, e.seq' : `e.seq ${order}`} LIMIT ?`;
  return { sql, params: [...params, q.limit + 1] };
}

/**
 * WHERE terms of an event query. With `timeIndexed: false` (a listing in seq order) the time bounds
 * are written `+e.ts_ms`, which keeps SQLite from answering them with a time index: it would
 * then sort every row of the range to find one page in seq order (at 3 million events, 16 s and
 * gigabytes of temporary B-tree a page). The listing walks seq (the (deployment, seq) index or the
 * table itself) and checks the bounds row by row, and stops at the page's end.
 */
function filters(q: Omit<EventQuery, 'limit' | 'cursor' | 'order'>, o: { timeIndexed: boolean } = { timeIndexed: true }): { where: string[]; params: Array<string | number> } {
  const where: string[] = [];
  const params: Array<string | number> = [];
  const ts = o.timeIndexed ? 'e.ts_ms' : '+e.ts_ms';
  if (q.deployment !== undefined) { where.push('e.deployment = ?'); params.push(q.deployment); }
  if (q.source !== undefined) { where.push('e.source = ?'); params.push(q.source); }
  if (q.sinceMs !== undefined) { where.push(`${ts} >= ?`); params.push(q.sinceMs); }
  if (q.untilMs !== undefined) { where.push(`${ts} < ?`); params.push(q.untilMs); }
  return { where, params };
}
