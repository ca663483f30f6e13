import { HARM_CATEGORIES, type HarmCategory, type RefusalLabel } from '../classify/types.js';
import { isRefusal } from '../baseline/harmful-request.js';
import { binIndex } from '../baseline/numeric-bins.js';
import { categoryIndex, type BaselineProfile } from '../baseline/profile.js';

/** What the engine knows about one production event, measured against the active baseline. */
export interface Observation {
  tsMs: number;
  category: HarmCategory | null;
  refusal: RefusalLabel | null;
  /** The request counts toward the refusal rates (countsTowardRefusal: a hazard reading the answer confirms). */
  harmful: boolean;
  toxicity: number | null;
  /** Isolation score below the baseline's threshold; null when there is no anomaly model or no features. */
  anomalous: boolean | null;
  trigger: boolean;
  topic: number | null;
  outputChars: number | null;
  inputChars: number;
  latencyMs: number | null;
  fingerprintKey: string;
}

/**
 * Per-minute counts for one deployment under one baseline: enough to evaluate every window rule
 * and test, and to locate change points, without re-reading events. Histograms use the baseline's
 * bins, so a record belongs to its baseline. Counts only, so records merge by adding.
 */
export interface MinuteRecord {
  minuteMs: number;
  n: number;
  harmful: number;
  refused: number;
  /** Harmful categories: [requests, refused]. */
  byCategory: Partial<Record<HarmCategory, [number, number]>>;
  /** Toxicity in 100 bins of 0.01, sparse: bin index -> count. */
  toxicity: Record<string, number>;
  toxicityN: number;
  /** Outputs above the baseline's toxicity p95. */
  toxicityExceed: number;
  anomalyN: number;
  anomalous: number;
  triggers: number;
  inputCategories: number[];
  topics: number[];
  outputLength: number[];
  inputLength: number[];
  latency: number[];
  /** Sum and sum of squares of ln(1 + output chars), for the EWMA on length. */
  logLength: [number, number, number];
  fingerprints: Record<string, number>;
}

export function emptyMinuteRecord(minuteMs: number, b: BaselineProfile): MinuteRecord {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return {
    minuteMs, n: 0, harmful: 0, refused: 0, byCategory: {}, toxicity: {}, toxicityN: 0, toxicityExceed: 0,
    anomalyN: 0, anomalous: 0, triggers: 0, inputCategories: zeros(HARM_CATEGORIES.length),
    topics: zeros(b.topics?.counts.length ?? 0), outputLength: zeros(b.outputLength.counts.length),
    inputLength: zeros(b.input.length.counts.length), latency: zeros(b.latencyMs.counts.length),
    logLength: [0, 0, 0], fingerprints: {},
  };
}

const bump = (arr: number[], i: number) => { arr[i] = (arr[i] ?? 0) + 1; };

export function addObservation(r: MinuteRecord, o: Observation, b: BaselineProfile): void {
  r.n++;
  if (o.category) bump(r.inputCategories, categoryIndex(o.category));
  if (o.harmful && o.category && o.refusal) {
    r.harmful++;
    const c = (r.byCategory[o.category] ??= [0, 0]);
    c[0]++;
    if (isRefusal(o.refusal)) { r.refused++; c[1]++; }
  }
  if (o.toxicity !== null) {
    r.toxicityN++;
    const bin = String(Math.min(99, Math.max(0, Math.floor(o.toxicity * 100))));
    r.toxicity[bin] = (r.toxicity[bin] ?? 0) + 1;
    if (b.toxicity.p95 !== null && o.toxicity > b.toxicity.p95) r.toxicityExceed++;
  }
  if (o.anomalous !== null) { r.anomalyN++; if (o.anomalous) r.anomalous++; }
  if (o.trigger) r.triggers++;
  if (o.topic !== null && o.topic < r.topics.length) bump(r.topics, o.topic);
  if (o.outputChars !== null) {
    bump(r.outputLength, binIndex(b.outputLength.cuts, o.outputChars));
    const l = Math.log1p(o.outputChars);
    r.logLength[0]++; r.logLength[1] += l; r.logLength[2] += l * l;
  }
  bump(r.inputLength, binIndex(b.input.length.cuts, o.inputChars));
  if (o.latencyMs !== null) bump(r.latency, binIndex(b.latencyMs.cuts, o.latencyMs));
  r.fingerprints[o.fingerprintKey] = (r.fingerprints[o.fingerprintKey] ?? 0) + 1;
}

const addArrays = (a: readonly number[], b: readonly number[]) => a.map((v, i) => v + (b[i] ?? 0));
const addRecords = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

/** Sum of records (a window); `minuteMs` is the earliest. Merge equals replaying every observation. */
export function mergeMinuteRecords(a: MinuteRecord, b: MinuteRecord): MinuteRecord {
  const byCategory = { ...a.byCategory };
  for (const [c, v] of Object.entries(b.byCategory) as Array<[HarmCategory, [number, number]]>) {
    const cur = byCategory[c] ?? [0, 0];
    byCategory[c] = [cur[0] + v[0], cur[1] + v[1]];
  }
  return {
    minuteMs: Math.min(a.minuteMs, b.minuteMs), n: a.n + b.n, harmful: a.harmful + b.harmful, refused: a.refused + b.refused,
    byCategory, toxicity: addRecords(a.toxicity, b.toxicity), toxicityN: a.toxicityN + b.toxicityN,
    toxicityExceed: a.toxicityExceed + b.toxicityExceed, anomalyN: a.anomalyN + b.anomalyN, anomalous: a.anomalous + b.anomalous,
    triggers: a.triggers + b.triggers, inputCategories: addArrays(a.inputCategories, b.inputCategories),
    topics: addArrays(a.topics, b.topics), outputLength: addArrays(a.outputLength, b.outputLength),
    inputLength: addArrays(a.inputLength, b.inputLength), latency: addArrays(a.latency, b.latency),
    logLength: [a.logLength[0] + b.logLength[0], a.logLength[1] + b.logLength[1], a.logLength[2] + b.logLength[2]],
    fingerprints: addRecords(a.fingerprints, b.fingerprints),
  };
}

/** The q-quantile of toxicity in a record: upper edge of the 0.01 bin where the CDF reaches q. */
export function recordToxicityQuantile(r: MinuteRecord, q: number): number | null {
  if (r.toxicityN === 0) return null;
  let cum = 0;
  for (let i = 0; i < 100; i++) {
    cum += r.toxicity[String(i)] ?? 0;
    if (cum >= q * r.toxicityN) return (i + 1) / 100;
  }
  return 1;
}
