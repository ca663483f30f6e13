import { POSTGRES_DETECTION_MIGRATIONS } from './migrations-detection.js';

/** Versioned PostgreSQL schema; the same tables as SQLite, so rows map the same way. */
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'events, analyses, minute aggregates, settings',
    sql: `
      CREATE TABLE events (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        ts_ms BIGINT NOT NULL,
        received_ms BIGINT NOT NULL,
        deployment TEXT NOT NULL,
        model TEXT,
        source TEXT NOT NULL,
        user_hash TEXT,
        session TEXT,
        input_json TEXT,
        output TEXT NOT NULL,
        latency_ms DOUBLE PRECISION,
        input_tokens BIGINT,
        output_tokens BIGINT,
        metadata_json TEXT
      );
      CREATE INDEX events_deployment_ts ON events (deployment, ts_ms);
      CREATE INDEX events_ts ON events (ts_ms);
      CREATE TABLE event_analysis (
        seq BIGINT PRIMARY KEY REFERENCES events (seq) ON DELETE CASCADE,
        status TEXT NOT NULL,
        analyzed_ms BIGINT NOT NULL,
        features_json TEXT,
        scores_json TEXT,
        error TEXT
      );
      CREATE TABLE minute_aggregates (
        deployment TEXT NOT NULL,
        source TEXT NOT NULL,
        minute_ms BIGINT NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (deployment, source, minute_ms)
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    // Listing one deployment in insertion order without sorting all its rows (see the SQLite migration 2).
    version: 2,
    name: 'events of a deployment in insertion order',
    sql: 'CREATE INDEX events_deployment_seq ON events (deployment, seq, ts_ms);',
  },
  // Detection tables (versions 10-19), in the same schema so one migration lock covers both.
  ...POSTGRES_DETECTION_MIGRATIONS,
  {
    version: 30,
    name: 'hourly and daily aggregate rollups',
    sql: `
      CREATE TABLE aggregate_rollups (
        deployment TEXT NOT NULL,
        source TEXT NOT NULL,
        resolution_ms BIGINT NOT NULL,
        start_ms BIGINT NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (deployment, source, resolution_ms, start_ms)
      );
      INSERT INTO settings (key, value) SELECT 'aggregate_rollups_ready', '1' WHERE NOT EXISTS (SELECT 1 FROM minute_aggregates);
    `,
  },
];
