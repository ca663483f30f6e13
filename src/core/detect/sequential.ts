import { isRefusal } from '../baseline/harmful-request.js';
import type { BaselineProfile, RateStat } from '../baseline/profile.js';
import { calibrateBernoulliCusum, calibrateEwma, createBernoulliCusum, createEwma, updateBernoulliCusum, updateEwma, type BernoulliCusumState, type EwmaState } from '../stats/sequential/index.js';
import type { HarmCategory } from '../classify/types.js';
import type { MinuteRecord, Observation } from './minute-record.js';
import type { DetectionSettings } from './settings.js';

/** Grid resolution of the Bernoulli CUSUMs: 8 units for the smaller log-likelihood ratio keeps calibration under ~0.1 s with the same ARL1 to 0.5%. */
export const CUSUM_RESOLUTION = 8;
/** Largest CUSUM score in grid units (the band of the Markov chain), see `cusumCalibrationInput`. */
export const MAX_CUSUM_SCORE = 1000;

/** One Bernoulli CUSUM with what an explanation needs: counts since its last reset. */
export interface CusumEntry {
  chart: BernoulliCusumState;
  /** What x = 1 means: a refusal (refusal charts, watching a fall) or a flag (anomaly chart, watching a rise). */
  arl0: number;
  arl1: number;
  baseline: { rate: number; n: number };
  sinceMs: number;
  sinceN: number;
  sinceOnes: number;
  /** Page's change-point estimate: the last time the sum stood at zero, and the counts since. */
  zeroMs: number;
  zeroN: number;
  zeroOnes: number;
}

export interface EwmaEntry { chart: EwmaState; baseline: { value: number; n: number }; L: number }

/** Detector state of one deployment under one baseline: plain JSON, stored after every run. */
export interface SequentialState {
  cusums: Record<string, CusumEntry>;
  ewmas: Record<string, EwmaEntry>;
}

/** A CUSUM or EWMA alarm, before it becomes a finding. */
export interface SequentialAlarm {
  key: string;
  kind: 'bernoulli-cusum' | 'ewma';
  atMs: number;
  sinceMs: number;
  observed: { value: number; n: number };
  baseline: { value: number; n: number };
  statistic: number;
  limit: number;
}

/** Laplace-smoothed rate (k + 1) / (n + 2), kept inside (0.01, 0.995) so a 412/412 baseline still gives a chart. */
export const smoothedRate = (r: RateStat): number => Math.min(0.995, Math.max(0.01, (r.k + 1) / (r.n + 2)));

/** What calibrating one Bernoulli CUSUM needs; `key` names the result in a `CalibrationTable`. */
export interface CusumCalibrationInput { key: string; p0: number; p1: number; arl0: number; resolution: number; maxScore: number }
/** What calibrating the window EWMAs needs. */
export interface EwmaCalibrationInput { key: string; lambda: number; arl0: number }
/** A calibrated CUSUM: its threshold h (nats) with its exact ARLs. */
export interface CusumCalibration { h: number; arl0: number; arl1: number }
/** A calibrated CUSUM, or an EWMA's limit width L. */
export type Calibration = CusumCalibration | { L: number };
/** Calibrations by input key. */
export type CalibrationTable = ReadonlyMap<string, Calibration>;

/**
 * The Markov chain's band is as wide as the larger score: for a rare event (p0 = 0.001) the
 * scores differ ~350-fold, so the resolution drops until the larger score is ~300 units, and
 * below one unit for the smaller score the larger one is capped at MAX_CUSUM_SCORE. Uncapped, a
 * baseline of 70,000 outputs (anomaly flag rate 1 in 35,000: 9,000-fold) took 8-17 s and
 * 0.7 GB per solve to calibrate; capped at 1,000 it takes ~80 ms, and the chart's delay at 10x
 * the flag rate grows from 7,400 to 18,000 outputs (at 1 in 10,000: 2,400 to 2,600).
 */
export function cusumCalibrationInput(p0: number, p1: number, arl0: number): CusumCalibrationInput {
  const a = Math.abs(Math.log(p1 / p0));
  const b = Math.abs(Math.log((1 - p1) / (1 - p0)));
  const resolution = Math.max(1, Math.min(CUSUM_RESOLUTION, Math.floor(300 * Math.min(a, b) / Math.max(a, b))));
  return { key: `cusum|${p0}|${p1}|${arl0}|${resolution}|${MAX_CUSUM_SCORE}`, p0, p1, arl0, resolution, maxScore: MAX_CUSUM_SCORE };
}

const ewmaInput = (lambda: number, arl0: number): EwmaCalibrationInput => ({ key: `ewma|${lambda}|${arl0}`, lambda, arl0 });

/** Calibrates one CUSUM (milliseconds to a few hundred for rare rates). */
export function calibrateCusumInput(c: CusumCalibrationInput): CusumCalibration {
  const r = calibrateBernoulliCusum({ p0: c.p0, p1: c.p1, targetArl0: c.arl0, resolution: c.resolution, maxScore: c.maxScore });
  return { h: r.h, arl0: r.arl0, arl1: r.arl1 };
}

