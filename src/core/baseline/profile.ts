import { HARM_CATEGORIES, type ArgusScores, type HarmCategory } from '../classify/types.js';
import { invalidInput } from '../errors.js';
import { FEATURE_NAMES } from '../features/output-features.js';
import { fitIsolationForest, scoreSamples, type IsolationForestModel } from '../stats/anomaly/isolation-forest.js';
import { wilsonInterval } from '../stats/sequential/intervals.js';
import { fitTopicModel, topicHistogram, type TopicModel } from '../topics/topic-model.js';
import { contextFingerprint, dominantFingerprint, type ContextFingerprint } from './fingerprint.js';
import { countsTowardRefusal, isRefusal } from './harmful-request.js';
import { binNumeric, type BinnedNumeric } from './numeric-bins.js';

/** One analysed interaction as the profile reads it. */
export interface ProfileEvent {
  inputText: string;
  outputText: string;
  systemPrompt: string | null;
  tools: readonly string[];
  model: string | null;
  latencyMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  features?: Record<string, number | string> | undefined;
  scores?: Partial<ArgusScores> | undefined;
}

/** k successes of n with a 95% Wilson interval; rate and ci are null when n = 0. */
export interface RateStat { n: number; k: number; rate: number | null; ci: [number, number] | null }

export const FORMAT_KINDS = ['lists', 'headers', 'code', 'links', 'tables'] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];

export interface AnomalyProfile {
  model: IsolationForestModel;
  /** An output whose isolation score is below this is anomalous. */
  threshold: number;
  /** In-control probability of a flag: 1/(m+1) for m held-out baseline outputs (exchangeability). */
  flagRate: number;
}

/** The behavioural profile of a deployment; `BaselineVersion` wraps it with reason and fingerprint. */
export interface BaselineProfile {
  events: number;
  refusal: { overall: RateStat; byCategory: Partial<Record<HarmCategory, RateStat>>; benign: RateStat; partial: RateStat };
  toxicity: { n: number; p50: number | null; p90: number | null; p95: number | null; p99: number | null; exceedP95: RateStat };
  outputLength: BinnedNumeric;
  /** Mean and sample sd of ln(1 + output chars): the output-length EWMA's in-control law. */
  outputLogLength: { mean: number | null; sd: number | null };
  vocabulary: { typeTokenRatio: BinnedNumeric; mtld: BinnedNumeric };
  formatting: Record<FormatKind, RateStat>;
  hedging: RateStat;
  topics: { model: TopicModel; counts: number[] } | null;
  input: { categories: number[]; length: BinnedNumeric; language: null };
  latencyMs: BinnedNumeric;
  tokens: { input: BinnedNumeric; output: BinnedNumeric };
  anomaly: AnomalyProfile | null;
  fingerprint: ContextFingerprint;
  /** Share of the events that carry the dominant fingerprint. */
  fingerprintShare: number;
}

export function rateStat(k: number, n: number): RateStat {
  if (n === 0) return { n, k, rate: null, ci: null };
  const w = wilsonInterval(k, n);
  return { n, k, rate: k / n, ci: [w.lower, w.upper] };
}

/** A harmful category (S1–S14), as opposed to `benign`. */
export const isHarmful = (c: HarmCategory | undefined): boolean => c !== undefined && c !== 'benign';

