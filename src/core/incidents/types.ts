/** The response side's vocabulary. Severities match DESIGN.md (and the detection engine's). */
export const SEVERITY_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];
export const severityAtLeast = (s: SeverityLevel, min: SeverityLevel): boolean => SEVERITY_LEVELS.indexOf(s) >= SEVERITY_LEVELS.indexOf(min);

/** The investigation workflow, in order; `false_positive` closes an incident that was not real. */
export const INCIDENT_STATES = ['open', 'confirmed', 'scoped', 'mitigated', 'resolved', 'false_positive'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface MetricSnapshot {
  metric: string;
  values: Record<string, number>;
  explanation: string;
  atMs: number;
}

export interface FlaggedSample {
  eventId: string;
  timestampMs: number;
  input: string;
  output: string;
  category: string | null;
  rules: string[];
}

export interface NgramEvidence {
  ngram: string;
  flaggedCount: number;
  otherCount: number;
  logOdds: number;
  zScore: number;
}

export interface IncidentEvidence {
  snapshots: MetricSnapshot[];
  /** When the change began (from the alert's change point), if known. */
  changePointMs: number | null;
  samples: FlaggedSample[];
  ngrams: NgramEvidence[];
}

export interface TimelineEntry {
  atMs: number;
  actor: string;
  kind: 'opened' | 'transition' | 'alert' | 'mitigation' | 'note' | 'acknowledged' | 'evidence' | 'remediation';
  message: string;
  data?: Record<string, unknown> | undefined;
}

export interface Incident {
  id: number;
  deployment: string;
  severity: SeverityLevel;
  state: IncidentState;
  title: string;
  /** The alert that opened it; null when opened by hand. */
  alertId: string | null;
  openedBy: string;
  openedMs: number;
  updatedMs: number;
  acknowledgedBy: string | null;
  acknowledgedMs: number | null;
  evidence: IncidentEvidence;
  timeline: TimelineEntry[];
}

export const emptyEvidence = (): IncidentEvidence => ({ snapshots: [], changePointMs: null, samples: [], ngrams: [] });
