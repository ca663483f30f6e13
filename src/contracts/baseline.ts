import { z } from 'zod';
import type { BaselineProfile } from '../core/baseline/profile.js';

export const BASELINE_REASONS = ['initial', 'context-change', 'periodic', 'incident'] as const;
export type BaselineReason = (typeof BASELINE_REASONS)[number];
export const BASELINE_STATUSES = ['proposed', 'active', 'retired'] as const;
export type BaselineStatus = (typeof BASELINE_STATUSES)[number];

const rate = z.object({ n: z.number(), k: z.number(), rate: z.number().nullable(), ci: z.tuple([z.number(), z.number()]).nullable() });
const binned = z.object({
  n: z.number(), cuts: z.array(z.number()), counts: z.array(z.number()), mean: z.number().nullable(), sd: z.number().nullable(),
  quantiles: z.object({ p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number() }).nullable(),
});
const fingerprint = z.object({ systemPromptHash: z.string(), tools: z.array(z.string()), modelVersion: z.string().nullable() });
const tree = z.object({ feature: z.array(z.number()), threshold: z.array(z.number()), left: z.array(z.number()), right: z.array(z.number()), size: z.array(z.number()) });

/** A stored profile: parsed on every read, so a corrupt or foreign row fails loudly with its path. */
export const baselineProfileSchema = z.object({
  events: z.number(),
  refusal: z.object({ overall: rate, byCategory: z.record(z.string(), rate), benign: rate, partial: rate }),
  toxicity: z.object({ n: z.number(), p50: z.number().nullable(), p90: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable(), exceedP95: rate }),
  outputLength: binned,
  outputLogLength: z.object({ mean: z.number().nullable(), sd: z.number().nullable() }),
  vocabulary: z.object({ typeTokenRatio: binned, mtld: binned }),
  formatting: z.object({ lists: rate, headers: rate, code: rate, links: rate, tables: rate }),
  hedging: rate,
  topics: z.object({
    model: z.object({ kind: z.literal('spherical-kmeans'), dims: z.number(), centroids: z.array(z.array(z.number())), labels: z.array(z.array(z.string())), seed: z.number() }),
    counts: z.array(z.number()),
  }).nullable(),
  input: z.object({ categories: z.array(z.number()), length: binned, language: z.null() }),
  latencyMs: binned,
  tokens: z.object({ input: binned, output: binned }),
  anomaly: z.object({
    model: z.object({ kind: z.literal('isolation-forest'), nFeatures: z.number(), maxSamples: z.number(), trees: z.array(tree), offset: z.number(), contamination: z.union([z.number(), z.literal('auto')]), seed: z.number() }),
    threshold: z.number(), flagRate: z.number(),
  }).nullable(),
  fingerprint,
  fingerprintShare: z.number(),
});

export const baselineSourceSchema = z.object({
  kind: z.enum(['window', 'eval', 'suite', 'traffic']),
  sources: z.array(z.string()).optional(),
  sinceMs: z.number().optional(),
  untilMs: z.number().optional(),
  file: z.string().optional(),
  target: z.string().optional(),
  events: z.number(),
});
export type BaselineSource = z.output<typeof baselineSourceSchema>;

/** One version of a deployment's baseline. */
export interface BaselineVersion {
  id: string;
  deployment: string;
  version: number;
  reason: BaselineReason;
  status: BaselineStatus;
  createdMs: number;
  activatedMs: number | null;
  source: BaselineSource;
  fingerprint: z.output<typeof fingerprint>;
  profile: BaselineProfile;
  note: string | null;
}

export function parseProfile(json: string, where: string): BaselineProfile {
  const r = baselineProfileSchema.safeParse(JSON.parse(json));
  if (!r.success) throw new Error(`${where}: stored profile is invalid: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data as BaselineProfile;
}

/** The API's list form: no models, no histograms. */
export function summariseBaseline(b: BaselineVersion): Record<string, unknown> {
  const p = b.profile;
  return {
    id: b.id, deployment: b.deployment, version: b.version, reason: b.reason, status: b.status,
    created_at: new Date(b.createdMs).toISOString(), activated_at: b.activatedMs === null ? null : new Date(b.activatedMs).toISOString(),
    source: b.source, fingerprint: b.fingerprint, note: b.note, events: p.events,
    refusal_rate: p.refusal.overall.rate, refusal_n: p.refusal.overall.n, toxicity_p95: p.toxicity.p95,
    categories: Object.fromEntries(Object.entries(p.refusal.byCategory).map(([c, r]) => [c, { rate: r.rate, n: r.n, ci: r.ci }])),
  };
}
