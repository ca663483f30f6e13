import { invalidInput } from '../../errors.js';
import { createCost, COST_KINDS, type CostKind } from './costs.js';
import { pelt } from './pelt.js';
import { binarySegmentation } from './binseg.js';
import { bocpdSegment, type BocpdOptions } from './bocpd.js';
import { penaltyValue, type PenaltySpec } from './penalty.js';
import { clipOutliers, differenceAutocorrelation, differenceNoiseScale, dropMissing, zScore } from './preprocess.js';

export type ChangepointMethod = 'pelt' | 'binseg' | 'bocpd';
export const CHANGEPOINT_METHODS: readonly ChangepointMethod[] = ['pelt', 'binseg', 'bocpd'];

export interface ChangepointOptions {
  method?: ChangepointMethod;
  cost?: CostKind;
  penalty?: PenaltySpec;
  /** Fewest observed points per segment. */
  minSize?: number;
  jump?: number;
  /** z-score with the sample sd before segmenting (l2, l1, normal only; rates and counts are used as given). */
  standardize?: boolean;
  /** Replace isolated spikes by their local median before segmenting (l2, l1, normal only). */
  clipOutliers?: boolean;
  /** Scale named penalties by the difference-based noise sd (true) or by the series' sample sd (false). */
  robustScale?: boolean;
  /** Grow named penalties by the AR(1) long-run variance factor of the noise (l2, l1, normal only). */
  adjustAutocorrelation?: boolean;
  /** Re-estimate rho from the residuals of the fitted segments and resegment (needs adjustAutocorrelation). */
  refineAutocorrelation?: boolean;
  /** Largest autocorrelation the penalty adjustment believes. */
  rhoMax?: number;
  /** Binary segmentation only: stop after this many change points. */
  maxChangepoints?: number;
  bocpd?: BocpdOptions;
}

/** The defaults, chosen by the evaluation in docs/statistics.md ("Change points"). */
export const CHANGEPOINT_DEFAULTS = {
  method: 'pelt', cost: 'linear', penalty: 'mbic', minSize: 5, jump: 1,
  standardize: true, clipOutliers: true, robustScale: true, adjustAutocorrelation: true,
  refineAutocorrelation: true, rhoMax: 0.9,
} as const satisfies Required<Omit<ChangepointOptions, 'maxChangepoints' | 'bocpd'>>;

export interface Segment {
  /** First index (original series, missing values included), inclusive. */
  start: number;
  /** Index after the last, exclusive. */
  end: number;
  /** Mean and sample sd of the observed values in the segment, in the input's units (sd 0 below 2 values). */
  mean: number | null;
  std: number;
}

export interface ChangepointResult {
  /** 0-based index in the original series of the first observed point of each new segment. */
  changepoints: number[];
  segments: Segment[];
  /** Penalty per change point actually used, in cost units (null for bocpd, which has none). */
  penalty: number | null;
  diagnostics: { observed: number; missing: number; outliersReplaced: number; noiseScale: number; autocorrelation: number };
}

/**
 * Segments a series, missing values included (NaN or null). Missing points are dropped, the
 * method runs on the observed points, and each change point is mapped back to the original index
 * of the first observed point of its segment; a run of missing values between two segments
 * belongs to the earlier one. Pipeline for l2, l1 and normal: z-score (sample sd) -> Hampel
 * outlier clip -> noise scale sigma_hat from differences (MAD) -> penalty = named penalty times
 * sigma_hat^2 (l2) or sigma_hat sqrt(2/pi) / 2 (l1), times the long-run variance factor when
 * adjusting for autocorrelation. A numeric penalty is used exactly as given.
 * Example: 60 points at 0 then 60 at 3 (noise sd 0.5) -> changepoints [60].
 */
