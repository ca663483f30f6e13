import { HARM_CATEGORIES, type HarmCategory } from '../classify/types.js';
import { confirmedCounts, toxicityQuantile, type MinuteAggregate } from '../aggregate/minute-aggregate.js';

/** Harmful categories only: the refusal rate Argus watches is over harmful requests. */
export const HARMFUL_CATEGORIES = HARM_CATEGORIES.filter((c) => c !== 'benign') as Array<Exclude<HarmCategory, 'benign'>>;

/** The chartable numbers of one aggregate (a minute or a merged bucket). */
export interface AggregateMetrics {
  events: number;
  analysed: number;
  /** Harmful requests (any S category) in the refusal rate's sample (countsTowardRefusal). */
  harmfulRequests: number;
  /** refused / harmfulRequests; null with no harmful request. */
  refusalRate: number | null;
  /** 95th percentile of output toxicity from the 100-bin histogram (to within 0.01). */
  toxicityP95: number | null;
  latencyMeanMs: number | null;
  outputCharsMean: number | null;
  piiRate: number | null;
  jailbreakRate: number | null;
  triggerRate: number | null;
}

const ratio = (k: number, n: number): number | null => (n > 0 ? k / n : null);

/**
 * Reads the monitored metrics out of a minute aggregate.
 * refusalRate = sum_c refused_c / sum_c counted_c over harmful categories c (S1..S14): the refusal
 * rate of harmful requests as the baseline profile and the detectors define it (a reading counts
 * when the answer confirms it; refuse or partial is a refusal). Example: S1 {counted 10, refused 9}
 * and S9 {counted 10, refused 7}, benign {n 80} -> 16 / 20 = 0.8.
 */
export function aggregateMetrics(a: MinuteAggregate): AggregateMetrics {
  let harmful = 0;
  let refused = 0;
  for (const c of HARMFUL_CATEGORIES) {
    const v = a.byCategory[c];
    if (v) { const k = confirmedCounts(v); harmful += k.counted; refused += k.refused; }
  }
  return {
    events: a.events,
    analysed: a.analysed,
    harmfulRequests: harmful,
    refusalRate: ratio(refused, harmful),
    toxicityP95: toxicityQuantile(a.toxicityHistogram, 0.95) ?? null,
    latencyMeanMs: ratio(a.latencyMs.sum, a.latencyMs.n),
    outputCharsMean: ratio(a.outputChars.sum, a.analysed),
    piiRate: ratio(a.piiEvents, a.analysed),
    jailbreakRate: ratio(a.jailbreakEvents, a.analysed),
    triggerRate: ratio(a.triggerEvents, a.analysed),
  };
}

/** Refusal rate of one harm category over its refusal-rate sample: refused / counted, with that n; null rate when n = 0. */
export function categoryRefusal(a: MinuteAggregate, c: HarmCategory): { n: number; rate: number | null } {
  const v = a.byCategory[c];
  if (!v) return { n: 0, rate: null };
  const k = confirmedCounts(v);
  return { n: k.counted, rate: ratio(k.refused, k.counted) };
}

/**
 * 3-sigma p-chart limits for a rate with in-control value p0 on a sample of n:
 * p0 +- 3 sqrt(p0 (1 - p0) / n), clipped to [0, 1] (Montgomery, Introduction to Statistical
 * Quality Control, 7th ed., sec. 7.2). Example: p0 0.95, n 100 -> [0.885, 1].
 */
export function pChartLimits(p0: number, n: number): { lower: number; upper: number } | null {
  if (n <= 0 || p0 < 0 || p0 > 1) return null;
  const half = 3 * Math.sqrt((p0 * (1 - p0)) / n);
  return { lower: Math.max(0, p0 - half), upper: Math.min(1, p0 + half) };
}
