import { binnedKs } from './numeric-bins.js';
import { diffProfiles, histogramP, type ProfileDiffRow } from './diff.js';
import type { BaselineProfile } from './profile.js';
import type { DetectionThresholds } from '../detect/thresholds.js';

export interface InputDriftFinding { metric: 'input_category_distribution' | 'input_length' | 'topic_distribution'; pValue: number; effect: number }

export interface ReviewOutcome {
  /** True when a refreshed baseline should be proposed (inputs drifted, no safety regression). */
  propose: boolean;
  inputDrift: InputDriftFinding[];
  /** Safety regressions that block the refresh: they belong in an alert, not in the new baseline. */
  regressions: ProfileDiffRow[];
  summary: string;
}

const tv = (a: readonly number[], b: readonly number[]) => {
  const na = a.reduce((s, v) => s + v, 0) || 1;
  const nb = b.reduce((s, v) => s + v, 0) || 1;
  return a.reduce((s, v, i) => s + Math.abs(v / na - (b[i] ?? 0) / nb), 0) / 2;
};

/**
 * Periodic review: `recent` must be built with `reference: active` (same bins and topic model).
 * Inputs drifted when a chi-squared test of the input category, input length (baseline deciles)
 * or topic histogram gives p < alpha; the refresh is proposed only if no safety metric regressed
 * (diffProfiles' regression flag), so a regression never slips into a baseline unannounced.
 * Effects: total-variation distance for categories and topics, binned KS for input length.
 */
export function reviewBaseline(active: BaselineProfile, recent: BaselineProfile, options: { alpha?: number; minEvents?: number; thresholds?: DetectionThresholds } = {}): ReviewOutcome {
  const alpha = options.alpha ?? 0.01;
  const minEvents = options.minEvents ?? 200;
  if (recent.events < minEvents) {
    return { propose: false, inputDrift: [], regressions: [], summary: `not enough recent traffic to review (${recent.events} events, need ${minEvents})` };
  }
  const drift: InputDriftFinding[] = [];
  const test = (metric: InputDriftFinding['metric'], a: readonly number[], b: readonly number[], effect: number) => {
    const p = histogramP(a, b);
    if (p !== null && p < alpha) drift.push({ metric, pValue: p, effect });
  };
  test('input_category_distribution', active.input.categories, recent.input.categories, tv(active.input.categories, recent.input.categories));
  test('input_length', active.input.length.counts, recent.input.length.counts, binnedKs(active.input.length.counts, recent.input.length.counts));
  if (active.topics && recent.topics) test('topic_distribution', active.topics.counts, recent.topics.counts, tv(active.topics.counts, recent.topics.counts));
  const regressions = diffProfiles(active, recent, { alpha, ...(options.thresholds ? { thresholds: options.thresholds } : {}) }).filter((r) => r.regression);
  const names = drift.map((d) => d.metric.replace(/_/g, ' ')).join(', ');
  if (drift.length === 0) return { propose: false, inputDrift: drift, regressions, summary: 'inputs have not drifted; the baseline stands' };
  if (regressions.length > 0) {
    const what = regressions.map((r) => (r.category ? `${r.metric} ${r.category}` : r.metric)).join(', ');
    return { propose: false, inputDrift: drift, regressions, summary: `inputs drifted (${names}) but safety regressed (${what}); no refresh until that is resolved` };
  }
  return { propose: true, inputDrift: drift, regressions, summary: `inputs drifted (${names}) with no safety regression; a refreshed baseline is proposed` };
}
