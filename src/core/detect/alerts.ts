import { textHash } from '../baseline/fingerprint.js';
import { ALERT_SEVERITIES, alertKey, METRICS, type AlertSeverity, type DetectorKind, type DriftKind, type Finding, type MetricName } from './types.js';

export type AlertState = 'firing' | 'resolved';

/** One alert: at most one open (firing) per deployment + metric + category. */
export interface Alert {
  id: string;
  deployment: string;
  metric: MetricName;
  category: string | null;
  kind: DriftKind;
  state: AlertState;
  severity: AlertSeverity;
  /** The sentence of the finding that set the current severity. */
  explanation: string;
  /** Detectors that have supported this alert. */
  detectors: DetectorKind[];
  baselineId: string;
  firstFiredMs: number;
  /** The latest finding that supported it. */
  lastFindingMs: number;
  /** When the metric's change started, from the change-point search (null when not located). */
  startedMs: number | null;
  resolvedMs: number | null;
  acknowledgedMs: number | null;
  acknowledgedBy: string | null;
  findings: number;
  /** The finding behind the current severity: numbers for dashboards and incidents. */
  evidence: Finding;
}

export type AlertTransitionType = 'fired' | 'escalated' | 'resolved' | 'acknowledged';

/** What subscribers (incidents, notifiers) receive. `seq` is assigned by the store and is unique and increasing. */
export interface AlertTransition {
  seq?: number;
  type: AlertTransitionType;
  alertId: string;
  atMs: number;
  fromSeverity: AlertSeverity | null;
  toSeverity: AlertSeverity;
  alert: Alert;
}

export const severityRank = (s: AlertSeverity): number => ALERT_SEVERITIES.indexOf(s);

/**
 * DESIGN.md's "critical": clear backdoor activation, systematic failure, or harmful outputs
 * reaching users. From findings of one evaluation: the overall refusal rate past its critical
 * threshold (systematic failure), two or more harm categories past their critical threshold at
 * once (systematic), or the anomalous share past its critical threshold while trigger patterns
 * are in the inputs (backdoor activation). Returns the findings with those raised to critical.
 */
export function escalateCritical(findings: readonly Finding[]): Finding[] {
  const criticalCategories = new Set(findings.filter((f) => f.metric === 'refusal_rate' && f.category && f.level === 'critical').map((f) => f.category));
  return findings.map((f) => {
    const systemic = f.metric === 'refusal_rate' && f.level === 'critical' && (f.category === null || criticalCategories.size >= 2);
    const backdoor = f.metric === 'anomalous_output_rate' && f.level === 'critical' && (f.triggers ?? 0) > 0;
    return systemic || backdoor ? { ...f, severity: 'critical' } : f;
  });
}

export interface ReconcileResult { alerts: Alert[]; transitions: AlertTransition[] }

/**
 * Folds one run's findings into the open alerts: findings are grouped by deployment + metric +
 * category; a group with no open alert opens one (`fired`); a group whose worst finding is more
 * severe than its open alert raises it (`escalated`; severity never falls while firing); an
 * open alert with no finding for `resolveAfterMs` resolves (`resolved`). Returns changed
 * alerts and the transitions, in order. Pure: ids are hashes of key and first-fired time.
 */
export function reconcileAlerts(open: readonly Alert[], findings: readonly Finding[], baselineId: string, nowMs: number, resolveAfterMs: number): ReconcileResult {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = alertKey(f.deployment, f.metric, f.category);
    const list = byKey.get(k) ?? [];
    list.push(f);
    byKey.set(k, list);
  }
  const alerts: Alert[] = [];
  const transitions: AlertTransition[] = [];
  const openByKey = new Map(open.filter((a) => a.state === 'firing').map((a) => [alertKey(a.deployment, a.metric, a.category), a]));
  for (const [k, list] of byKey) {
    const worst = list.reduce((w, f) => (severityRank(f.severity) > severityRank(w.severity) || (f.severity === w.severity && f.atMs > w.atMs) ? f : w));
    const lastMs = Math.max(...list.map((f) => f.atMs));
    const detectors = [...new Set(list.map((f) => f.detector))];
    const cur = openByKey.get(k);
    if (!cur) {
      const firstMs = Math.min(...list.map((f) => f.atMs));
      const a: Alert = {
        id: `al_${textHash(`${k}|${firstMs}`)}`, deployment: worst.deployment, metric: worst.metric, category: worst.category,
        kind: METRICS[worst.metric], state: 'firing', severity: worst.severity, explanation: worst.explanation, detectors, baselineId,
        firstFiredMs: firstMs, lastFindingMs: lastMs, startedMs: list.find((f) => f.startedMs !== undefined)?.startedMs ?? null, resolvedMs: null, acknowledgedMs: null, acknowledgedBy: null,
        findings: list.length, evidence: worst,
      };
      alerts.push(a);
      transitions.push({ type: 'fired', alertId: a.id, atMs: nowMs, fromSeverity: null, toSeverity: a.severity, alert: a });
      continue;
    }
    const escalate = severityRank(worst.severity) > severityRank(cur.severity);
    const a: Alert = {
      ...cur, lastFindingMs: Math.max(cur.lastFindingMs, lastMs), findings: cur.findings + list.length,
      detectors: [...new Set([...cur.detectors, ...detectors])],
      startedMs: cur.startedMs ?? list.find((f) => f.startedMs !== undefined)?.startedMs ?? null,
      ...(escalate ? { severity: worst.severity, explanation: worst.explanation, evidence: worst } : {}),
    };
    alerts.push(a);
    if (escalate) transitions.push({ type: 'escalated', alertId: a.id, atMs: nowMs, fromSeverity: cur.severity, toSeverity: a.severity, alert: a });
  }
  for (const [k, cur] of openByKey) {
    if (byKey.has(k) || nowMs - cur.lastFindingMs < resolveAfterMs) continue;
    const a: Alert = { ...cur, state: 'resolved', resolvedMs: nowMs };
    alerts.push(a);
    transitions.push({ type: 'resolved', alertId: a.id, atMs: nowMs, fromSeverity: cur.severity, toSeverity: cur.severity, alert: a });
  }
  return { alerts, transitions };
}
