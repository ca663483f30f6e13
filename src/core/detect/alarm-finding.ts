import type { BaselineProfile } from '../baseline/profile.js';
import { locateRateChange, type RatePoint } from './changepoint.js';
import { clockTime, explainFinding } from './explain.js';
import type { MinuteRecord } from './minute-record.js';
import type { SequentialAlarm } from './sequential.js';
import type { DetectionSettings } from './settings.js';
import { refusalLevel } from './thresholds.js';
import type { Finding, MetricName } from './types.js';
import { severityOfLevel } from './window-rules.js';

/** The per-minute (k, n) series of a refusal rate (overall or one category) from minute records. */
export function refusalHistory(records: readonly MinuteRecord[], category: string | null): RatePoint[] {
  return records.map((r) => {
    if (category === null) return { minuteMs: r.minuteMs, k: r.refused, n: r.harmful };
    const c = r.byCategory[category as keyof MinuteRecord['byCategory']];
    return { minuteMs: r.minuteMs, k: c?.[1] ?? 0, n: c?.[0] ?? 0 };
  });
}

/**
 * Turns a CUSUM or EWMA alarm into a finding. A CUSUM dates the change by Page's estimator (the
 * last time its sum stood at zero); for refusal rates the change point of the minute history
 * (PELT, binomial cost), once it has enough data to find one, replaces it and says what the rate
 * has been since; severity is `low` (a significant shift within the thresholds) unless that post-change
 * rate, over at least `minSamples.rate` requests, is past a warning (medium) or critical (high)
 * threshold. Other alarms are `low`.
 */
export function alarmToFinding(deployment: string, alarm: SequentialAlarm, b: BaselineProfile, s: DetectionSettings, history: readonly MinuteRecord[]): Finding {
  const [metricPart, categoryPart] = alarm.key.split('|');
  const metric = metricPart as MetricName;
  const category = categoryPart ? categoryPart : null;
  let observed = alarm.observed;
  let startMs = alarm.sinceMs;
  let startedMs: number | undefined;
  let severity: Finding['severity'] = 'low';
  if (alarm.kind === 'bernoulli-cusum') startedMs = alarm.sinceMs;
  if (metric === 'refusal_rate') {
    const located = locateRateChange(refusalHistory(history, category));
    if (located && located.after.rate < located.before.rate) {
      startedMs = located.startedMs;
      startMs = located.startedMs;
      observed = { value: located.after.rate, n: located.after.n };
      if (located.after.n >= s.minSamples.rate) severity = severityOfLevel(refusalLevel(s.thresholds, category ? 'category' : 'overall', alarm.baseline.value, located.after.rate));
    }
  }
  const f: Omit<Finding, 'explanation'> = {
    deployment, metric, category, detector: alarm.kind, level: 'none', severity, atMs: alarm.atMs,
    window: { startMs, endMs: alarm.atMs, label: `since ${clockTime(startMs, alarm.atMs)}` },
    observed, baseline: alarm.baseline, statistic: alarm.statistic, limit: alarm.limit, startedMs,
  };
  return { ...f, explanation: explainFinding(f) };
}

/** Adds the change point of a refusal finding's rate (threshold findings), if PELT finds one before the finding. */
export function withChangepoint(f: Finding, history: readonly MinuteRecord[]): Finding {
  if (f.metric !== 'refusal_rate' || f.startedMs !== undefined) return f;
  const located = locateRateChange(refusalHistory(history.filter((r) => r.minuteMs < f.atMs), f.category));
  if (!located || located.after.rate >= located.before.rate) return f;
  const g = { ...f, startedMs: located.startedMs };
  return { ...g, explanation: `${explainFinding(g)}; the fall started near ${clockTime(located.startedMs, f.atMs)}` };
}
