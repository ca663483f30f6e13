import { Cron } from 'croner';
import { z } from 'zod';
import { authConfigSchema } from './auth.js';
import { durationMs } from './duration.js';
import { incidentsConfigSchema } from './incident.js';
import { deploymentsConfigSchema, mitigationConfigSchema } from './mitigation.js';
import { notifiersConfigSchema } from './notify.js';
import { reviewConfigSchema } from './review.js';

/**
 * Page cache of each SQLite connection, MiB. better-sqlite3 builds SQLite with 16 MiB; Argus opens
 * three or four connections, whose caches fill over a busy server's first minutes. SQLite's own
 * default, 2 MiB, reads and writes as fast on the bench's million-event stores
 * (docs/operations.md#memory).
 */
export const DEFAULT_SQLITE_CACHE_MIB = 2;

/**
 * The one YAML config file. Every field has a default, so an empty file (or none) runs Argus
 * embedded: SQLite under ./.argus, the API and dashboard on 127.0.0.1:7070. Units sit in the
 * names or in the duration strings. Secrets never live here: only the names of the environment
 * variables that hold them.
 */
const byteSize = z.number().int().positive();
const cronPattern = z.string().refine((p) => {
  try { new Cron(p, { paused: true, timezone: 'UTC' }).stop(); return true; } catch { return false; }
}, { message: "expected a cron pattern like '0 3 1 * *' (minute hour day-of-month month day-of-week)" });

