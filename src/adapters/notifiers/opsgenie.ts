import type { AlertTransition, OutgoingRequest } from '../../contracts/notify.js';
import { alertTitle, jsonRequest } from './format.js';

export const OPSGENIE_API_URL = 'https://api.opsgenie.com';
const PRIORITY = { low: 'P5', medium: 'P3', high: 'P2', critical: 'P1' } as const;

/**
 * Opsgenie Alert API: create with `alias` = the alert id (Opsgenie deduplicates open alerts by
 * alias), close by alias (docs.opsgenie.com/docs/alert-api).
 */
export function opsgenieRequest(baseUrl: string | undefined, apiKey: string, t: AlertTransition): OutgoingRequest {
  const base = (baseUrl ?? OPSGENIE_API_URL).replace(/\/+$/, '');
  const headers = { authorization: `GenieKey ${apiKey}` };
  if (t.state === 'resolved') {
    return jsonRequest(`${base}/v2/alerts/${encodeURIComponent(t.alertId)}/close?identifierType=alias`, { source: 'argus', note: t.explanation }, headers);
  }
  return jsonRequest(`${base}/v2/alerts`, {
    message: alertTitle(t).slice(0, 130), alias: t.alertId, description: t.explanation, priority: PRIORITY[t.severity],
    source: 'argus', entity: t.deployment, tags: ['argus', t.deployment, t.severity],
    details: Object.fromEntries(Object.entries({ ...t.values, metric: t.metric }).map(([k, v]) => [k, String(v)])),
  }, headers);
}