const calibrationCache = new Map<string, Calibration>();
/** A calibration from `table`, else computed here and memoised. */
function lookup(table: CalibrationTable | undefined, key: string, compute: () => Calibration): Calibration {
  let c = table?.get(key) ?? calibrationCache.get(key);
  if (!c) {
    c = compute();
    if (calibrationCache.size > 500) calibrationCache.clear();
    calibrationCache.set(key, c);
  }
  return c;
}

/** Limit width L of a two-sided EWMA for a target ARL0 in windows (memoised: it takes ~1 s). */
export function ewmaLimit(lambda: number, arl0: number, table?: CalibrationTable): number {
  const c = lookup(table, ewmaInput(lambda, arl0).key, () => ({ L: calibrateEwma({ lambda, targetArl0: arl0 }).L }));
  return (c as { L: number }).L;
}

export const cusumKey = (metric: 'refusal_rate' | 'anomalous_output_rate', category: string | null) => `${metric}|${category ?? ''}`;

interface CusumPlan { key: string; input: CusumCalibrationInput; baseline: { rate: number; n: number } }

/** The CUSUMs a baseline gets (see `createSequentialState`), with what calibrating each needs. */
function planCusums(b: BaselineProfile, s: DetectionSettings): CusumPlan[] {
  const arl0 = 1 / s.falseAlarmRatePerEvent;
  const plans: CusumPlan[] = [];
  const addRefusal = (category: string | null, r: RateStat) => {
    const p0 = smoothedRate(r);
    plans.push({ key: cusumKey('refusal_rate', category), input: cusumCalibrationInput(p0, p0 * (1 - s.cusumRelativeShift), arl0), baseline: { rate: r.rate ?? p0, n: r.n } });
  };
  if (b.refusal.overall.n >= s.minSamples.rate) addRefusal(null, b.refusal.overall);
  for (const [c, r] of Object.entries(b.refusal.byCategory)) if (r.n >= s.minSamples.category) addRefusal(c, r);
  if (b.anomaly) {
    const p0 = b.anomaly.flagRate;
    plans.push({ key: cusumKey('anomalous_output_rate', null), input: cusumCalibrationInput(p0, Math.min(0.5, p0 * s.anomalyShiftFactor), arl0), baseline: { rate: p0, n: Math.round(1 / p0) - 1 } });
  }
  return plans;
}

/**
 * The calibrations `createSequentialState` needs for this baseline. Together they can take
 * seconds (rare refusal rates give long Markov chains), so a server computes them off its event
 * loop and passes the table in.
 */
export function calibrationInputs(b: BaselineProfile, s: DetectionSettings): { cusums: CusumCalibrationInput[]; ewmas: EwmaCalibrationInput[] } {
  const cusums = new Map(planCusums(b, s).map((p) => [p.input.key, p.input]));
  return { cusums: [...cusums.values()], ewmas: [ewmaInput(s.ewmaLambda, 1 / s.falseAlarmRatePerWindow)] };
}

/**
 * Builds the calibrated detectors for a baseline. Refusal: one Bernoulli CUSUM overall and one per
 * harm category with at least `minSamples.category` baseline requests, x = 1 for a refusal,
 * p0 = smoothed baseline rate, p1 = p0 (1 - cusumRelativeShift), threshold from the exact
 * Markov-chain ARL so ARL0 >= 1 / falseAlarmRatePerEvent. Anomalous outputs: x = 1 for a flag,
 * p0 = the baseline's flag rate, p1 = anomalyShiftFactor x p0. EWMAs (lambda, L for ARL0 =
 * 1 / falseAlarmRatePerWindow, two-sided limits, exact variance) on standardised window
 * statistics, see `updateWindowEwmas`. Calibrations missing from `table` are computed here.
 */
export function createSequentialState(b: BaselineProfile, s: DetectionSettings, startMs: number, table?: CalibrationTable): SequentialState {
  const cusums: Record<string, CusumEntry> = {};
  for (const { key, input, baseline } of planCusums(b, s)) {
    const c = lookup(table, input.key, () => calibrateCusumInput(input)) as CusumCalibration;
    cusums[key] = {
      chart: createBernoulliCusum({ p0: input.p0, p1: input.p1, h: c.h, resolution: input.resolution, maxScore: input.maxScore }), arl0: c.arl0, arl1: c.arl1, baseline,
      sinceMs: startMs, sinceN: 0, sinceOnes: 0, zeroMs: startMs, zeroN: 0, zeroOnes: 0,
    };
  }
  const L = ewmaLimit(s.ewmaLambda, 1 / s.falseAlarmRatePerWindow, table);
  const ewmas: Record<string, EwmaEntry> = {};
  const chart = (sides: 'two' | 'upper' = 'two') => createEwma({ mean: 0, sigma: 1, lambda: s.ewmaLambda, L, limits: 'exact', sides });
  // Toxicity watches rises only, with the two-sided L: the skewed, discrete share overshoots an
  // exactly calibrated two-sided chart (measured: ~1.15x the target at n = 500), the upper side alone stays below it.
  if (b.toxicity.p95 !== null && b.toxicity.n >= s.minSamples.rate) ewmas.toxicity_p95 = { chart: chart('upper'), baseline: { value: b.toxicity.exceedP95.rate ?? 0.05, n: b.toxicity.n }, L };
  if (b.outputLogLength.mean !== null && b.outputLength.n >= s.minSamples.rate) ewmas.output_length = { chart: chart(), baseline: { value: b.outputLogLength.mean, n: b.outputLength.n }, L };
  return { cusums, ewmas };
}

