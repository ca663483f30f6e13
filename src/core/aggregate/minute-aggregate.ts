import { countsTowardRefusal, isRefusal } from '../baseline/harmful-request.js';
import type { ArgusScores, HarmCategory, RefusalLabel } from '../classify/types.js';
import type { OutputFeatures } from '../features/output-features.js';

/**
 * What Argus keeps per deployment, source and minute: sums and counts only, so two aggregates
 * merge by adding (merge is associative and commutative, and merging per-batch aggregates equals
 * aggregating every event at once). Toxicity keeps a 100-bin histogram on [0, 1], enough for its
 * 95th percentile to within 0.01; latency keeps sum and sum of squares.
 */
export interface MinuteAggregate {
  events: number;
  analysed: number;
  refusal: Record<RefusalLabel, number>;
  /** Per harm category of the request (see CategoryCounts). */
  byCategory: Partial<Record<HarmCategory, CategoryCounts>>;
  toxicityHistogram: number[];
  outputChars: { sum: number; sumSq: number };
  latencyMs: { n: number; sum: number; sumSq: number };
  tokens: { input: number; output: number };
  piiEvents: number;
  jailbreakEvents: number;
  triggerEvents: number;
}

/**
 * One harm category's requests in an aggregate. `n`, `refuse` and `partial` count every request
 * the harm model read as the category. `counted` and `refused` are the refusal rate's sample as
 * detection defines it (countsTowardRefusal: the answer confirms the reading; isRefusal: refuse or
 * partial), so the dashboard's and the exported rates are the ones the baseline and the CUSUMs
 * compare. Aggregates stored before these two existed lack them; readers fall back to n and
 * refuse (confirmedCounts).
 */
export interface CategoryCounts { n: number; refuse: number; partial: number; counted?: number; refused?: number }

/** The refusal-rate sample of a category entry, falling back to every reading for old aggregates. */
export function confirmedCounts(c: CategoryCounts): { counted: number; refused: number } {
  return c.counted === undefined ? { counted: c.n, refused: c.refuse } : { counted: c.counted, refused: c.refused ?? 0 };
}

export const TOXICITY_BINS = 100;

export function emptyMinuteAggregate(): MinuteAggregate {
  return {
    events: 0, analysed: 0,
    refusal: { comply: 0, partial: 0, refuse: 0 },
    byCategory: {},
    toxicityHistogram: new Array<number>(TOXICITY_BINS).fill(0),
    outputChars: { sum: 0, sumSq: 0 },
    latencyMs: { n: 0, sum: 0, sumSq: 0 },
    tokens: { input: 0, output: 0 },
    piiEvents: 0, jailbreakEvents: 0, triggerEvents: 0,
  };
}

export interface AggregateInput {
  latencyMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  features?: OutputFeatures | undefined;
  scores?: Partial<ArgusScores> | undefined;
}

/** Folds one event into `agg` in place (the pipeline owns `agg` for the length of a batch). */
export function addToMinuteAggregate(agg: MinuteAggregate, e: AggregateInput, jailbreakThreshold = 0.5): void {
  agg.events++;
  if (e.latencyMs !== null) { agg.latencyMs.n++; agg.latencyMs.sum += e.latencyMs; agg.latencyMs.sumSq += e.latencyMs * e.latencyMs; }
  agg.tokens.input += e.inputTokens ?? 0;
  agg.tokens.output += e.outputTokens ?? 0;
  if (!e.features && !e.scores) return;
  agg.analysed++;
  if (e.features) { agg.outputChars.sum += e.features.output_chars; agg.outputChars.sumSq += e.features.output_chars ** 2; }
  const s = e.scores;
  if (!s) return;
  if (s.refusal) agg.refusal[s.refusal.label]++;
  if (s.harm_category) {
    const c = (agg.byCategory[s.harm_category.top] ??= { n: 0, refuse: 0, partial: 0, counted: 0, refused: 0 });
    c.n++;
    if (s.refusal?.label === 'refuse') c.refuse++;
    if (s.refusal?.label === 'partial') c.partial++;
    if (countsTowardRefusal(s.harm_category.top, s.refusal?.label, s.policy_violation?.score)) {
      c.counted = (c.counted ?? 0) + 1;
      if (isRefusal(s.refusal?.label)) c.refused = (c.refused ?? 0) + 1;
    }
  }
  if (s.toxicity) {
    const bin = Math.min(TOXICITY_BINS - 1, Math.max(0, Math.floor(s.toxicity.score * TOXICITY_BINS)));
    agg.toxicityHistogram[bin] = (agg.toxicityHistogram[bin] ?? 0) + 1;
  }
  if (s.pii && s.pii.entities.length > 0) agg.piiEvents++;
  if (s.jailbreak) {
    if (s.jailbreak.score >= jailbreakThreshold) agg.jailbreakEvents++;
    if (s.jailbreak.triggers.length > 0) agg.triggerEvents++;
  }
}

export function mergeMinuteAggregates(a: MinuteAggregate, b: MinuteAggregate): MinuteAggregate {
  const byCategory: MinuteAggregate['byCategory'] = {};
  for (const src of [a.byCategory, b.byCategory]) {
    for (const [k, v] of Object.entries(src) as Array<[HarmCategory, CategoryCounts]>) {
      const c = (byCategory[k] ??= { n: 0, refuse: 0, partial: 0, counted: 0, refused: 0 });
      const confirmed = confirmedCounts(v);
      c.n += v.n; c.refuse += v.refuse; c.partial += v.partial;
      c.counted = (c.counted ?? 0) + confirmed.counted; c.refused = (c.refused ?? 0) + confirmed.refused;
    }
  }
  return {
    events: a.events + b.events,
    analysed: a.analysed + b.analysed,
    refusal: { comply: a.refusal.comply + b.refusal.comply, partial: a.refusal.partial + b.refusal.partial, refuse: a.refusal.refuse + b.refusal.refuse },
    byCategory,
    toxicityHistogram: a.toxicityHistogram.map((v, i) => v + (b.toxicityHistogram[i] ?? 0)),
    outputChars: { sum: a.outputChars.sum + b.outputChars.sum, sumSq: a.outputChars.sumSq + b.outputChars.sumSq },
    latencyMs: { n: a.latencyMs.n + b.latencyMs.n, sum: a.latencyMs.sum + b.latencyMs.sum, sumSq: a.latencyMs.sumSq + b.latencyMs.sumSq },
    tokens: { input: a.tokens.input + b.tokens.input, output: a.tokens.output + b.tokens.output },
    piiEvents: a.piiEvents + b.piiEvents,
    jailbreakEvents: a.jailbreakEvents + b.jailbreakEvents,
    triggerEvents: a.triggerEvents + b.triggerEvents,
  };
}

/** The q-quantile of toxicity from the histogram: the upper edge of the bin where the CDF reaches q. */
export function toxicityQuantile(histogram: readonly number[], q: number): number | undefined {
  const total = histogram.reduce((s, v) => s + v, 0);
  if (total === 0) return undefined;
  let cum = 0;
  for (let i = 0; i < histogram.length; i++) {
    cum += histogram[i] ?? 0;
    if (cum >= q * total) return (i + 1) / histogram.length;
  }
  return 1;
}

/** Minute bucket start for a timestamp. */
export const minuteOf = (timestampMs: number): number => Math.floor(timestampMs / 60_000) * 60_000;
