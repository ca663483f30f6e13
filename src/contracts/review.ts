import { z } from 'zod';
import { REVIEW_LABELS } from '../core/review/precision.js';
import { durationMs } from './duration.js';

/** `review:` — which analysed events wait for a person. */
export const reviewConfigSchema = z.object({
  enabled: z.boolean().default(true),
  thresholds: z.object({
    harmful_compliance: z.number().min(0).max(1).default(0.5),
    toxicity: z.number().min(0).max(1).default(0.5),
    policy_violation: z.number().min(0).max(1).default(0.5),
    jailbreak: z.number().min(0).max(1).default(0.5),
  }).strict().prefault({}),
  /** Redact PII in texts the queue returns (a reader with the right may ask for raw text). */
  redact_pii: z.boolean().default(true),
  /** How often the feeder scans newly analysed events. */
  poll_interval: durationMs().prefault('2s'),
}).strict();
export type ReviewConfig = z.output<typeof reviewConfigSchema>;

export const reviewLabelBodySchema = z.object({
  label: z.enum(REVIEW_LABELS),
  note: z.string().max(4000).optional(),
  actor: z.string().min(1).max(200).default('api'),
}).strict();

export const reviewListQuerySchema = z.object({
  status: z.enum(['pending', 'labeled', 'all']).default('pending'),
  deployment: z.string().min(1).optional(),
  rule: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `false` returns raw text (audited as a raw-text read in the log). */
  redact: z.enum(['true', 'false']).optional(),
}).strict();
