import { HARM_CATEGORIES, type HarmCategory } from '../classify/types.js';
import { binnedKs } from '../baseline/numeric-bins.js';
import type { BaselineProfile } from '../baseline/profile.js';
import { wilsonInterval } from '../stats/sequential/intervals.js';
import { chi2Contingency } from '../stats/compare/chi2-contingency.js';
import { jsDistance, smoothCounts, type Smoothing } from '../stats/compare/divergence.js';

const HALF: Smoothing = { kind: 'additive', pseudocount: 0.5 };
import { explainFinding, windowLabel } from './explain.js';
import { recordToxicityQuantile, type MinuteRecord } from './minute-record.js';
import type { DetectionSettings } from './settings.js';
import { guardedRefusalLevel, refusalGuardZ } from './refusal-guard.js';
import { anomalyLevel, toxicityLevel, type ThresholdLevel } from './thresholds.js';
import type { AlertSeverity, Finding, MetricName } from './types.js';

/** Severity a threshold rule alone implies (DESIGN.md): warning -> medium, critical -> high. */
export function severityOfLevel(level: ThresholdLevel): AlertSeverity {
  return level === 'critical' ? 'high' : level === 'warning' ? 'medium' : 'low';
}

/**
 * Small-sample guard: a refusal rule takes a level only when the window is below its line with
 * significance (guardedRefusalLevel: both the window and the baseline are samples; the level is
 * the per-window false-alarm target split over the 15 refusal rules). The anomaly rule uses the
 * lower 95% Wilson bound of the flagged share.
 */

/**
 * The chi-squared approximation runs hot on skewed 10-bin histograms at n = 300: seeded in-control
 * streams (test/detection-calibration.test.ts) alarmed at ~1.1x the nominal level, so the tests run
 * at 0.8 x the per-window target, which the same measurement keeps at or below the target.
 */
export const CHI2_LEVEL_FACTOR = 0.8;

export interface WindowSpec { startMs: number; endMs: number; windowMs: number }

/**
 * Two-sample chi-squared test of a window's histogram against the baseline's counts. Columns whose
 * baseline count or expected window count is below 5 are pooled into one, so expected counts stay
 * large enough for the chi-squared approximation. Returns the p-value and the Jensen-Shannon distance (base 2, add-0.5
 * smoothing) between the two normalised histograms, or undefined when there is nothing to test.
 */
export function histogramTest(baseline: readonly number[], window: readonly number[]): { pValue: number; statistic: number; js: number } | undefined {
  const b: number[] = [];
  const w: number[] = [];
  let pb = 0, pw = 0;
  const nb = baseline.reduce((x, v) => x + v, 0);
  const nw = window.reduce((x, v) => x + v, 0);
  baseline.forEach((v, i) => {
    if (v >= 5 && (v / nb) * nw >= 5) { b.push(v); w.push(window[i] ?? 0); } else { pb += v; pw += window[i] ?? 0; }
  });
  if (pb + pw > 0) { b.push(pb); w.push(pw); }
  const keep = b.map((v, i) => v + (w[i] as number) > 0);
  const bb = b.filter((_, i) => keep[i]);
  const ww = w.filter((_, i) => keep[i]);
  if (bb.length < 2 || ww.every((v) => v === 0)) return undefined;
  const r = chi2Contingency([bb, ww]);
  if (!Number.isFinite(r.pvalue)) return undefined;
  return { pValue: r.pvalue, statistic: r.statistic, js: jsDistance(smoothCounts(bb, HALF), smoothCounts(ww, HALF), { base: 2 }) };
}

/**
 * Evaluates one closed window: the DESIGN.md threshold rules (refusal overall and per category,
 * toxicity p95, anomalous share), each only with enough samples (minSamples), and a chi-squared
 * test per histogram (input categories, input length, topics, output length, latency) at level
 * falseAlarmRatePerWindow. Returns findings for whatever crossed a line.
 */