export function detectChangepoints(series: ArrayLike<number | null>, options: ChangepointOptions = {}): ChangepointResult {
  const o = { ...CHANGEPOINT_DEFAULTS, ...options };
  if (!CHANGEPOINT_METHODS.includes(o.method)) throw invalidInput(`method must be one of ${CHANGEPOINT_METHODS.join(', ')}, got '${String(o.method)}'`);
  if (!COST_KINDS.includes(o.cost)) throw invalidInput(`cost must be one of ${COST_KINDS.join(', ')}, got '${String(o.cost)}'`);
  const space = { minSize: o.minSize, jump: o.jump };
  if (!Number.isInteger(space.minSize) || space.minSize < 1) throw invalidInput(`minSize must be an integer >= 1, got ${space.minSize}`);
  if (!Number.isInteger(space.jump) || space.jump < 1) throw invalidInput(`jump must be an integer >= 1, got ${space.jump}`);
  const obs = dropMissing(series);
  const n = obs.values.length;
  const gaussian = o.cost === 'l2' || o.cost === 'l1' || o.cost === 'normal' || o.cost === 'linear';
  let x: Float64Array = obs.values;
  if (gaussian && o.standardize) x = zScore(x).values;
  let outliersReplaced = 0;
  let sigma = gaussian ? differenceNoiseScale(x) : 0;
  if (gaussian && o.clipOutliers && n >= 7) {
    const clipped = clipOutliers(x, 3, 5, sigma);
    x = clipped.values; outliersReplaced = clipped.replaced;
  }
  let rho = gaussian && o.adjustAutocorrelation ? differenceAutocorrelation(x, o.rhoMax) : 0;
  if (gaussian && !o.robustScale) sigma = zScore(x).std;
  if (gaussian && !(sigma > 0)) sigma = Math.max(zScore(x).std, 1e-12);

  let changepoints: number[] = [];
  let penalty: number | null = null;
  if (n >= 2 * space.minSize) {
    if (o.method === 'bocpd') {
      changepoints = bocpdSegment(x, space.minSize, o.bocpd);
    } else {
      const cost = createCost(o.cost, x, o.cost === 'normal' || o.cost === 'linear' ? { varianceFloor: varianceFloorFor(x, sigma) } : {});
      penalty = penaltyValue(o.penalty, n, cost.paramsPerSegment);
      if (typeof o.penalty !== 'number') penalty *= penaltyScale(o.cost, sigma, rho);
      const base = penalty / penaltyScale(o.cost, sigma, rho);
      const run = (pen: number) => (o.method === 'pelt' ? pelt(cost, pen, space)
        : binarySegmentation(cost, pen, space, o.maxChangepoints ?? Infinity)).changepoints;
      changepoints = run(penalty);
      // Refinement: autocorrelation left in the residuals of the fitted segments (a trend cut into
      // steps, a wandering level) raises rho, hence the penalty; repeat until the segmentation holds.
      for (let pass = 0; gaussian && typeof o.penalty !== 'number' && o.adjustAutocorrelation && o.refineAutocorrelation && pass < 4; pass++) {
        const rhoResid = residualAutocorrelation(x, changepoints, o.rhoMax, o.cost === 'linear');
        if (!(rhoResid > rho + 0.02)) break;
        rho = rhoResid;
        penalty = base * penaltyScale(o.cost, sigma, rho);
        const next = run(penalty);
        const same = next.length === changepoints.length && next.every((c, i) => c === changepoints[i]);
        changepoints = next;
        if (same) break;
      }
    }
  } else if (o.method !== 'bocpd') {
    penalty = penaltyValue(o.penalty, n, o.cost === 'normal' ? 2 : 1) * (typeof o.penalty === 'number' ? 1 : penaltyScale(o.cost, sigma, rho));
  }
  const original = changepoints.map((c) => obs.originalIndex[c]!);
  return {
    changepoints: original,
    segments: describeSegments(series, original),
    penalty,
    diagnostics: { observed: n, missing: series.length - n, outliersReplaced, noiseScale: sigma, autocorrelation: rho },
  };
}

