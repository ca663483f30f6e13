import type Database from 'better-sqlite3';
import type { AlertTransition } from '../../../contracts/notify.js';
import { ArgusError } from '../../../core/errors.js';
import type { Incident, TimelineEntry } from '../../../core/incidents/types.js';
import type { Mitigation, MitigationStatus } from '../../../core/mitigation/types.js';
import type { ReviewLabel } from '../../../core/review/precision.js';
import type { ReviewItem } from '../../../core/review/types.js';

export type OutboxStatus = 'pending' | 'sent' | 'dead';
export interface OutboxRow {
  id: number; idemKey: string; receiver: string; alertId: string; transition: AlertTransition;
  status: OutboxStatus; attempts: number; nextAttemptMs: number; lastError: string | null; createdMs: number; sentMs: number | null;
}
export type NewIncident = Omit<Incident, 'id' | 'timeline'>;
export type NewMitigation = Omit<Mitigation, 'id'>;
export type NewReviewItem = Omit<ReviewItem, 'id' | 'status' | 'label' | 'note' | 'labeledBy' | 'labeledMs'>;

/**
 * Durable state of the response side, in the same SQLite file as the events (its own connection;
 * WAL lets the server, the analysis process and the CLI share it). Synchronous on purpose: the
 * gateway consults mitigations on every request and better-sqlite3 calls take microseconds.
 */
