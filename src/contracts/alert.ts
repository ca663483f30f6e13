import { z } from 'zod';
import type { Alert, AlertTransition } from '../core/detect/alerts.js';
import { ALERT_SEVERITIES, DRIFT_KINDS, METRICS, type MetricName } from '../core/detect/types.js';

const metricNames = Object.keys(METRICS) as [MetricName, ...MetricName[]];
const severity = z.enum(ALERT_SEVERITIES);

export const findingSchema = z.object({
  deployment: z.string(),
  metric: z.enum(metricNames),
  category: z.string().nullable(),
  detector: z.enum(['threshold', 'bernoulli-cusum', 'ewma', 'chi2', 'ngram-poisson']),
  level: z.enum(['none', 'warning', 'critical']),
  severity,
  atMs: z.number(),
  window: z.object({ startMs: z.number(), endMs: z.number(), label: z.string() }),
  observed: z.object({ value: z.number().nullable(), n: z.number() }),
  baseline: z.object({ value: z.number().nullable(), n: z.number() }),
  statistic: z.number(),
  limit: z.number(),
  pValue: z.number().optional(),
  effect: z.number().optional(),
  triggers: z.number().optional(),
  startedMs: z.number().optional(),
  phrases: z.array(z.string()).optional(),
  explanation: z.string(),
});

/** An alert as stored (data_json) and as the API returns it. */
export const alertSchema = z.object({
  id: z.string(),
  deployment: z.string(),
  metric: z.enum(metricNames),
  category: z.string().nullable(),
  kind: z.enum(DRIFT_KINDS),
  state: z.enum(['firing', 'resolved']),
  severity,
  explanation: z.string(),
  detectors: z.array(z.enum(['threshold', 'bernoulli-cusum', 'ewma', 'chi2', 'ngram-poisson'])),
  baselineId: z.string(),
  firstFiredMs: z.number(),
  lastFindingMs: z.number(),
  startedMs: z.number().nullable(),
  resolvedMs: z.number().nullable(),
  acknowledgedMs: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  findings: z.number(),
  evidence: findingSchema,
}) satisfies z.ZodType<Alert>;

export const alertTransitionSchema = z.object({
  seq: z.number().int().optional(),
  type: z.enum(['fired', 'escalated', 'resolved', 'acknowledged']),
  alertId: z.string(),
  atMs: z.number(),
  fromSeverity: severity.nullable(),
  toSeverity: severity,
  alert: alertSchema,
}) satisfies z.ZodType<AlertTransition>;

/** GET /api/v1/alerts query. */
export const alertListQuerySchema = z.object({
  deployment: z.string().min(1).optional(),
  state: z.enum(['firing', 'resolved']).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).strict();
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

/** POST /api/v1/alerts/:id/ack body (optional). */
export const alertAckBodySchema = z.object({ by: z.string().min(1).max(200).default('api') }).strict().prefault({});

/** The wire form: times as RFC 3339 beside the millisecond fields. */
export function toWireAlert(a: Alert): Alert & { first_fired_at: string; started_at: string | null; resolved_at: string | null } {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { ...a, first_fired_at: new Date(a.firstFiredMs).toISOString(), started_at: iso(a.startedMs), resolved_at: iso(a.resolvedMs) };
}