const num = (f: ProfileEvent['features'], key: string): number | undefined => {
  const v = f?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** The anomaly detector's input: log1p of counts and lengths, ratios as they are. */
export function anomalyVector(features: ProfileEvent['features']): number[] | undefined {
  if (!features) return undefined;
  const row: number[] = [];
  for (const name of FEATURE_NAMES) {
    const v = num(features, name);
    if (v === undefined) return undefined;
    row.push(name === 'type_token_ratio' ? v : Math.log1p(Math.max(0, v)));
  }
  return row;
}

/** The format kinds an output uses, from its features. */
export function formatKinds(features: ProfileEvent['features']): Record<FormatKind, boolean> {
  const has = (k: string) => (num(features, k) ?? 0) > 0;
  return {
    lists: has('bullet_items') || has('numbered_items'), headers: has('headers'), code: has('code_blocks'),
    links: has('links'), tables: has('table_rows'),
  };
}

export function categoryIndex(c: HarmCategory): number {
  return HARM_CATEGORIES.indexOf(c);
}

/**
 * Fits the anomaly detector: an isolation forest (64 trees, 128 points each, seeded) on the first
 * half of the baseline's feature vectors; the threshold is the lowest score among the second half,
 * so a new in-control output falls below it with probability 1/(m+1) (m = held-out outputs, by
 * exchangeability of the m+1 scores). Needs 40 vectors; fewer give null.
 */
export function fitAnomalyProfile(rows: readonly number[][], seed: number): AnomalyProfile | null {
  if (rows.length < 40) return null;
  const fitRows = rows.filter((_, i) => i % 2 === 0);
  const heldOut = rows.filter((_, i) => i % 2 === 1);
  const model = fitIsolationForest(fitRows, { nEstimators: 64, maxSamples: Math.min(128, fitRows.length), seed });
  const scores = scoreSamples(model, heldOut);
  let threshold = Infinity;
  for (const s of scores) threshold = Math.min(threshold, s);
  return { model, threshold, flagRate: 1 / (heldOut.length + 1) };
}

/**
 * Builds a profile. Toxicity p95 and every quantile are linear-interpolation sample quantiles
 * (numpy's default); rates carry 95% Wilson intervals (Wilson 1927). Refusal rates count the
 * requests `countsTowardRefusal` admits, the rule the detectors apply to production. Example: 412
 * harmful requests of which 400 were refused give refusal.overall = {n: 412, k: 400, rate: 0.971,
 * ci: [0.950, 0.983]}.
 */
export function buildBaselineProfile(events: readonly ProfileEvent[], options: { seed?: number; topics?: number; reference?: BaselineProfile } = {}): BaselineProfile {
  const ref = options.reference;
  if (events.length === 0) throw invalidInput('a baseline needs at least one analysed event, got none');
  const seed = options.seed ?? 1;
  let harmful = 0, refused = 0, benign = 0, benignRefused = 0, partial = 0;
  const byCat = new Map<HarmCategory, { n: number; k: number }>();
  const categories = new Array<number>(HARM_CATEGORIES.length).fill(0);
  const toxicity: number[] = [];
  const fmt = Object.fromEntries(FORMAT_KINDS.map((k) => [k, 0])) as Record<FormatKind, number>;
  let analysed = 0, hedged = 0, hedgeN = 0;
  const rows: number[][] = [];
  for (const e of events) {
    const s = e.scores;
    const cat = s?.harm_category?.top;
    const label = s?.refusal?.label;
    if (cat) categories[categoryIndex(cat)] = (categories[categoryIndex(cat)] as number) + 1;
    if (label && cat) {
      // A hazard reading that the answer does not confirm (a plain helpful answer) counts nowhere: see countsTowardRefusal.
      if (countsTowardRefusal(cat, label, s?.policy_violation?.score)) {
        harmful++;
        const c = byCat.get(cat) ?? { n: 0, k: 0 };
        c.n++;
        if (isRefusal(label)) { refused++; c.k++; }
        if (label === 'partial') partial++;
        byCat.set(cat, c);
      } else if (!isHarmful(cat)) {
        benign++;
        if (label === 'refuse') benignRefused++;
      }
    }
    if (s?.toxicity) toxicity.push(s.toxicity.score);
    if (s?.hedging) { hedgeN++; if (s.hedging.score >= 0.5) hedged++; }
    if (e.features) {
      analysed++;
      const f = formatKinds(e.features);
      for (const k of FORMAT_KINDS) if (f[k]) fmt[k]++;
      const row = anomalyVector(e.features);
      if (row) rows.push(row);
    }
  }
  const tox = binNumeric(toxicity, 20);
  const p95 = tox.quantiles?.p95 ?? null;
  const texts = events.map((e) => e.outputText).filter((t) => t.length > 0);
  const k = options.topics ?? Math.max(2, Math.min(8, Math.floor(texts.length / 25)));
  // Against a reference, reuse its topic model so the two histograms share topics.
  const topicModel = ref?.topics?.model ?? (texts.length >= 10 ? fitTopicModel(texts, { k, seed }) : null);
  const dominant = dominantFingerprint(events.map((e) => contextFingerprint(e)));
  const numbers = (pick: (e: ProfileEvent) => number | null | undefined) => events.map(pick).filter((v): v is number => typeof v === 'number');
  return {
    events: events.length,
    refusal: {
      overall: rateStat(refused, harmful),
      byCategory: Object.fromEntries([...byCat].sort((a, b) => categoryIndex(a[0]) - categoryIndex(b[0])).map(([c, v]) => [c, rateStat(v.k, v.n)])),
      benign: rateStat(benignRefused, benign),
      partial: rateStat(partial, harmful),
    },
    toxicity: {
      n: toxicity.length, p50: tox.quantiles?.p50 ?? null, p90: tox.quantiles?.p90 ?? null, p95, p99: tox.quantiles?.p99 ?? null,
      exceedP95: rateStat(p95 === null ? 0 : toxicity.filter((t) => t > p95).length, toxicity.length),
    },
    outputLength: binNumeric(numbers((e) => num(e.features, 'output_chars') ?? e.outputText.length), 10, ref?.outputLength.cuts),
    outputLogLength: (() => { const l = binNumeric(numbers((e) => num(e.features, 'output_chars') ?? e.outputText.length).map((v) => Math.log1p(v))); return { mean: l.mean, sd: l.sd }; })(),
    vocabulary: { typeTokenRatio: binNumeric(numbers((e) => num(e.features, 'type_token_ratio'))), mtld: binNumeric(numbers((e) => num(e.features, 'mtld'))) },
    formatting: Object.fromEntries(FORMAT_KINDS.map((kind) => [kind, rateStat(fmt[kind], analysed)])) as Record<FormatKind, RateStat>,
    hedging: rateStat(hedged, hedgeN),
    topics: topicModel ? { model: topicModel, counts: topicHistogram(topicModel, texts) } : null,
    input: { categories, length: binNumeric(numbers((e) => e.inputText.length), 10, ref?.input.length.cuts), language: null },
    latencyMs: binNumeric(numbers((e) => e.latencyMs), 10, ref?.latencyMs.cuts),
    tokens: { input: binNumeric(numbers((e) => e.inputTokens)), output: binNumeric(numbers((e) => e.outputTokens)) },
    anomaly: ref ? null : fitAnomalyProfile(rows, seed),
    fingerprint: dominant?.fingerprint ?? contextFingerprint({ systemPrompt: null, tools: [], model: null }),
    fingerprintShare: dominant?.share ?? 0,
  };
}
