import { DETECTION_MIGRATIONS } from './migrations-detection.js';
import { RESPONSE_MIGRATIONS } from './migrations-response.js';
import { ROLLUP_MIGRATIONS } from './migrations-rollups.js';

/**
 * Versioned schema. A migration is never edited once released: add a new one. Each runs in its
 * own transaction and is recorded in schema_migrations.
 */
export const SQLITE_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'events, analyses, minute aggregates, settings',
    sql: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        ts_ms INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        deployment TEXT NOT NULL,
        model TEXT,
        source TEXT NOT NULL,
        user_hash TEXT,
        session TEXT,
        input_json TEXT,
        output TEXT NOT NULL,
        latency_ms REAL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        metadata_json TEXT
      );
      CREATE INDEX events_deployment_ts ON events (deployment, ts_ms);
      CREATE INDEX events_ts ON events (ts_ms);
      CREATE TABLE event_analysis (
        seq INTEGER PRIMARY KEY REFERENCES events (seq) ON DELETE CASCADE,
        status TEXT NOT NULL,
        analyzed_ms INTEGER NOT NULL,
        features_json TEXT,
        scores_json TEXT,
        error TEXT
      );
      CREATE TABLE minute_aggregates (
        deployment TEXT NOT NULL,
        source TEXT NOT NULL,
        minute_ms INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (deployment, source, minute_ms)
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    // A listing of one deployment in insertion order ('asc' / 'desc', the API's default) walked
    // (deployment, ts_ms) and sorted every row of the deployment for each page: 16 s a page at 3
    // million events. In (deployment, seq) order it reads just the page; ts_ms in the index lets
    // a time bound skip rows without reading them.
    version: 2,
    name: 'events of a deployment in insertion order',
    sql: 'CREATE INDEX events_deployment_seq ON events (deployment, seq, ts_ms);',
  },
  ...RESPONSE_MIGRATIONS,
  ...DETECTION_MIGRATIONS,
  ...ROLLUP_MIGRATIONS,
];
