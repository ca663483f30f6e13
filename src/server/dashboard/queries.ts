import { ROLLUPS_READY_SETTING } from '../../adapters/storage/rollups.js';
import { deploymentNames } from '../../adapters/storage/deployment-names.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { BaselineLookup } from '../../app/export/baseline-reference.js';
import { HARM_CATEGORIES, type HarmCategory } from '../../core/classify/types.js';
import { emptyMinuteAggregate, mergeMinuteAggregates, type MinuteAggregate } from '../../core/aggregate/minute-aggregate.js';
import { DEFAULT_THRESHOLDS, refusalLevel, toxicityLevel, type ThresholdLevel } from '../../core/detect/thresholds.js';
import { aggregateMetrics, bucketize, categoryRefusal, HARMFUL_CATEGORIES, minMaxPerBucket, pChartLimits, type StoredResolutionMs } from '../../core/downsample/index.js';
import { createBinomialCost } from '../../core/stats/changepoint/costs.js';
import { pelt } from '../../core/stats/changepoint/pelt.js';
import { penaltyValue } from '../../core/stats/changepoint/penalty.js';
import { jsDistance } from '../../core/stats/compare/divergence.js';

type Row = { minuteMs: number; data: MinuteAggregate };
const merge = (a: MinuteAggregate, b: MinuteAggregate) => mergeMinuteAggregates(a, b);
const mergeAll = (rows: readonly Row[]) => rows.reduce((acc, r) => merge(acc, r.data), emptyMinuteAggregate());

async function rowsOf(store: EventStore, q: { deployment?: string; fromMs: number; toMs: number; resolutionMs?: StoredResolutionMs }): Promise<Array<Row & { deployment: string }>> {
  const rows = await store.readAggregates({ ...q, source: 'production' });
  return rows.map((r) => ({ deployment: r.deployment, minuteMs: r.minuteMs, data: r.data as MinuteAggregate }));
}

/**
 * The rows for a chart at the resolution asked for; minutes while the rollups of an upgraded
 * store are still being rebuilt (same buckets, only slower). Returns the resolution read.
 */
async function chartRows(store: EventStore, q: { deployment: string; fromMs: number; toMs: number; resolutionMs: StoredResolutionMs }) {
  const resolutionMs = q.resolutionMs === 60_000 || (await store.getSetting(ROLLUPS_READY_SETTING)) === '1' ? q.resolutionMs : 60_000;
  return { rows: await rowsOf(store, { ...q, resolutionMs }), resolutionMs };
}

const HOUR_MS = 3_600_000;

/**
 * The merge of every minute in [fromMs, toMs): whole hours from the hourly rollups, the ragged
 * ends from minutes, so a 7-day reference window reads ~170 hour rows and ~120 minutes instead of
 * 10,080 minutes. Example: 10:20-13:05 -> minutes 10:20-11:00, hours 11 and 12, minutes 13:00-13:05.
 */
async function mergedOver(store: EventStore, deployment: string, fromMs: number, toMs: number): Promise<MinuteAggregate> {
  const innerFrom = Math.ceil(fromMs / HOUR_MS) * HOUR_MS;
  const innerTo = Math.floor(toMs / HOUR_MS) * HOUR_MS;
  if (innerTo - innerFrom < 2 * HOUR_MS || (await store.getSetting(ROLLUPS_READY_SETTING)) !== '1') return mergeAll(await rowsOf(store, { deployment, fromMs, toMs }));
  const parts = [
    ...await rowsOf(store, { deployment, fromMs, toMs: innerFrom }),
    ...await rowsOf(store, { deployment, fromMs: innerFrom, toMs: innerTo, resolutionMs: HOUR_MS }),
    ...await rowsOf(store, { deployment, fromMs: innerTo, toMs }),
  ];
  return mergeAll(parts);
}

export interface OverviewRow {
  deployment: string;
  state: 'ok' | 'warning' | 'critical' | 'no-data' | 'no-baseline';
  events: number;
  requestsPerMinute: number;
  refusalRate: number | null;
  refusalBaseline: number | null;
  toxicityP95: number | null;
  toxicityBaseline: number | null;
  baselineVersion: string | null;
  /** Requests per minute over the window, oldest first: a sparkline. */
  traffic: number[];
  lastMinuteMs: number | null;
}

const worst = (a: ThresholdLevel, b: ThresholdLevel): ThresholdLevel => (a === 'critical' || b === 'critical' ? 'critical' : a === 'warning' || b === 'warning' ? 'warning' : 'none');

