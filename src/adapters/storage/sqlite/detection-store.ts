import type Database from 'better-sqlite3';
import { alertSchema, alertTransitionSchema } from '../../../contracts/alert.js';
import { baselineSourceSchema, parseProfile, type BaselineReason, type BaselineSource, type BaselineStatus, type BaselineVersion } from '../../../contracts/baseline.js';
import type { Alert, AlertTransition } from '../../../core/detect/alerts.js';
import type { AlertSeverity } from '../../../core/detect/types.js';
import type { MinuteRecord } from '../../../core/detect/minute-record.js';
import { ArgusError } from '../../../core/errors.js';
import { textHash } from '../../../core/baseline/fingerprint.js';

export interface NewBaseline {
  deployment: string;
  reason: BaselineReason;
  status: BaselineStatus;
  createdMs: number;
  source: BaselineSource;
  profile: BaselineVersion['profile'];
  note?: string | null;
}

export interface AlertFilter { deployment?: string | undefined; state?: Alert['state'] | undefined; severity?: AlertSeverity | undefined; limit: number }

/** What one detection run writes, in one transaction. */
export interface DetectionCommit {
  deployment: string;
  baselineId: string;
  stateJson: string;
  nowMs: number;
  minutes: readonly MinuteRecord[];
  alerts: readonly Alert[];
  transitions: readonly AlertTransition[];
}

/**
 * The detection engine's storage port: baselines, detector state, per-minute detection records,
 * alerts and the append-only log of alert transitions (whose `seq` lets a subscriber that was
 * down catch up without missing or repeating a transition).
 */
export interface DetectionStore {
  insertBaseline(b: NewBaseline): Promise<BaselineVersion>;
  getBaseline(id: string): Promise<BaselineVersion | undefined>;
  listBaselines(deployment?: string): Promise<BaselineVersion[]>;
  activeBaseline(deployment: string): Promise<BaselineVersion | undefined>;
  /** Makes `id` the active baseline of its deployment; the previous one is retired. */
  activateBaseline(id: string, atMs: number): Promise<BaselineVersion>;
  deploymentsWithActiveBaseline(): Promise<string[]>;
  loadDetectorState(deployment: string): Promise<{ baselineId: string; stateJson: string } | undefined>;
  readMinutes(deployment: string, baselineId: string, fromMs: number, toMs: number): Promise<MinuteRecord[]>;
  openAlerts(deployment: string): Promise<Alert[]>;
  getAlert(id: string): Promise<Alert | undefined>;
  listAlerts(filter: AlertFilter): Promise<Alert[]>;
  /** Saves state, minutes, alerts and transitions atomically; returns the transitions with their seq. */
  commitRun(c: DetectionCommit): Promise<AlertTransition[]>;
  acknowledgeAlert(id: string, by: string, atMs: number): Promise<AlertTransition>;
  /** Transitions after `afterSeq`, oldest first. */
  listTransitions(afterSeq: number, limit: number): Promise<AlertTransition[]>;
  /**
   * Runs `fn` only if no other process is running detection for `deployment` (a shared store's
   * leader lock); resolves to undefined when another holds it. Absent: one process owns the store.
   */
  whileLeading?<T>(deployment: string, fn: () => Promise<T>): Promise<T | undefined>;
}

/** A baselines row; shared with the PostgreSQL store, whose tables have the same columns. */
export interface BaselineRow { id: string; deployment: string; version: number; reason: string; status: string; created_ms: number; activated_ms: number | null; source_json: string; fingerprint_json: string; profile_json: string; note: string | null }

export const toBaseline = (r: BaselineRow): BaselineVersion => ({
  id: r.id, deployment: r.deployment, version: r.version, reason: r.reason as BaselineReason, status: r.status as BaselineStatus,
  createdMs: r.created_ms, activatedMs: r.activated_ms, source: baselineSourceSchema.parse(JSON.parse(r.source_json)),
  fingerprint: JSON.parse(r.fingerprint_json) as BaselineVersion['fingerprint'], profile: parseProfile(r.profile_json, `baseline ${r.id}`), note: r.note,
});
export const toAlert = (json: string): Alert => alertSchema.parse(JSON.parse(json));