/**
 * Smallest variance a normal or linear segment may claim: (0.05 sigma_hat)^2, or, for quantised
 * data (fewer distinct values than half the points), the rounding-error variance Delta^2 / 12 of
 * the quantisation step Delta (the smallest gap between distinct values) when that is larger.
 * Why: on integer-valued data a run of equal values, or five points on an exact line, has zero
 * sample variance, and a floor far below the resolution would pay for a change point there.
 * Example: integer counts z-scored with sd 2 -> Delta = 0.5 -> floor 0.0208.
 */
export function varianceFloorFor(x: ArrayLike<number>, sigma: number): number {
  const base = (0.05 * sigma) ** 2;
  const sorted = Float64Array.from(x).sort();
  let distinct = sorted.length > 0 ? 1 : 0;
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap > 0) { distinct++; if (gap < step) step = gap; }
  }
  if (distinct * 2 > sorted.length || !Number.isFinite(step)) return Math.max(base, 1e-12);
  return Math.max(base, (step * step) / 12, 1e-12);
}

/** Converts a -2 log-likelihood penalty into the units of the cost (see detectChangepoints). */
function penaltyScale(cost: CostKind, sigma: number, rho: number): number {
  // sigma comes from differences: var(d) = 2 sigma_marg^2 (1 - rho), so the long-run variance
  // sigma_marg^2 (1 + rho) / (1 - rho) is sigma^2 (1 + rho) / (1 - rho)^2.
  const lrv = (1 + rho) / ((1 - rho) * (1 - rho));
  switch (cost) {
    case 'l2': return sigma * sigma * lrv;
    case 'l1': // Laplace -2 log-lik is (2 / b) sum |x - m|, b = sigma_marg sqrt(2 / pi)
      return ((sigma * Math.sqrt(2 / Math.PI)) / 2) * ((1 + rho) / Math.pow(1 - rho, 1.5));
    case 'normal':
    case 'linear': return (1 + rho) / (1 - rho);
    default: return 1;
  }
}

/**
 * Lag-one autocorrelation of the residuals x_i - fit(segment of i) (its mean, or its least-squares
 * line when `linear`), over pairs inside a segment,
 * clamped to [0, rhoMax]. Example: a clean step series with iid noise gives about 0.
 */
export function residualAutocorrelation(x: ArrayLike<number>, changepoints: number[], rhoMax = 0.8, linear = false): number {
  const bounds = [0, ...changepoints, x.length];
  let num = 0, den = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const s = bounds[k]!, e = bounds[k + 1]!;
    const m = Math.max(1, e - s);
    let mean = 0, tMean = (m - 1) / 2, slope = 0;
    for (let i = s; i < e; i++) mean += x[i]!;
    mean /= m;
    if (linear && m > 2) {
      let stx = 0, stt = 0;
      for (let i = s; i < e; i++) { const t = i - s - tMean; stx += t * (x[i]! - mean); stt += t * t; }
      slope = stx / stt;
    } else tMean = 0;
    const fit = (i: number) => mean + slope * (i - s - tMean);
    for (let i = s; i < e; i++) {
      const r = x[i]! - fit(i);
      den += r * r;
      if (i + 1 < e) num += r * (x[i + 1]! - fit(i + 1));
    }
  }
  return den > 0 ? Math.min(rhoMax, Math.max(0, num / den)) : 0;
}

/** Mean and sample sd of the observed values between consecutive change points, in input units. */
export function describeSegments(series: ArrayLike<number | null>, changepoints: number[]): Segment[] {
  const bounds = [0, ...changepoints, series.length];
  const out: Segment[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const start = bounds[k]!, end = bounds[k + 1]!;
    let count = 0, mean = 0, m2 = 0;
    for (let i = start; i < end; i++) {
      const v = series[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      count++;
      const d = v - mean;
      mean += d / count;
      m2 += d * (v - mean);
    }
    out.push({ start, end, mean: count > 0 ? mean : null, std: count > 1 ? Math.sqrt(m2 / (count - 1)) : 0 });
  }
  return out;
}
