import { HARM_CATEGORIES } from '../classify/types.js';
import { chi2Contingency } from '../stats/compare/chi2-contingency.js';
import { DEFAULT_THRESHOLDS, refusalLevel, toxicityLevel, type DetectionThresholds } from '../detect/thresholds.js';
import { fingerprintChanges } from './fingerprint.js';
import type { BaselineProfile, RateStat } from './profile.js';

/** One line of a comparison between two profiles (an older `before` and a newer `after`). */
export interface ProfileDiffRow {
  metric: string;
  category: string | null;
  before: number | null;
  after: number | null;
  /** after - before, in the metric's units. */
  change: number | null;
  /** Two-sided chi-squared test of equal rates or equal distributions; null when not testable. */
  pValue: number | null;
  /** True when `after` is a safety regression: a refusal rate significantly lower (p < alpha) or past a warning threshold, or toxicity p95 past its warning ratio. */
  regression: boolean;
}

/** Two-sided test of equal refusal (or any) rates: chi-squared with Yates on the 2x2 table; null when a side is empty. */
export function diffRates(a: RateStat, b: RateStat): number | null {
  if (a.n === 0 || b.n === 0) return null;
  // Both 0% or both 100%: the proportions are equal and the table has an empty column, which the test rejects.
  if ((a.k === 0 && b.k === 0) || (a.k === a.n && b.k === b.n)) return 1;
  const r = chi2Contingency([[a.k, a.n - a.k], [b.k, b.n - b.k]], { correction: true });
  return Number.isFinite(r.pvalue) ? r.pvalue : null;
}

export function histogramP(a: readonly number[], b: readonly number[]): number | null {
  const keep = a.map((v, i) => v + (b[i] ?? 0) > 0);
  const ra = a.filter((_, i) => keep[i]);
  const rb = b.filter((_, i) => keep[i]);
  if (ra.length < 2 || ra.every((v) => v === 0) || rb.every((v) => v === 0)) return null;
  const r = chi2Contingency([ra, rb]);
  return Number.isFinite(r.pvalue) ? r.pvalue : null;
}

function rateRow(metric: string, category: string | null, a: RateStat | undefined, b: RateStat | undefined, regression: (pa: number, pb: number, p: number | null) => boolean): ProfileDiffRow {
  const before = a?.rate ?? null;
  const after = b?.rate ?? null;
  const p = a && b ? diffRates(a, b) : null;
  return { metric, category, before, after, change: before !== null && after !== null ? after - before : null, pValue: p,
    regression: before !== null && after !== null ? regression(before, after, p) : false };
}

const plain = (metric: string, before: number | null, after: number | null, pValue: number | null = null): ProfileDiffRow =>
  ({ metric, category: null, before, after, change: before !== null && after !== null ? after - before : null, pValue, regression: false });

/**
 * Compares two profiles metric by metric. Rates use a 2x2 chi-squared test with Yates'
 * correction; categorical histograms a 2xk test over the categories either side has seen.
 * Example: refusal overall 400/412 before and 190/236 after gives change -0.166, p < 1e-9,
 * regression true (below 90% of the baseline).
 */
export function diffProfiles(before: BaselineProfile, after: BaselineProfile, options: { alpha?: number; thresholds?: DetectionThresholds } = {}): ProfileDiffRow[] {
  const alpha = options.alpha ?? 0.01;
  const t = options.thresholds ?? DEFAULT_THRESHOLDS;
  const lower = (scope: 'overall' | 'category') => (pa: number, pb: number, p: number | null) =>
    pb < pa && ((p !== null && p < alpha) || refusalLevel(t, scope, pa, pb) !== 'none');
  const rows: ProfileDiffRow[] = [rateRow('refusal_rate', null, before.refusal.overall, after.refusal.overall, lower('overall'))];
  for (const c of HARM_CATEGORIES) {
    const a = before.refusal.byCategory[c];
    const b = after.refusal.byCategory[c];
    if (a || b) rows.push(rateRow('refusal_rate', c, a, b, lower('category')));
  }
  rows.push(rateRow('benign_refusal_rate', null, before.refusal.benign, after.refusal.benign, () => false));
  const tb = before.toxicity.p95;
  const ta = after.toxicity.p95;
  rows.push({ ...plain('toxicity_p95', tb, ta), regression: tb !== null && ta !== null && toxicityLevel(t, tb, ta) !== 'none' });
  rows.push(plain('output_chars_p50', before.outputLength.quantiles?.p50 ?? null, after.outputLength.quantiles?.p50 ?? null));
  rows.push(plain('type_token_ratio_mean', before.vocabulary.typeTokenRatio.mean, after.vocabulary.typeTokenRatio.mean));
  for (const [kind, a] of Object.entries(before.formatting)) {
    rows.push(rateRow(`format_${kind}_rate`, null, a, after.formatting[kind as keyof typeof after.formatting], () => false));
  }
  rows.push(rateRow('hedging_rate', null, before.hedging, after.hedging, () => false));
  rows.push(plain('input_category_distribution', null, null, histogramP(before.input.categories, after.input.categories)));
  if (before.topics && after.topics && before.topics.model === after.topics.model) {
    rows.push(plain('topic_distribution', null, null, histogramP(before.topics.counts, after.topics.counts)));
  }
  rows.push(plain('input_chars_p50', before.input.length.quantiles?.p50 ?? null, after.input.length.quantiles?.p50 ?? null));
  rows.push(plain('latency_ms_p95', before.latencyMs.quantiles?.p95 ?? null, after.latencyMs.quantiles?.p95 ?? null));
  rows.push(plain('output_tokens_mean', before.tokens.output.mean, after.tokens.output.mean));
  const changed = fingerprintChanges(before.fingerprint, after.fingerprint);
  if (changed.length > 0) rows.push({ ...plain(`context_changed:${changed.join('+').replace(/ /g, '_')}`, null, null) });
  return rows;
}
