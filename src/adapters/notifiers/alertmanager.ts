import type { AlertTransition, OutgoingRequest } from '../../contracts/notify.js';
import { isoTime, jsonRequest } from './format.js';

/**
 * Prometheus Alertmanager API v2 (`POST /api/v2/alerts`, a list of postable alerts). Alertmanager
 * identifies an alert by its label set, so the labels are stable per Argus alert; a firing alert
 * is re-posted (see the outbox) because Alertmanager resolves alerts it has not heard of for
 * `resolve_timeout`. Resolving posts the same labels with `endsAt` set.
 */
export function alertmanagerRequest(baseUrl: string, t: AlertTransition, nowMs: number): OutgoingRequest {
  const base = baseUrl.replace(/\/+$/, '');
  const alert: Record<string, unknown> = {
    labels: { alertname: 'ArgusSafetyDrift', argus_alert_id: t.alertId, deployment: t.deployment, metric: t.metric, severity: t.severity },
    annotations: { summary: t.explanation, ...Object.fromEntries(Object.entries(t.values).map(([k, v]) => [k, String(v)])) },
    startsAt: isoTime(t.startedMs ?? t.atMs),
    generatorURL: `argus://alerts/${encodeURIComponent(t.alertId)}`,
  };
  if (t.state === 'resolved') alert.endsAt = isoTime(Math.max(t.atMs, nowMs - 1));
  return jsonRequest(`${base}/api/v2/alerts`, [alert]);
}
