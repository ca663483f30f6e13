import type { ThresholdLevel } from './thresholds.js';

export const DRIFT_KINDS = ['safety', 'output', 'input', 'performance'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const METRICS = {
  refusal_rate: 'safety',
  toxicity_p95: 'safety',
  anomalous_output_rate: 'safety',
  backdoor_trigger: 'safety',
  output_length: 'output',
  topic_distribution: 'output',
  input_category_distribution: 'input',
  input_length: 'input',
  // The deployment context (system prompt, tools, model) moved off the baseline's (src/app/detection/context-check.ts).
  context_change: 'input',
  latency: 'performance',
} as const satisfies Record<string, DriftKind>;
export type MetricName = keyof typeof METRICS;

export type DetectorKind = 'threshold' | 'bernoulli-cusum' | 'ewma' | 'chi2' | 'ngram-poisson';

/** One detector's verdict that something moved, at one moment. The engine groups findings into alerts. */
export interface Finding {
  deployment: string;
  metric: MetricName;
  /** Harm category for per-category refusal; null otherwise. */
  category: string | null;
  detector: DetectorKind;
  /** Threshold rules: how far past the line; sequential tests: 'none' (significance only). */
  level: ThresholdLevel;
  severity: AlertSeverity;
  atMs: number;
  /** The window the finding describes ([startMs, endMs)); for a CUSUM, from the located change point or the last reset to the alarm. */
  window: { startMs: number; endMs: number; label: string };
  observed: { value: number | null; n: number };
  baseline: { value: number | null; n: number };
  /** The test statistic and the limit it crossed (units depend on the detector). */
  statistic: number;
  limit: number;
  pValue?: number | undefined;
  /** Effect size for distribution tests (Jensen-Shannon distance or binned KS). */
  effect?: number | undefined;
  /** Triggers seen in the window (backdoor evidence). */
  triggers?: number | undefined;
  /** When the change began, from the change-point search on the metric's minute history. */
  startedMs?: number | undefined;
  /** Backdoor findings: the input n-grams that alarmed, most specific first. */
  phrases?: string[] | undefined;
  explanation: string;
}

export const alertKey = (deployment: string, metric: string, category: string | null): string => `${deployment}|${metric}|${category ?? ''}`;
