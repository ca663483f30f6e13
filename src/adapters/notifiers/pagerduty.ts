import type { AlertTransition, OutgoingRequest } from '../../contracts/notify.js';
import { alertTitle, isoTime, jsonRequest } from './format.js';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
const PD_SEVERITY = { low: 'info', medium: 'warning', high: 'error', critical: 'critical' } as const;

/**
 * PagerDuty Events API v2: `trigger` while firing, `resolve` when resolved, both keyed by
 * `dedup_key` = the alert id, so PagerDuty folds repeats into one incident
 * (developer.pagerduty.com/docs/events-api-v2/trigger-events).
 */
export function pagerDutyRequest(url: string | undefined, routingKey: string, t: AlertTransition): OutgoingRequest {
  const body = t.state === 'resolved'
    ? { routing_key: routingKey, event_action: 'resolve', dedup_key: t.alertId }
    : {
      routing_key: routingKey, event_action: 'trigger', dedup_key: t.alertId,
      payload: {
        summary: `${alertTitle(t)}: ${t.explanation}`.slice(0, 1024),
        source: `argus/${t.deployment}`, severity: PD_SEVERITY[t.severity], timestamp: isoTime(t.atMs),
        component: t.deployment, class: t.metric,
        custom_details: { ...t.values, explanation: t.explanation, started: t.startedMs === null ? null : isoTime(t.startedMs) },
      },
    };
  return jsonRequest(url ?? PAGERDUTY_EVENTS_URL, body);
}