export function evaluateWindow(deployment: string, b: BaselineProfile, w: MinuteRecord, spec: WindowSpec, s: DetectionSettings): Finding[] {
  const out: Finding[] = [];
  const label = windowLabel(spec.windowMs);
  const window = { startMs: spec.startMs, endMs: spec.endMs, label };
  const push = (f: Omit<Finding, 'explanation' | 'deployment' | 'window' | 'atMs'>) => {
    const full = { ...f, deployment, window, atMs: spec.endMs };
    out.push({ ...full, explanation: explainFinding(full) });
  };
  const t = s.thresholds;
  const overall = b.refusal.overall;
  const z = refusalGuardZ(s.falseAlarmRatePerWindow);
  if (overall.rate !== null && overall.n >= s.minSamples.rate && w.harmful >= s.minSamples.rate) {
    const rate = w.refused / w.harmful;
    const level = guardedRefusalLevel(t, 'overall', overall, { k: w.refused, n: w.harmful }, z);
    if (level !== 'none') {
      push({ metric: 'refusal_rate', category: null, detector: 'threshold', level, severity: severityOfLevel(level),
        observed: { value: rate, n: w.harmful }, baseline: { value: overall.rate, n: overall.n },
        statistic: rate / overall.rate, limit: level === 'critical' ? t.refusalOverall.criticalRatio : t.refusalOverall.warningRatio });
    }
  }
  for (const c of HARM_CATEGORIES) {
    const base = b.refusal.byCategory[c as HarmCategory];
    const cur = w.byCategory[c as HarmCategory];
    if (!base || base.rate === null || !cur || base.n < s.minSamples.category || cur[0] < s.minSamples.category) continue;
    const rate = cur[1] / cur[0];
    const level = guardedRefusalLevel(t, 'category', base, { k: cur[1], n: cur[0] }, z);
    if (level === 'none') continue;
    push({ metric: 'refusal_rate', category: c, detector: 'threshold', level, severity: severityOfLevel(level),
      observed: { value: rate, n: cur[0] }, baseline: { value: base.rate, n: base.n },
      statistic: 1 - rate / base.rate, limit: level === 'critical' ? t.refusalCategory.criticalDrop : t.refusalCategory.warningDrop });
  }
  if (b.toxicity.p95 !== null && b.toxicity.n >= s.minSamples.rate && w.toxicityN >= s.minSamples.rate) {
    // Compare like with like: the window's p95 is the upper edge of a 0.01 bin, so is the baseline's.
    const base = Math.ceil(b.toxicity.p95 * 100 - 1e-9) / 100;
    const p95 = recordToxicityQuantile(w, 0.95) as number;
    const level = toxicityLevel(t, base, p95);
    if (level !== 'none') {
      push({ metric: 'toxicity_p95', category: null, detector: 'threshold', level, severity: severityOfLevel(level),
        observed: { value: p95, n: w.toxicityN }, baseline: { value: base, n: b.toxicity.n },
        statistic: p95 / Math.max(base, 0.01), limit: level === 'critical' ? t.toxicityP95.criticalRatio : t.toxicityP95.warningRatio });
    }
  }
  // Two flags at least: one odd output in a small window is not a rate.
  if (b.anomaly && w.anomalyN >= s.minSamples.rate && w.anomalous >= 2) {
    const rate = w.anomalous / w.anomalyN;
    const level = anomalyLevel(t, b.anomaly.flagRate, wilsonInterval(w.anomalous, w.anomalyN).lower);
    if (level !== 'none') {
      push({ metric: 'anomalous_output_rate', category: null, detector: 'threshold', level, severity: severityOfLevel(level),
        observed: { value: rate, n: w.anomalyN }, baseline: { value: b.anomaly.flagRate, n: Math.round(1 / b.anomaly.flagRate) - 1 },
        statistic: rate - b.anomaly.flagRate, limit: level === 'critical' ? t.anomalousRate.critical : t.anomalousRate.warning, triggers: w.triggers });
    }
  }
  const hist = (metric: MetricName, base: readonly number[] | undefined, cur: readonly number[], numeric: boolean) => {
    const n = cur.reduce((x, v) => x + v, 0);
    if (!base || n < s.minSamples.histogram) return;
    const r = histogramTest(base, cur);
    if (!r || r.pValue >= s.falseAlarmRatePerWindow * CHI2_LEVEL_FACTOR) return;
    push({ metric, category: null, detector: 'chi2', level: 'none', severity: 'low', observed: { value: null, n },
      baseline: { value: null, n: base.reduce((x, v) => x + v, 0) }, statistic: r.statistic, limit: s.falseAlarmRatePerWindow,
      pValue: r.pValue, effect: numeric ? binnedKs(base, cur) : r.js });
  };
  hist('input_category_distribution', b.input.categories, w.inputCategories, false);
  hist('input_length', b.input.length.counts, w.inputLength, true);
  hist('topic_distribution', b.topics?.counts, w.topics, false);
  hist('output_length', b.outputLength.counts, w.outputLength, true);
  hist('latency', b.latencyMs.n > 0 ? b.latencyMs.counts : undefined, w.latency, true);
  return out;
}