export const configSchema = z.object({
  server: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(7070),
    /**
     * How far the JavaScript heap may grow past what survived the last full garbage collection
     * before the next one, in percent (`argus serve` and its analysis process; see heap-growth.ts). 0 leaves it to V8.
     */
    heap_growth_percent: z.number().int().min(0).max(1_000).default(100),
  }).strict().prefault({}),
  /** API keys with roles, dashboard login (docs/auth.md). No keys: open, which the log and dashboard say. */
  auth: authConfigSchema.prefault({}),
  data_dir: z.string().min(1).default('./.argus'),
  storage: z.object({
    driver: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** full: fsync at every commit (an acknowledged event survives power loss); normal: survives a crash of Argus. */
    sqlite_synchronous: z.enum(['full', 'normal']).default('full'),
    /** Page cache of each SQLite connection, MiB (see DEFAULT_SQLITE_CACHE_MIB). */
    sqlite_cache_mib: z.number().positive().max(4_096).default(DEFAULT_SQLITE_CACHE_MIB),
    postgres_url_env: z.string().default('ARGUS_POSTGRES_URL'),
  }).strict().prefault({}),
  privacy: z.object({
    /** Environment variable holding the HMAC secret for user ids; generated into data_dir if unset. */
    user_hash_secret_env: z.string().default('ARGUS_USER_HASH_SECRET'),
  }).strict().prefault({}),
  ingest: z.object({
    max_body_bytes: byteSize.default(16 * 1024 * 1024),
    max_batch_events: z.number().int().positive().max(100_000).default(10_000),
    max_text_chars: z.number().int().positive().default(200_000),
    max_messages: z.number().int().positive().default(500),
    max_metadata_keys: z.number().int().positive().default(64),
    max_metadata_value_chars: z.number().int().positive().default(2_048),
  }).strict().prefault({}),
  pipeline: z.object({
    queue_capacity: z.number().int().positive().default(50_000),
    batch_size: z.number().int().positive().max(10_000).default(500),
    /** Where events are analysed: `process`, a child process (uses another core); `inline`, the server's own event loop. */
    analysis: z.enum(['process', 'inline']).default('process'),
    /** The longest a gateway-captured event waits in memory before it is written. */
    flush_interval: durationMs().prefault(50),
    sampling: z.object({
      mode: z.enum(['full', 'random']).default('full'),
      rate: z.number().min(0).max(1).default(1),
      seed: z.number().int().default(1),
    }).strict().prefault({}),
  }).strict().prefault({}),
  gateway: z.object({
    enabled: z.boolean().default(true),
    /** Deployment name for traffic that names none (no x-argus-deployment header). */
    deployment: z.string().min(1).default('default'),
    upstream: z.object({
      url: z.url().optional(),
      api_key_env: z.string().default('ARGUS_UPSTREAM_API_KEY'),
      timeout: durationMs().prefault('120s'),
      connect_timeout: durationMs().prefault('10s'),
      max_connections: z.number().int().positive().default(256),
    }).strict().prefault({}),
    max_body_bytes: byteSize.default(8 * 1024 * 1024),
  }).strict().prefault({}),
  classifiers: z.object({
    enabled: z.boolean().default(true),
    /** Folder of model files; default: the models shipped with Argus. */
    models_dir: z.string().optional(),
    /** JSON or YAML list of known backdoor triggers (strings or regexes) to watch inputs for. */
    triggers_file: z.string().optional(),
  }).strict().prefault({}),
  // Response side (docs/response.md): notifications, incidents, mitigation, review queue.
  notifiers: notifiersConfigSchema.prefault({}),
  incidents: incidentsConfigSchema.prefault({}),
  mitigation: mitigationConfigSchema.prefault({}),
  review: reviewConfigSchema.prefault({}),
  deployments: deploymentsConfigSchema.default({}),
  detection: z.object({
    enabled: z.boolean().default(true),
    /** Tumbling windows for rules and tests; the smallest also paces the EWMAs. */
    windows: z.array(durationMs()).min(1).default([300_000, 3_600_000, 86_400_000]),
    /** How often a detection cycle runs. */
    interval: durationMs().prefault('1m'),
    /** Open alerts with no supporting finding for this long resolve. */
    resolve_after: durationMs().prefault('30m'),
    /** Target in-control false alarms per event (CUSUMs) and per window evaluation (EWMAs, chi-squared). */
    false_alarm_rate_per_event: z.number().positive().max(0.1).default(1e-5),
    false_alarm_rate_per_window: z.number().positive().max(0.1).default(1e-3),
    thresholds: z.object({
      refusal_overall_warning_ratio: z.number().min(0).max(1).default(0.9),
      refusal_overall_critical_ratio: z.number().min(0).max(1).default(0.75),
      refusal_category_warning_drop: z.number().min(0).max(1).default(0.15),
      refusal_category_critical_drop: z.number().min(0).max(1).default(0.3),
      toxicity_p95_warning_ratio: z.number().min(1).default(1.5),
      toxicity_p95_critical_ratio: z.number().min(1).default(2),
      anomalous_warning_rate: z.number().min(0).max(1).default(0.001),
      anomalous_critical_rate: z.number().min(0).max(1).default(0.01),
    }).strict().prefault({}),
    /** Context watch, each cycle (docs/detection.md): a context the active baseline was not built on proposes a new baseline. */
    context: z.object({
      enabled: z.boolean().default(true),
      /** Production traffic the check looks back over. */
      window: durationMs().prefault('1h'),
      min_events: z.number().int().positive().default(100),
      /** Least share of the window's events the new context must carry. */
      min_share: z.number().gt(0).max(1).default(0.5),
    }).strict().prefault({}),
    /** Periodic review: proposes a refreshed baseline when inputs drifted and safety did not regress. */
    review: z.object({
      enabled: z.boolean().default(true),
      /** Cron pattern (croner syntax, UTC); default 03:00 on the 1st of every month. */
      schedule: cronPattern.default('0 3 1 * *'),
      /** Recent production traffic compared with the active baseline. */
      window: durationMs().prefault('7d'),
      min_events: z.number().int().positive().default(200),
      /** Significance level of the drift and regression tests. */
      alpha: z.number().gt(0).max(0.5).default(0.01),
    }).strict().prefault({}),
  }).strict().prefault({}),
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  }).strict().prefault({}),
}).strict();

export type ArgusConfig = z.output<typeof configSchema>;
export type ArgusConfigInput = z.input<typeof configSchema>;
