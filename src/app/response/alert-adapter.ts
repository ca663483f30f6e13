import type { AlertTransition as DetectionTransition } from '../../core/detect/alerts.js';
import type { AlertTransitionSource, AlertListener, AlertTransition } from '../../contracts/notify.js';

/**
 * The detection engine's transition in the response side's shape. fired and escalated become
 * `firing` (an escalation is news: it notifies again at the new severity); resolved becomes
 * `resolved`; an acknowledgement is not a notification (null). The transition id is the alert id
 * plus the store's sequence number, so it is unique per transition and stable across replays.
 */
export function fromDetectionTransition(t: DetectionTransition): AlertTransition | null {
  if (t.type === 'acknowledged') return null;
  const e = t.alert.evidence;
  const values: Record<string, number> = { n: e.observed.n, baseline_n: e.baseline.n, statistic: e.statistic, limit: e.limit };
  if (e.observed.value !== null) values.current = e.observed.value;
  if (e.baseline.value !== null) values.baseline = e.baseline.value;
  return {
    transitionId: `${t.alertId}#${t.seq ?? `${t.type}@${t.atMs}`}`,
    alertId: t.alertId,
    state: t.type === 'resolved' ? 'resolved' : 'firing',
    severity: t.toSeverity,
    deployment: t.alert.deployment,
    metric: t.alert.category ? `${t.alert.metric}:${t.alert.category}` : t.alert.metric,
    explanation: t.alert.explanation,
    atMs: t.atMs,
    startedMs: t.alert.startedMs,
    values,
  };
}

/** Wraps the detection engine's bus as an AlertTransitionSource. */
export function detectionSource(bus: { subscribe(l: (t: DetectionTransition) => void | Promise<void>): () => void }): AlertTransitionSource {
  return {
    subscribe(listener: AlertListener) {
      return bus.subscribe(async (t) => { const mine = fromDetectionTransition(t); if (mine) await listener(mine); });
    },
  };
}

/** An in-process source for tests and for `POST`ed transitions. */
export function createAlertSource(): AlertTransitionSource & { publish(t: AlertTransition): Promise<void> } {
  const listeners: AlertListener[] = [];
  return {
    subscribe(l) { listeners.push(l); return () => { const i = listeners.indexOf(l); if (i >= 0) listeners.splice(i, 1); }; },
    async publish(t) { for (const l of [...listeners]) await l(t); },
  };
}