/** A baseline's id: a hash of deployment, version and creation time. */
export const baselineId = (b: NewBaseline, version: number): string => `bl_${textHash(`${b.deployment}|${version}|${b.createdMs}`)}`;

/** SQLite implementation over a database already migrated by openSqliteDatabase (tables of migrations-detection.ts). */
export function createSqliteDetectionStore(db: Database.Database): DetectionStore {
  const q = {
    maxVersion: db.prepare('SELECT COALESCE(MAX(version), 0) FROM baselines WHERE deployment = ?').pluck(),
    insertBaseline: db.prepare(`INSERT INTO baselines (id, deployment, version, reason, status, created_ms, activated_ms, source_json, fingerprint_json, profile_json, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    baseline: db.prepare('SELECT * FROM baselines WHERE id = ?'),
    baselinesAll: db.prepare('SELECT * FROM baselines ORDER BY deployment, version'),
    baselinesOf: db.prepare('SELECT * FROM baselines WHERE deployment = ? ORDER BY version'),
    active: db.prepare("SELECT * FROM baselines WHERE deployment = ? AND status = 'active'"),
    activeDeployments: db.prepare("SELECT deployment FROM baselines WHERE status = 'active' ORDER BY deployment").pluck(),
    retire: db.prepare("UPDATE baselines SET status = 'retired' WHERE deployment = ? AND status = 'active'"),
    activate: db.prepare("UPDATE baselines SET status = 'active', activated_ms = ? WHERE id = ?"),
    state: db.prepare('SELECT baseline_id AS baselineId, state_json AS stateJson FROM detector_state WHERE deployment = ?'),
    saveState: db.prepare('INSERT OR REPLACE INTO detector_state (deployment, baseline_id, state_json, updated_ms) VALUES (?, ?, ?, ?)'),
    minutes: db.prepare('SELECT data_json FROM detection_minutes WHERE deployment = ? AND baseline_id = ? AND minute_ms >= ? AND minute_ms < ? ORDER BY minute_ms').pluck(),
    saveMinute: db.prepare('INSERT OR REPLACE INTO detection_minutes (deployment, baseline_id, minute_ms, data_json) VALUES (?, ?, ?, ?)'),
    openAlerts: db.prepare("SELECT data_json FROM alerts WHERE deployment = ? AND state = 'firing'").pluck(),
    alert: db.prepare('SELECT data_json FROM alerts WHERE id = ?').pluck(),
    saveAlert: db.prepare(`INSERT OR REPLACE INTO alerts (id, deployment, metric, category, state, severity, first_fired_ms, updated_ms, data_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    addTransition: db.prepare('INSERT INTO alert_transitions (alert_id, type, at_ms, data_json) VALUES (?, ?, ?, ?)'),
    transitions: db.prepare('SELECT seq, data_json FROM alert_transitions WHERE seq > ? ORDER BY seq LIMIT ?'),
  };
  const saveAlert = (a: Alert, nowMs: number) => q.saveAlert.run(a.id, a.deployment, a.metric, a.category ?? '', a.state, a.severity, a.firstFiredMs, nowMs, JSON.stringify(a));
  const addTransitions = (ts: readonly AlertTransition[]) => ts.map((t) => {
    const { seq: _ignored, ...rest } = t;
    const r = q.addTransition.run(t.alertId, t.type, t.atMs, JSON.stringify(rest));
    return { ...rest, seq: Number(r.lastInsertRowid) };
  });
  const insertBaselineTx = db.transaction((b: NewBaseline): string => {
    const version = (q.maxVersion.get(b.deployment) as number) + 1;
    const id = baselineId(b, version);
    if (b.status === 'active') q.retire.run(b.deployment);
    q.insertBaseline.run(id, b.deployment, version, b.reason, b.status, b.createdMs, b.status === 'active' ? b.createdMs : null,
      JSON.stringify(b.source), JSON.stringify(b.profile.fingerprint), JSON.stringify(b.profile), b.note ?? null);
    return id;
  });
  const activateTx = db.transaction((id: string, atMs: number) => {
    const row = q.baseline.get(id) as BaselineRow | undefined;
    if (!row) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no baseline with id '${id}'`);
    q.retire.run(row.deployment);
    q.activate.run(atMs, id);
  });
  const commitTx = db.transaction((c: DetectionCommit) => {
    q.saveState.run(c.deployment, c.baselineId, c.stateJson, c.nowMs);
    for (const m of c.minutes) q.saveMinute.run(c.deployment, c.baselineId, m.minuteMs, JSON.stringify(m));
    for (const a of c.alerts) saveAlert(a, c.nowMs);
    return addTransitions(c.transitions);
  });
  const ackTx = db.transaction((id: string, by: string, atMs: number): AlertTransition => {
    const json = q.alert.get(id) as string | undefined;
    if (!json) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no alert with id '${id}'`);
    const cur = toAlert(json);
    if (cur.acknowledgedMs !== null) throw new ArgusError('ARGUS_ERR_CONFLICT', `alert '${id}' was already acknowledged by ${cur.acknowledgedBy} at ${new Date(cur.acknowledgedMs).toISOString()}`);
    const a: Alert = { ...cur, acknowledgedMs: atMs, acknowledgedBy: by };
    saveAlert(a, atMs);
    return addTransitions([{ type: 'acknowledged', alertId: id, atMs, fromSeverity: a.severity, toSeverity: a.severity, alert: a }])[0] as AlertTransition;
  });
  return {
    async insertBaseline(b) { return toBaseline(q.baseline.get(insertBaselineTx(b)) as BaselineRow); },
    async getBaseline(id) { const r = q.baseline.get(id) as BaselineRow | undefined; return r && toBaseline(r); },
    async listBaselines(deployment) { return ((deployment ? q.baselinesOf.all(deployment) : q.baselinesAll.all()) as BaselineRow[]).map(toBaseline); },
    async activeBaseline(deployment) { const r = q.active.get(deployment) as BaselineRow | undefined; return r && toBaseline(r); },
    async activateBaseline(id, atMs) { activateTx(id, atMs); return toBaseline(q.baseline.get(id) as BaselineRow); },
    async deploymentsWithActiveBaseline() { return q.activeDeployments.all() as string[]; },
    async loadDetectorState(deployment) { return q.state.get(deployment) as { baselineId: string; stateJson: string } | undefined; },
    async readMinutes(deployment, baselineId, fromMs, toMs) { return (q.minutes.all(deployment, baselineId, fromMs, toMs) as string[]).map((j) => JSON.parse(j) as MinuteRecord); },
    async openAlerts(deployment) { return (q.openAlerts.all(deployment) as string[]).map(toAlert); },
    async getAlert(id) { const j = q.alert.get(id) as string | undefined; return j === undefined ? undefined : toAlert(j); },
    async listAlerts(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.deployment) { where.push('deployment = ?'); args.push(f.deployment); }
      if (f.state) { where.push('state = ?'); args.push(f.state); }
      if (f.severity) { where.push('severity = ?'); args.push(f.severity); }
      const sql = `SELECT data_json FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_ms DESC, first_fired_ms DESC LIMIT ?`;
      return (db.prepare(sql).pluck().all(...args, f.limit) as string[]).map(toAlert);
    },
    async commitRun(c) { return commitTx(c); },
    async acknowledgeAlert(id, by, atMs) { return ackTx(id, by, atMs); },
    async listTransitions(afterSeq, limit) {
      return (q.transitions.all(afterSeq, limit) as Array<{ seq: number; data_json: string }>).map((r) => ({ ...alertTransitionSchema.parse(JSON.parse(r.data_json)), seq: r.seq }));
    },
  };
}
