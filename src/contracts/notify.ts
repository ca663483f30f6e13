import { z } from 'zod';
import { durationMs } from './duration.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/**
 * One change of an alert's state, as the response side consumes it. This is the minimal
 * subscriber interface the response side needs; the detection engine's own alert type is adapted
 * to it in src/app/response/alert-adapter.ts. `transitionId` is unique per transition (an alert
 * that fires, resolves and fires again has three), and it is what makes a notification
 * idempotent: one delivery per transition and receiver.
 */
export const alertTransitionSchema = z.object({
  transitionId: z.string().min(1),
  /** Stable id of the alert (its dedup group); the same across its firing and resolved transitions. */
  alertId: z.string().min(1),
  state: z.enum(['firing', 'resolved']),
  severity: z.enum(SEVERITIES),
  deployment: z.string().min(1),
  metric: z.string().min(1),
  /** One sentence that explains the alert. */
  explanation: z.string(),
  atMs: z.number().int(),
  /** When the change began (change point), if located. */
  startedMs: z.number().int().nullable().default(null),
  /** Metric values at the transition, e.g. { baseline: 0.97, current: 0.81, n: 236 }. */
  values: z.record(z.string(), z.number()).default({}),
}).strict();
export type AlertTransition = z.output<typeof alertTransitionSchema>;

export type AlertListener = (t: AlertTransition) => void | Promise<void>;

/** Whatever publishes alert transitions (the detection engine, or a test). */
export interface AlertTransitionSource {
  subscribe(listener: AlertListener): () => void;
}

export const RECEIVER_TYPES = ['slack', 'pagerduty', 'opsgenie', 'alertmanager', 'webhook'] as const;
export type ReceiverType = (typeof RECEIVER_TYPES)[number];

const receiverSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  type: z.enum(RECEIVER_TYPES),
  /**
   * slack: the incoming-webhook URL; pagerduty: the Events API v2 enqueue URL (default
   * https://events.pagerduty.com/v2/enqueue); opsgenie: the API base (default
   * https://api.opsgenie.com); alertmanager: the Alertmanager base URL; webhook: the URL.
   */
  url: z.url().optional(),
  /** Env var with the secret: PagerDuty routing key, Opsgenie API key, or the webhook HMAC secret. */
  secret_env: z.string().optional(),
  /** Lowest severity this receiver gets. */
  min_severity: z.enum(SEVERITIES).default('medium'),
  /** Only these deployments (default: all). */
  deployments: z.array(z.string().min(1)).optional(),
  /** Also send resolved transitions (default true). */
  send_resolved: z.boolean().default(true),
}).strict().superRefine((r, ctx) => {
  if ((r.type === 'slack' || r.type === 'webhook' || r.type === 'alertmanager') && !r.url) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: `a ${r.type} receiver needs a url` });
  }
  if ((r.type === 'pagerduty' || r.type === 'opsgenie' || r.type === 'webhook') && !r.secret_env) {
    ctx.addIssue({ code: 'custom', path: ['secret_env'], message: `a ${r.type} receiver needs secret_env (the env var holding its ${r.type === 'webhook' ? 'HMAC secret' : 'key'})` });
  }
});
export type ReceiverConfig = z.output<typeof receiverSchema>;

export const notifiersConfigSchema = z.object({
  receivers: z.array(receiverSchema).default([]),
  outbox: z.object({
    /** Attempts before a delivery is given up (marked dead). */
    max_attempts: z.number().int().positive().default(20),
    /** First retry delay; doubles each attempt up to max_delay, with jitter. */
    base_delay: durationMs().prefault('1s'),
    max_delay: durationMs().prefault('5m'),
    /** How often the worker looks for due deliveries. */
    poll_interval: durationMs().prefault('500ms'),
    /** Per-request timeout. */
    timeout: durationMs().prefault('10s'),
  }).strict().prefault({}),
  /** Alertmanager forgets an alert without news; firing alerts are re-posted this often. */
  alertmanager_resend_interval: durationMs().prefault('1m'),
}).strict();
export type NotifiersConfig = z.output<typeof notifiersConfigSchema>;

/** One HTTP request a notifier wants sent. */
export interface OutgoingRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}
