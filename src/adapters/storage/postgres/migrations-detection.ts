/**
 * Detection tables for PostgreSQL (versions 10-19, as in SQLite's migrations-detection.ts; append,
 * never edit a released one). Same columns, so rows map the same way; times are BIGINT ms.
 */
export const POSTGRES_DETECTION_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 10,
    name: 'baselines, detector state, detection minutes, alerts, alert transitions',
    sql: `
      CREATE TABLE baselines (
        id TEXT PRIMARY KEY,
        deployment TEXT NOT NULL,
        version INTEGER NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        activated_ms BIGINT,
        source_json TEXT NOT NULL,
        fingerprint_json TEXT NOT NULL,
        profile_json TEXT NOT NULL,
        note TEXT,
        UNIQUE (deployment, version)
      );
      CREATE INDEX baselines_deployment_status ON baselines (deployment, status);
      CREATE TABLE detector_state (
        deployment TEXT PRIMARY KEY,
        baseline_id TEXT NOT NULL,
        state_json TEXT NOT NULL,
        updated_ms BIGINT NOT NULL
      );
      CREATE TABLE detection_minutes (
        deployment TEXT NOT NULL,
        baseline_id TEXT NOT NULL,
        minute_ms BIGINT NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (deployment, baseline_id, minute_ms)
      );
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        deployment TEXT NOT NULL,
        metric TEXT NOT NULL,
        category TEXT NOT NULL,
        state TEXT NOT NULL,
        severity TEXT NOT NULL,
        first_fired_ms BIGINT NOT NULL,
        updated_ms BIGINT NOT NULL,
        data_json TEXT NOT NULL
      );
      CREATE INDEX alerts_key_state ON alerts (deployment, metric, category, state);
      CREATE INDEX alerts_fired ON alerts (first_fired_ms);
      CREATE TABLE alert_transitions (
        seq BIGSERIAL PRIMARY KEY,
        alert_id TEXT NOT NULL,
        type TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        data_json TEXT NOT NULL
      );
    `,
  },
];