export function createResponseStore(db: Database.Database) {
  const j = (v: unknown) => JSON.stringify(v);
  const p = <T>(s: string | null): T => JSON.parse(s ?? 'null') as T;
  type R = Record<string, unknown>;
  const outboxRow = (r: R): OutboxRow => ({
    id: r.id as number, idemKey: r.idem_key as string, receiver: r.receiver as string, alertId: r.alert_id as string,
    transition: p(r.transition_json as string), status: r.status as OutboxStatus, attempts: r.attempts as number,
    nextAttemptMs: r.next_attempt_ms as number, lastError: r.last_error as string | null, createdMs: r.created_ms as number, sentMs: r.sent_ms as number | null,
  });
  const timelineRow = (r: R): TimelineEntry => ({
    atMs: r.at_ms as number, actor: r.actor as string, kind: r.kind as TimelineEntry['kind'], message: r.message as string,
    ...(r.data_json ? { data: p<Record<string, unknown>>(r.data_json as string) } : {}),
  });
  const incidentRow = (r: R, timeline: TimelineEntry[]): Incident => ({
    id: r.id as number, deployment: r.deployment as string, severity: r.severity as Incident['severity'], state: r.state as Incident['state'],
    title: r.title as string, alertId: r.alert_id as string | null, openedBy: r.opened_by as string, openedMs: r.opened_ms as number,
    updatedMs: r.updated_ms as number, acknowledgedBy: r.acknowledged_by as string | null, acknowledgedMs: r.acknowledged_ms as number | null,
    evidence: p(r.evidence_json as string), timeline,
  });
  const mitigationRow = (r: R): Mitigation => ({
    id: r.id as number, deployment: r.deployment as string, action: r.action as Mitigation['action'], status: r.status as MitigationStatus,
    params: p(r.params_json as string), triggeredBy: r.triggered_by as string, reason: r.reason as string, severity: r.severity as Mitigation['severity'],
    incidentId: r.incident_id as number | null, createdMs: r.created_ms as number, updatedMs: r.updated_ms as number,
    endedBy: r.ended_by as string | null, endedMs: r.ended_ms as number | null,
  });
  const reviewRow = (r: R): ReviewItem => ({
    id: r.id as number, eventId: r.event_id as string, deployment: r.deployment as string, eventMs: r.event_ms as number,
    rules: p(r.rules_json as string), reasons: p(r.reasons_json as string), maxScore: r.max_score as number, createdMs: r.created_ms as number,
    status: r.status as ReviewItem['status'], label: r.label as ReviewLabel | null, note: r.note as string | null,
    labeledBy: r.labeled_by as string | null, labeledMs: r.labeled_ms as number | null,
  });
  const guard = <T>(what: string, fn: () => T): T => {
    try { return fn(); } catch (cause) {
      if (cause instanceof ArgusError) throw cause;
      throw new ArgusError('ARGUS_ERR_STORAGE', `response store ${what} failed: ${(cause as Error).message}`, { cause });
    }
  };
  const insertReviewStmt = db.prepare(`INSERT OR IGNORE INTO review_items
    (event_id, deployment, event_ms, rules_json, reasons_json, max_score, created_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`);
  const setSetting = db.prepare('INSERT OR REPLACE INTO response_settings (key, value) VALUES (?, ?)');
  const getSetting = db.prepare('SELECT value FROM response_settings WHERE key = ?').pluck();
  const feedPage = db.transaction((items: readonly NewReviewItem[], cursor: { key: string; value: string }) => {
    let added = 0;
    for (const it of items) added += insertReviewStmt.run(it.eventId, it.deployment, it.eventMs, j(it.rules), j(it.reasons), it.maxScore, it.createdMs).changes;
    setSetting.run(cursor.key, cursor.value);
    return added;
  });
  // The connection's own level (FULL by default), restored after each review page, which commits
  // at NORMAL: a page is derived from stored analyses, so losing the last ones to a power cut only
  // makes the feeder read them again (its cursor rolls back with them; WAL keeps both consistent),
  // and an fsync per page held the gateway's event loop (5% of it under end-to-end load).
  const ownSynchronous = Number(db.pragma('synchronous', { simple: true }));
  const bumpMitigations = () => setSetting.run('mitigation_version', String(Number(getSetting.get('mitigation_version') ?? 0) + 1));
  const insertOutbox = db.prepare(`INSERT OR IGNORE INTO notify_outbox (idem_key, receiver, alert_id, transition_json, status, attempts, next_attempt_ms, created_ms)
    VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`);
  const insertTimeline = db.prepare('INSERT INTO incident_timeline (incident_id, at_ms, actor, kind, message, data_json) VALUES (?, ?, ?, ?, ?, ?)');
  const timelineOf = db.prepare('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY id');
  const incidentById = db.prepare('SELECT * FROM incidents WHERE id = ?');
  const mitigationById = db.prepare('SELECT * FROM mitigations WHERE id = ?');
  const reviewById = db.prepare('SELECT * FROM review_items WHERE id = ?');
  const loadIncident = (id: number): Incident | undefined => {
    const r = incidentById.get(id) as R | undefined;
    return r ? incidentRow(r, (timelineOf.all(id) as R[]).map(timelineRow)) : undefined;
  };
  const appendTimeline = (id: number, entries: readonly TimelineEntry[]) => {
    for (const e of entries) insertTimeline.run(id, e.atMs, e.actor, e.kind, e.message, e.data ? j(e.data) : null);
  };

  return {
    db,
    // ---- outbox: one row per (transition, receiver); the unique idem_key makes enqueueing idempotent.
    enqueue: (rows: ReadonlyArray<{ idemKey: string; receiver: string; transition: AlertTransition }>, nowMs: number): number => guard('enqueue', () =>
      db.transaction(() => rows.reduce((n, r) => n + insertOutbox.run(r.idemKey, r.receiver, r.transition.alertId, j(r.transition), nowMs, nowMs).changes, 0))()),
    /** Due deliveries, oldest first, skipping any that wait behind an earlier undelivered one for the same receiver and alert (so resolved never overtakes firing). */
    dueDeliveries: (nowMs: number, limit: number): OutboxRow[] => guard('read outbox', () => (db.prepare(`SELECT * FROM notify_outbox o
      WHERE o.status = 'pending' AND o.next_attempt_ms <= ? AND NOT EXISTS (SELECT 1 FROM notify_outbox e
        WHERE e.status = 'pending' AND e.receiver = o.receiver AND e.alert_id = o.alert_id AND e.id < o.id)
      ORDER BY o.id LIMIT ?`).all(nowMs, limit) as R[]).map(outboxRow)),
    markSent: (id: number, attempts: number, nowMs: number) => guard('mark sent', () => { db.prepare(`UPDATE notify_outbox SET status = 'sent', attempts = ?, sent_ms = ?, last_error = NULL WHERE id = ?`).run(attempts, nowMs, id); }),
    markRetry: (id: number, attempts: number, nextAttemptMs: number, error: string) => guard('mark retry', () => { db.prepare('UPDATE notify_outbox SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ?').run(attempts, nextAttemptMs, error, id); }),
    markDead: (id: number, attempts: number, error: string) => guard('mark dead', () => { db.prepare(`UPDATE notify_outbox SET status = 'dead', attempts = ?, last_error = ? WHERE id = ?`).run(attempts, error, id); }),
    hasPending: (receiver: string, alertId: string): boolean => guard('read outbox', () => db.prepare(`SELECT 1 FROM notify_outbox WHERE receiver = ? AND alert_id = ? AND status = 'pending' LIMIT 1`).get(receiver, alertId) !== undefined),
    listOutbox: (limit: number, status?: OutboxStatus): OutboxRow[] => guard('read outbox', () => (db.prepare(`SELECT * FROM notify_outbox ${status ? 'WHERE status = ?' : ''} ORDER BY id DESC LIMIT ?`)
      .all(...(status ? [status, limit] : [limit])) as R[]).map(outboxRow)),
    // ---- latest transition per alert (Alertmanager re-posts firing ones)
    recordAlertState: (t: AlertTransition) => guard('write alert state', () => { db.prepare(`INSERT INTO alert_state (alert_id, deployment, state, transition_json, updated_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (alert_id) DO UPDATE SET state = excluded.state, transition_json = excluded.transition_json, updated_ms = excluded.updated_ms WHERE excluded.updated_ms >= alert_state.updated_ms`)
      .run(t.alertId, t.deployment, t.state, j(t), t.atMs); }),
    firingAlerts: (): AlertTransition[] => guard('read alert state', () => (db.prepare(`SELECT transition_json FROM alert_state WHERE state = 'firing'`).pluck().all() as string[]).map((s) => p<AlertTransition>(s))),
    // ---- incidents
    createIncident: (inc: NewIncident, first: TimelineEntry): Incident => guard('create incident', () => db.transaction(() => {
      const r = db.prepare(`INSERT INTO incidents (deployment, severity, state, title, alert_id, opened_by, opened_ms, updated_ms, acknowledged_by, acknowledged_ms, evidence_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(inc.deployment, inc.severity, inc.state, inc.title, inc.alertId, inc.openedBy, inc.openedMs, inc.updatedMs, inc.acknowledgedBy, inc.acknowledgedMs, j(inc.evidence));
      const id = Number(r.lastInsertRowid);
      appendTimeline(id, [first]);
      return loadIncident(id) as Incident;
    })()),
    getIncident: (id: number): Incident | undefined => guard('read incident', () => loadIncident(id)),
    /** The newest incident not closed for this deployment (and alert, when given). */
    findActiveIncident: (deployment: string, alertId?: string): Incident | undefined => guard('read incident', () => {
      const id = db.prepare(`SELECT id FROM incidents WHERE deployment = ? AND state NOT IN ('resolved', 'false_positive') ${alertId ? 'AND alert_id = ?' : ''} ORDER BY id DESC LIMIT 1`)
        .pluck().get(...(alertId ? [deployment, alertId] : [deployment])) as number | undefined;
      return id === undefined ? undefined : loadIncident(id);
    }),
    listIncidents: (q: { state?: string; deployment?: string; limit: number }): Incident[] => guard('list incidents', () => {
      const where: string[] = []; const params: Array<string | number> = [];
      if (q.state === 'active') where.push(`state NOT IN ('resolved', 'false_positive')`);
      else if (q.state && q.state !== 'all') { where.push('state = ?'); params.push(q.state); }
      if (q.deployment) { where.push('deployment = ?'); params.push(q.deployment); }
      return (db.prepare(`SELECT * FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...params, q.limit) as R[])
        .map((r) => incidentRow(r, []));
    }),
    /** Writes the incident's fields and appends the new timeline entries, in one transaction. */
    saveIncident: (inc: Incident, newEntries: readonly TimelineEntry[]): Incident => guard('save incident', () => db.transaction(() => {
      db.prepare(`UPDATE incidents SET severity = ?, state = ?, title = ?, updated_ms = ?, acknowledged_by = ?, acknowledged_ms = ?, evidence_json = ? WHERE id = ?`)
        .run(inc.severity, inc.state, inc.title, inc.updatedMs, inc.acknowledgedBy, inc.acknowledgedMs, j(inc.evidence), inc.id);
      appendTimeline(inc.id, newEntries);
      return loadIncident(inc.id) as Incident;
    })()),
    // ---- mitigations
    insertMitigation: (m: NewMitigation): Mitigation => guard('write mitigation', () => db.transaction(() => {
      const r = db.prepare(`INSERT INTO mitigations (deployment, action, status, params_json, triggered_by, reason, severity, incident_id, created_ms, updated_ms, ended_by, ended_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(m.deployment, m.action, m.status, j(m.params), m.triggeredBy, m.reason, m.severity, m.incidentId, m.createdMs, m.updatedMs, m.endedBy, m.endedMs);
      bumpMitigations();
      return mitigationRow(mitigationById.get(Number(r.lastInsertRowid)) as R);
    })()),
    /** Moves a mitigation to `status` if it is currently in `from`; returns it, or undefined if it was not in `from`. */
    updateMitigation: (id: number, from: readonly MitigationStatus[], status: MitigationStatus, by: string, nowMs: number): Mitigation | undefined => guard('write mitigation', () => db.transaction(() => {
      const r = db.prepare(`UPDATE mitigations SET status = ?, ended_by = ?, ended_ms = ?, updated_ms = ? WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`)
        .run(status, by, nowMs, nowMs, id, ...from);
      if (r.changes === 0) return undefined;
      bumpMitigations();
      return mitigationRow(mitigationById.get(id) as R);
    })()),
    getMitigation: (id: number): Mitigation | undefined => guard('read mitigation', () => { const r = mitigationById.get(id) as R | undefined; return r ? mitigationRow(r) : undefined; }),
    listMitigations: (q: { deployment?: string; live?: boolean; limit?: number } = {}): Mitigation[] => guard('read mitigations', () => {
      const where: string[] = []; const params: Array<string | number> = [];
      if (q.deployment) { where.push('deployment = ?'); params.push(q.deployment); }
      if (q.live) where.push(`status IN ('active', 'pending_approval')`);
      return (db.prepare(`SELECT * FROM mitigations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...params, q.limit ?? 1000) as R[]).map(mitigationRow);
    }),
    mitigationVersion: (): number => guard('read setting', () => Number(getSetting.get('mitigation_version') ?? 0)),
    // ---- review queue
    /**
     * One page of the review feeder: its items and its cursor in one transaction, committed
     * without waiting for the disk (see ownSynchronous); returns how many items were new.
     */
    feedReviewPage: (items: readonly NewReviewItem[], cursor: { key: string; value: string }): number => guard('write review page', () => {
      db.pragma('synchronous = NORMAL');
      try { return feedPage(items, cursor); } finally { db.pragma(`synchronous = ${ownSynchronous}`); }
    }),
    listReviewItems: (q: { status: 'pending' | 'labeled' | 'all'; deployment?: string | undefined; sinceMs?: number; limit: number }): ReviewItem[] => guard('read review', () => {
      const where: string[] = []; const params: Array<string | number> = [];
      if (q.status !== 'all') { where.push('status = ?'); params.push(q.status); }
      if (q.deployment) { where.push('deployment = ?'); params.push(q.deployment); }
      if (q.sinceMs !== undefined) { where.push('event_ms >= ?'); params.push(q.sinceMs); }
      return (db.prepare(`SELECT * FROM review_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY max_score DESC, id LIMIT ?`).all(...params, q.limit) as R[]).map(reviewRow);
    }),
    getReviewItem: (id: number): ReviewItem | undefined => guard('read review', () => { const r = reviewById.get(id) as R | undefined; return r ? reviewRow(r) : undefined; }),
    labelReviewItem: (id: number, label: ReviewLabel, note: string | null, by: string, nowMs: number): ReviewItem | undefined => guard('label review item', () => {
      db.prepare(`UPDATE review_items SET status = 'labeled', label = ?, note = ?, labeled_by = ?, labeled_ms = ? WHERE id = ?`).run(label, note, by, nowMs, id);
      const r = reviewById.get(id) as R | undefined; return r ? reviewRow(r) : undefined;
    }),
    labeledReviewItems: (): Array<{ rules: string[]; label: ReviewLabel }> => guard('read review', () => (db.prepare(`SELECT rules_json, label FROM review_items WHERE status = 'labeled'`).all() as R[])
      .map((r) => ({ rules: p<string[]>(r.rules_json as string), label: r.label as ReviewLabel }))),
    reviewCounts: (): { pending: number; labeled: number } => guard('read review', () => {
      const rows = db.prepare('SELECT status, count(*) AS n FROM review_items GROUP BY status').all() as Array<{ status: string; n: number }>;
      return { pending: rows.find((r) => r.status === 'pending')?.n ?? 0, labeled: rows.find((r) => r.status === 'labeled')?.n ?? 0 };
    }),
    getSetting: (key: string): string | undefined => guard('read setting', () => getSetting.get(key) as string | undefined),
    setSetting: (key: string, value: string) => guard('write setting', () => { setSetting.run(key, value); }),
    close: () => { if (db.open) db.close(); },
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;
