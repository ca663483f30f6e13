import { invalidInput } from '../../errors.js';
import { binEdges, histogramCounts, type BinningRule } from './binning.js';
import { energyDistance, wassersteinDistance } from './cdf-distance.js';
import { alignCategories } from './categories.js';
import { chi2Contingency } from './chi2-contingency.js';
import { cramerVonMises2Samp } from './cramer-von-mises.js';
import { jsDistance, jsDivergence, klDivergence, populationStabilityIndex } from './divergence.js';
import { ks2Samp } from './ks.js';

/**
 * The drift report behind `argus drift`: every comparison of a current sample against a
 * reference, in one object with the keys the CLI prints.
 *
 * Numeric data: KS (ks2Samp, scipy's default method 'auto'), Wasserstein-1, energy distance and
 * the Cramér-von Mises two-sample test (when both samples have at least 2 values) on the raw values; then the values are binned with edges from the reference (binning.ts: quantile
 * by default, 10 bins; open-ended outer bins) and the histogram statistics (PSI, KL, JS,
 * chi-squared) are computed on the two count vectors.
 * Categorical data: counts aligned on the union of categories (an unseen category has count 0 in
 * the reference), then the same histogram statistics.
 * Histogram statistics: `kl` is D(reference || current) in nats; `js_divergence` / `js_distance`
 * in nats; `chi2` is chi2_contingency([reference, current]) with scipy's defaults (Yates at dof 1),
 * after dropping categories empty on both sides (they carry no information and would make an
 * expected count zero). Smoothing: JS and chi-squared never need it. KL and PSI are infinite when
 * a category is empty on one side; then, and only then, both count vectors get an additive
 * pseudocount of 0.5 per category (Jeffreys) before KL and PSI, and `smoothing` says so.
 *
 * Example: reference counts {a: 90, b: 10} vs current {a: 80, b: 20} gives psi 0.0810930216,
 * kl 0.0366900140, chi2 {statistic 3.1764705882, pvalue 0.0747059333, dof 1}.
 */
export interface Chi2Summary {
  statistic: number;
  pvalue: number;
  dof: number;
}

export interface HistogramStats {
  psi: number;
  kl: number;
  js_divergence: number;
  js_distance: number;
  chi2: Chi2Summary | null;
  smoothing: { method: 'additive'; pseudocount: number; reason: string } | null;
}

export interface NumericDriftReport extends HistogramStats {
  kind: 'numeric';
  reference: { n: number };
  current: { n: number };
  ks: { statistic: number; pvalue: number; method: string };
  wasserstein: number;
  energy: number;
  cramer_von_mises: { statistic: number; pvalue: number; method: string } | null;
  binning: { rule: BinningRule; bins: number; edges: number[]; reference_counts: number[]; current_counts: number[]; outer_bins: 'open' };
}

export interface CategoricalDriftReport extends HistogramStats {
  kind: 'categorical';
  reference: { n: number };
  current: { n: number };
  categories: string[];
  reference_counts: number[];
  current_counts: number[];
  unseen_in_reference: string[];
  missing_in_current: string[];
}

const PSEUDOCOUNT = 0.5;

export function histogramStats(reference: readonly number[], current: readonly number[]): HistogramStats {
  const keep = reference.map((r, i) => r > 0 || (current[i] as number) > 0);
  const ref = reference.filter((_, i) => keep[i]);
  const cur = current.filter((_, i) => keep[i]);
  const needsSmoothing = ref.some((r, i) => r === 0 || cur[i] === 0);
  const refS = needsSmoothing ? ref.map((r) => r + PSEUDOCOUNT) : ref;
  const curS = needsSmoothing ? cur.map((c) => c + PSEUDOCOUNT) : cur;
  let chi2: Chi2Summary | null = null;
  if (ref.length >= 1) {
    const r = chi2Contingency([ref, cur]);
    chi2 = { statistic: r.statistic, pvalue: r.pvalue, dof: r.dof };
  }
  return {
    psi: populationStabilityIndex(refS, curS),
    kl: klDivergence(refS, curS),
    js_divergence: jsDivergence(ref, cur),
    js_distance: jsDistance(ref, cur),
    chi2,
    smoothing: needsSmoothing ? { method: 'additive', pseudocount: PSEUDOCOUNT, reason: 'a category is empty on one side; applied to psi and kl only' } : null,
  };
}

export function numericDrift(reference: readonly number[], current: readonly number[], options: { binning?: BinningRule; bins?: number } = {}): NumericDriftReport {
  if (reference.length === 0 || current.length === 0) throw invalidInput(`numericDrift: both samples need values (reference ${reference.length}, current ${current.length})`);
  const rule = options.binning ?? 'quantile';
  const bins = options.bins ?? 10;
  const ks = ks2Samp(reference, current);
  const edges = binEdges(reference, rule, bins);
  const refCounts = histogramCounts(reference, edges);
  const curCounts = histogramCounts(current, edges);
  return {
    kind: 'numeric',
    reference: { n: reference.length },
    current: { n: current.length },
    ks: { statistic: ks.statistic, pvalue: ks.pvalue, method: ks.method },
    wasserstein: wassersteinDistance(reference, current),
    energy: energyDistance(reference, current),
    cramer_von_mises: reference.length >= 2 && current.length >= 2 ? { ...cramerVonMises2Samp(reference, current) } : null,
    ...histogramStats(refCounts, curCounts),
    binning: { rule, bins: edges.length - 1, edges, reference_counts: refCounts, current_counts: curCounts, outer_bins: 'open' },
  };
}

export function categoricalDrift(reference: Readonly<Record<string, number>>, current: Readonly<Record<string, number>>): CategoricalDriftReport {
  const aligned = alignCategories(reference, current);
  const refTotal = aligned.reference.reduce((a, b) => a + b, 0);
  const curTotal = aligned.current.reduce((a, b) => a + b, 0);
  if (!(refTotal > 0) || !(curTotal > 0)) throw invalidInput(`categoricalDrift: both sides need a positive total count (reference ${refTotal}, current ${curTotal})`);
  return {
    kind: 'categorical',
    reference: { n: refTotal },
    current: { n: curTotal },
    ...histogramStats(aligned.reference, aligned.current),
    categories: aligned.categories,
    reference_counts: aligned.reference,
    current_counts: aligned.current,
    unseen_in_reference: aligned.categories.filter((_, i) => aligned.reference[i] === 0),
    missing_in_current: aligned.categories.filter((_, i) => aligned.current[i] === 0),
  };
}
