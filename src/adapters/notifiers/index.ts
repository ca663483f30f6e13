import type { AlertTransition, OutgoingRequest, ReceiverConfig } from '../../contracts/notify.js';
import { ArgusError } from '../../core/errors.js';
import { alertmanagerRequest } from './alertmanager.js';
import { opsgenieRequest } from './opsgenie.js';
import { pagerDutyRequest } from './pagerduty.js';
import { slackRequest } from './slack.js';
import { webhookRequest } from './webhook.js';

export { verifyWebhookSignature, signWebhook } from './webhook.js';

/**
 * The HTTP request that tells `receiver` about `t`. Every request carries the idempotency key
 * (transition + receiver) in `idempotency-key`, so a receiver can drop a retry it already took.
 */
export function notificationRequest(receiver: ReceiverConfig, t: AlertTransition, o: { secret: string | undefined; idempotencyKey: string; nowMs: number }): OutgoingRequest {
  const needSecret = (): string => {
    if (!o.secret) throw new ArgusError('ARGUS_ERR_CONFIG', `notifiers.receivers '${receiver.name}': env var ${receiver.secret_env ?? '(secret_env)'} is not set`);
    return o.secret;
  };
  let req: OutgoingRequest;
  switch (receiver.type) {
    case 'slack': req = slackRequest(receiver.url as string, t); break;
    case 'pagerduty': req = pagerDutyRequest(receiver.url, needSecret(), t); break;
    case 'opsgenie': req = opsgenieRequest(receiver.url, needSecret(), t); break;
    case 'alertmanager': req = alertmanagerRequest(receiver.url as string, t, o.nowMs); break;
    case 'webhook': req = webhookRequest(receiver.url as string, needSecret(), t, o.idempotencyKey, o.nowMs); break;
  }
  req.headers['idempotency-key'] = o.idempotencyKey;
  req.headers['user-agent'] = 'argus-notifier/1';
  return req;
}

export interface DeliveryResult {
  ok: boolean;
  status: number | null;
  /** A 4xx other than 408/429 will fail the same way again: no retry. */
  retryable: boolean;
  error?: string;
}

/** Sends one request; never throws. */
export async function sendNotification(req: OutgoingRequest, timeoutMs: number): Promise<DeliveryResult> {
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text().catch(() => '');
    if (res.ok) return { ok: true, status: res.status, retryable: false };
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, status: res.status, retryable, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, status: null, retryable: true, error: `${(err as Error).message}${cause ? ` (${cause})` : ''}` };
  }
}