/** Every deployment's health over the trailing window: one read of window x deployments rows. */
export async function overview(store: EventStore, baseline: BaselineLookup, nowMs: number, windowMs: number): Promise<{ windowMs: number; atMs: number; deployments: OverviewRow[] }> {
  const fromMs = Math.floor((nowMs - windowMs) / 60_000) * 60_000;
  const toMs = Math.floor(nowMs / 60_000) * 60_000 + 60_000;
  const minutes = (toMs - fromMs) / 60_000;
  // One read per deployment: the aggregates' key starts with deployment, so each is an index range
  // (a read over all deployments by time alone would scan the whole table).
  const names = await deploymentNames(store);
  const groups = new Map<string, Row[]>();
  for (const name of names) groups.set(name, await rowsOf(store, { deployment: name, fromMs, toMs }));
  const out: OverviewRow[] = [];
  for (const [deployment, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const m = aggregateMetrics(mergeAll(g));
    const base = await baseline(deployment);
    const traffic = new Array<number>(minutes).fill(0);
    for (const r of g) traffic[(r.minuteMs - fromMs) / 60_000] = r.data.events;
    let state: OverviewRow['state'];
    if (m.events === 0) state = 'no-data';
    else if (!base) state = 'no-baseline';
    else {
      let level: ThresholdLevel = 'none';
      if (base.refusalRate !== null && m.refusalRate !== null && m.harmfulRequests >= 30) level = worst(level, refusalLevel(DEFAULT_THRESHOLDS, 'overall', base.refusalRate, m.refusalRate));
      if (base.toxicityP95 !== null && m.toxicityP95 !== null) level = worst(level, toxicityLevel(DEFAULT_THRESHOLDS, base.toxicityP95, m.toxicityP95));
      state = level === 'none' ? 'ok' : level;
    }
    out.push({
      deployment, state, events: m.events, requestsPerMinute: m.events / minutes,
      refusalRate: m.refusalRate, refusalBaseline: base?.refusalRate ?? null,
      toxicityP95: m.toxicityP95, toxicityBaseline: base?.toxicityP95 ?? null, baselineVersion: base?.version ?? null,
      traffic, lastMinuteMs: g.length ? Math.max(...g.map((r) => r.minuteMs)) : null,
    });
  }
  return { windowMs, atMs: nowMs, deployments: out };
}

export const SERIES_METRICS = ['refusal_rate', 'toxicity_p95', 'traffic', 'latency_mean_ms', 'output_chars_mean', 'pii_rate', 'jailbreak_rate', 'trigger_rate', 'category_refusal_rate'] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

export interface SeriesQuery { deployment: string; metric: SeriesMetric; category?: HarmCategory | undefined; fromMs: number; toMs: number; stepMs: number; resolutionMs: StoredResolutionMs }

/** Per-bucket value of a merged aggregate, and its sample size (for control limits). */
function pick(metric: SeriesMetric, a: MinuteAggregate, stepMs: number, category: HarmCategory | undefined): { v: number | null; n: number } {
  if (metric === 'category_refusal_rate') { const c = categoryRefusal(a, category ?? 'S1'); return { v: c.rate, n: c.n }; }
  const m = aggregateMetrics(a);
  switch (metric) {
    case 'refusal_rate': return { v: m.refusalRate, n: m.harmfulRequests };
    case 'toxicity_p95': return { v: m.toxicityP95, n: m.analysed };
    case 'traffic': return { v: a.events / (stepMs / 60_000), n: a.events };
    case 'latency_mean_ms': return { v: m.latencyMeanMs, n: a.latencyMs.n };
    case 'output_chars_mean': return { v: m.outputCharsMean, n: m.analysed };
    case 'pii_rate': return { v: m.piiRate, n: m.analysed };
    case 'jailbreak_rate': return { v: m.jailbreakRate, n: m.analysed };
    case 'trigger_rate': return { v: m.triggerRate, n: m.analysed };
  }
}

/**
 * A downsampled series: rows merged into buckets of stepMs (exact rates per bucket), the min and
 * max of the per-minute value inside each bucket, the baseline value, 3-sigma p-chart limits per
 * bucket for rates, and change points located by PELT with a binomial cost on the bucket counts.
 */
export async function series(store: EventStore, baseline: BaselineLookup, q: SeriesQuery) {
  const { rows, resolutionMs } = await chartRows(store, q);
  const buckets = bucketize(rows, q.fromMs, q.toMs, q.stepMs, merge);
  const perRow = q.stepMs > resolutionMs ? minMaxPerBucket(rows, q.fromMs, q.toMs, q.stepMs, (a) => pick(q.metric, a, resolutionMs, q.category).v) : null;
  const t: number[] = []; const value: Array<number | null> = []; const n: number[] = [];
  for (const b of buckets) { const p = b.value ? pick(q.metric, b.value, q.stepMs, q.category) : { v: null, n: 0 }; t.push(b.startMs); value.push(p.v); n.push(p.n); }
  const base = await baseline(q.deployment);
  const baseValue = !base ? null
    : q.metric === 'refusal_rate' ? base.refusalRate
      : q.metric === 'category_refusal_rate' ? base.byCategory[q.category ?? 'S1'] ?? null
        : q.metric === 'toxicity_p95' ? base.toxicityP95 : null;
  const isRate = q.metric === 'refusal_rate' || q.metric === 'category_refusal_rate';
  const limits = isRate && baseValue !== null ? n.map((k) => pChartLimits(baseValue, k)) : null;
  return {
    deployment: q.deployment, metric: q.metric, category: q.category ?? null, fromMs: q.fromMs, toMs: q.toMs, stepMs: q.stepMs, resolutionMs,
    t, value, n, min: perRow?.map((x) => x.min) ?? null, max: perRow?.map((x) => x.max) ?? null,
    baseline: baseValue, lower: limits?.map((l) => l?.lower ?? null) ?? null, upper: limits?.map((l) => l?.upper ?? null) ?? null,
    changepoints: isRate ? rateChangepoints(value, n).map((i) => t[i]!) : [],
  };
}

/** Change points of a rate series: PELT (Killick et al. 2012) on refused/requests counts, MBIC penalty, buckets with data only. */
export function rateChangepoints(value: ReadonlyArray<number | null>, n: readonly number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < value.length; i++) if (value[i] !== null && (n[i] ?? 0) > 0) idx.push(i);
  if (idx.length < 10) return [];
  const k = idx.map((i) => Math.round((value[i] ?? 0) * (n[i] ?? 0)));
  const trials = idx.map((i) => n[i] ?? 0);
  const r = pelt(createBinomialCost(k, trials), penaltyValue('mbic', idx.length, 1), { minSize: 3, jump: 1 });
  return r.changepoints.map((c) => idx[c]!);
}

