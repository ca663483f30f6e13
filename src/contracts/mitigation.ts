import { z } from 'zod';
import { MITIGATION_ACTIONS, type MitigationPolicy } from '../core/mitigation/types.js';
import { durationMs } from './duration.js';

const actions = z.array(z.enum(MITIGATION_ACTIONS));

/** `mitigation:` — what the gateway does per alert severity (DESIGN.md severity mapping). */
export const mitigationConfigSchema = z.object({
  enabled: z.boolean().default(true),
  low: actions.default([]),
  medium: actions.default(['boost_monitoring']),
  /** Add rate_limit here to throttle a deployment on high alerts. */
  high: actions.default(['boost_monitoring']),
  critical: actions.default(['boost_monitoring', 'route_base']),
  /** auto: revert to the base model at once; manual: create the routing pending approval. */
  route_base_approval: z.enum(['auto', 'manual']).default('auto'),
  rate_limit: z.object({
    requests_per_minute: z.number().positive().default(60),
    burst: z.number().int().positive().default(20),
  }).strict().prefault({}),
  boost: z.object({
    /** Sampling rate while boosted (1 = every event). */
    sampling_rate: z.number().min(0).max(1).default(1),
    /** Detection interval while boosted (used when shorter than detection.interval). */
    detection_interval: durationMs().prefault('15s'),
  }).strict().prefault({}),
  /** How often a server picks up mitigations changed by another process (the CLI). */
  refresh_interval: durationMs().prefault('1s'),
}).strict();
export type MitigationConfig = z.output<typeof mitigationConfigSchema>;

/** `deployments:` — per-deployment settings; the base model is where route_base sends traffic. */
export const deploymentsConfigSchema = z.record(z.string().min(1), z.object({
  /** Model name sent upstream while reverted (replaces the request's `model`). */
  base_model: z.string().min(1).optional(),
  /** Upstream serving the base model; default: the deployment's normal upstream. */
  base_upstream_url: z.url().optional(),
  /** Env var with the base upstream's API key; default: the normal upstream key. */
  base_api_key_env: z.string().optional(),
}).strict());
export type DeploymentsConfig = z.output<typeof deploymentsConfigSchema>;

export function mitigationPolicyFrom(c: MitigationConfig): MitigationPolicy {
  return {
    actions: { low: c.low, medium: c.medium, high: c.high, critical: c.critical },
    routeBaseApproval: c.route_base_approval,
    rateLimit: { requestsPerMinute: c.rate_limit.requests_per_minute, burst: c.rate_limit.burst },
  };
}

export const mitigationActionBodySchema = z.object({
  /** Who is acting (recorded); default 'api'. */
  actor: z.string().min(1).max(200).default('api'),
  note: z.string().max(2000).optional(),
}).strict();

export const restoreBodySchema = mitigationActionBodySchema.extend({ deployment: z.string().min(1) }).strict();

export const createMitigationBodySchema = mitigationActionBodySchema.extend({
  deployment: z.string().min(1),
  action: z.enum(MITIGATION_ACTIONS),
  reason: z.string().max(2000).default('by hand'),
}).strict();