function step(entry: CusumEntry, one: boolean, atMs: number, key: string): SequentialAlarm | undefined {
  const { state, signal } = updateBernoulliCusum(entry.chart, one);
  entry.chart = state;
  entry.sinceN++;
  if (one) entry.sinceOnes++;
  if (state.sum === 0 && !signal.alarm) { entry.zeroMs = atMs; entry.zeroN = 0; entry.zeroOnes = 0; return undefined; }
  entry.zeroN++;
  if (one) entry.zeroOnes++;
  if (!signal.alarm) return undefined;
  const alarm: SequentialAlarm = {
    key, kind: 'bernoulli-cusum', atMs, sinceMs: entry.zeroMs,
    observed: { value: entry.zeroOnes / entry.zeroN, n: entry.zeroN }, baseline: { value: entry.baseline.rate, n: entry.baseline.n },
    statistic: signal.statistic, limit: state.params.hUnits / state.params.scale,
  };
  entry.sinceMs = atMs;
  entry.sinceN = 0;
  entry.sinceOnes = 0;
  entry.zeroMs = atMs;
  entry.zeroN = 0;
  entry.zeroOnes = 0;
  return alarm;
}

/** Feeds one observation to the CUSUMs it concerns (mutates `state`); returns the alarms. */
export function updateCusums(state: SequentialState, o: Observation): SequentialAlarm[] {
  const alarms: SequentialAlarm[] = [];
  const feed = (key: string, one: boolean) => {
    const e = state.cusums[key];
    if (!e) return;
    const a = step(e, one, o.tsMs, key);
    if (a) alarms.push(a);
  };
  if (o.harmful && o.category && o.refusal) {
    const refused = isRefusal(o.refusal);
    feed(cusumKey('refusal_rate', null), refused);
    feed(cusumKey('refusal_rate', o.category as HarmCategory), refused);
  }
  if (o.anomalous !== null) feed(cusumKey('anomalous_output_rate', null), o.anomalous);
  return alarms;
}

/**
 * One EWMA step per window (the smallest configured window) on standardised statistics:
 * toxicity: z = 2 sqrt(n) (asin sqrt(phat) - asin sqrt(p0)), the variance-stabilised share of
 * outputs above the baseline p95 (p0 = that share in the baseline); output length:
 * z = (mean - mu0) / (sd0 / sqrt(n)) of ln(1 + chars). Both are N(0, 1) in control for
 * moderate n, so one calibrated (lambda, L) serves both. Windows below `minN` are skipped.
 */
export function updateWindowEwmas(state: SequentialState, b: BaselineProfile, w: MinuteRecord, endMs: number, minN: number): SequentialAlarm[] {
  const alarms: SequentialAlarm[] = [];
  const feed = (key: string, z: number, observed: { value: number; n: number }) => {
    const e = state.ewmas[key];
    if (!e) return;
    const { state: next, signal } = updateEwma(e.chart, z);
    e.chart = next;
    if (signal.alarm) alarms.push({ key, kind: 'ewma', atMs: endMs, sinceMs: endMs, observed, baseline: e.baseline, statistic: signal.statistic, limit: e.L });
  };
  const tox = state.ewmas.toxicity_p95;
  if (tox && w.toxicityN >= minN) {
    const p0 = Math.min(0.999, Math.max(0.001, tox.baseline.value));
    const ph = w.toxicityExceed / w.toxicityN;
    const z = 2 * Math.sqrt(w.toxicityN) * (Math.asin(Math.sqrt(ph)) - Math.asin(Math.sqrt(p0)));
    feed('toxicity_p95', z, { value: ph, n: w.toxicityN });
  }
  const len = state.ewmas.output_length;
  const [n, sum] = w.logLength;
  const { mean: mean0, sd: sd0 } = b.outputLogLength;
  if (len && n >= minN && mean0 !== null && sd0 !== null && sd0 > 0) {
    const mean = sum / n;
    feed('output_length', (mean - mean0) / (sd0 / Math.sqrt(n)), { value: mean, n });
  }
  return alarms;
}