/** Per-category refusal for small multiples: one series per harmful category with any request. */
export async function categorySeries(store: EventStore, baseline: BaselineLookup, q: Omit<SeriesQuery, 'metric' | 'category'>) {
  const { rows, resolutionMs } = await chartRows(store, q);
  const buckets = bucketize(rows, q.fromMs, q.toMs, q.stepMs, merge);
  const base = await baseline(q.deployment);
  const categories = HARMFUL_CATEGORIES.map((c) => {
    const value = buckets.map((b) => (b.value ? categoryRefusal(b.value, c).rate : null));
    const n = buckets.map((b) => (b.value ? categoryRefusal(b.value, c).n : 0));
    return { category: c, value, n, total: n.reduce((s, x) => s + x, 0), baseline: base?.byCategory[c] ?? null };
  }).filter((c) => c.total > 0);
  return { deployment: q.deployment, fromMs: q.fromMs, toMs: q.toMs, stepMs: q.stepMs, resolutionMs, t: buckets.map((b) => b.startMs), categories };
}

const TOX_BINS = 20;
function coarse(hist: readonly number[]): number[] {
  const out = new Array<number>(TOX_BINS).fill(0);
  hist.forEach((v, i) => { out[Math.floor((i * TOX_BINS) / hist.length)]! += v; });
  return out;
}

/**
 * Distributions of the current window against a reference: the baseline's when it has one (input
 * categories), else the reference window before it. Each with its Jensen-Shannon distance (base 2).
 */
export async function distributions(store: EventStore, baseline: BaselineLookup, q: { deployment: string; nowMs: number; windowMs: number; referenceMs: number }) {
  const curFrom = q.nowMs - q.windowMs;
  const cur = await mergedOver(store, q.deployment, curFrom, q.nowMs + 60_000);
  const ref = await mergedOver(store, q.deployment, curFrom - q.referenceMs, curFrom);
  const base = await baseline(q.deployment);
  const inputs = (a: MinuteAggregate) => HARM_CATEGORIES.map((c) => a.byCategory[c]?.n ?? 0);
  const refInputs = base?.inputCategories ? HARM_CATEGORIES.map((c) => base.inputCategories?.[c] ?? 0) : inputs(ref);
  const labels = (a: MinuteAggregate) => [a.refusal.comply, a.refusal.partial, a.refusal.refuse];
  const js = (p: number[], r: number[]) => (p.some((x) => x > 0) && r.some((x) => x > 0) ? jsDistance(r, p, { base: 2 }) : null);
  const dist = (name: string, bins: string[], current: number[], reference: number[], referenceLabel: string) => ({ name, bins, current, reference, referenceLabel, jsDistance: js(current, reference) });
  const refLabel = `previous ${Math.round(q.referenceMs / 3_600_000)} h`;
  return {
    deployment: q.deployment, windowMs: q.windowMs,
    distributions: [
      dist('input harm category', [...HARM_CATEGORIES], inputs(cur), refInputs, base?.inputCategories ? `baseline ${base.version}` : refLabel),
      dist('refusal label', ['comply', 'partial', 'refuse'], labels(cur), labels(ref), refLabel),
      dist('output toxicity', Array.from({ length: TOX_BINS }, (_, i) => `${(i / TOX_BINS).toFixed(2)}`), coarse(cur.toxicityHistogram), coarse(ref.toxicityHistogram), refLabel),
    ],
  };
}
