/**
 * The response side's tables (versions 20–29): notification outbox, latest state per alert,
 * incidents and their timelines, mitigations, review queue. Never edit a released migration.
 */
export const RESPONSE_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 20,
    name: 'response: outbox, alert state, incidents, mitigations, review queue',
    sql: `
      CREATE TABLE notify_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        idem_key TEXT NOT NULL UNIQUE,
        receiver TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        transition_json TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL,
        last_error TEXT,
        created_ms INTEGER NOT NULL,
        sent_ms INTEGER
      );
      CREATE INDEX notify_outbox_due ON notify_outbox (status, next_attempt_ms);
      CREATE INDEX notify_outbox_alert ON notify_outbox (receiver, alert_id, status);
      CREATE TABLE alert_state (
        alert_id TEXT PRIMARY KEY,
        deployment TEXT NOT NULL,
        state TEXT NOT NULL,
        transition_json TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
      );
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        deployment TEXT NOT NULL,
        severity TEXT NOT NULL,
        state TEXT NOT NULL,
        title TEXT NOT NULL,
        alert_id TEXT,
        opened_by TEXT NOT NULL,
        opened_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        acknowledged_by TEXT,
        acknowledged_ms INTEGER,
        evidence_json TEXT NOT NULL
      );
      CREATE INDEX incidents_deployment_state ON incidents (deployment, state);
      CREATE INDEX incidents_alert ON incidents (alert_id);
      CREATE TABLE incident_timeline (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        data_json TEXT
      );
      CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, id);
      CREATE TABLE mitigations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        deployment TEXT NOT NULL,
        action TEXT NOT NULL,
        status TEXT NOT NULL,
        params_json TEXT NOT NULL,
        triggered_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        severity TEXT,
        incident_id INTEGER,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        ended_by TEXT,
        ended_ms INTEGER
      );
      CREATE INDEX mitigations_deployment ON mitigations (deployment, status);
      CREATE TABLE review_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        deployment TEXT NOT NULL,
        event_ms INTEGER NOT NULL,
        rules_json TEXT NOT NULL,
        reasons_json TEXT NOT NULL,
        max_score REAL NOT NULL,
        created_ms INTEGER NOT NULL,
        status TEXT NOT NULL,
        label TEXT,
        note TEXT,
        labeled_by TEXT,
        labeled_ms INTEGER
      );
      CREATE INDEX review_items_status ON review_items (status, deployment, id);
      CREATE INDEX review_items_deployment_ts ON review_items (deployment, event_ms);
      CREATE TABLE response_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];
