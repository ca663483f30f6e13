import type { AlertTransition, OutgoingRequest } from '../../contracts/notify.js';
import { alertTitle, isoTime, jsonRequest } from './format.js';

const COLOURS = { low: '#8a8a8a', medium: '#e0a800', high: '#e8590c', critical: '#c92a2a' } as const;

/** Slack incoming webhook: a text fallback plus one coloured attachment (api.slack.com/messaging/webhooks). */
export function slackRequest(url: string, t: AlertTransition): OutgoingRequest {
  return jsonRequest(url, {
    text: `${alertTitle(t)}: ${t.explanation}`,
    attachments: [{
      color: t.state === 'resolved' ? '#2b8a3e' : COLOURS[t.severity],
      fields: [
        { title: 'deployment', value: t.deployment, short: true },
        { title: 'severity', value: t.severity, short: true },
        { title: 'metric', value: t.metric, short: true },
        { title: 'since', value: isoTime(t.startedMs ?? t.atMs), short: true },
      ],
      footer: `argus alert ${t.alertId}`,
      ts: Math.floor(t.atMs / 1000),
    }],
  });
}
