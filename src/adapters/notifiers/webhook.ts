import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertTransition, OutgoingRequest } from '../../contracts/notify.js';

/**
 * A generic webhook signed like Stripe's: `x-argus-signature: t=<unix s>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${body}`). The timestamp inside the signed string stops replays
 * of old bodies; the receiver checks it is recent and compares in constant time
 * (verifyWebhookSignature). Reference: RFC 2104 (HMAC).
 */
export function webhookRequest(url: string, secret: string, t: AlertTransition, idempotencyKey: string, nowMs: number): OutgoingRequest {
  const body = JSON.stringify({ version: 1, type: `alert.${t.state}`, idempotency_key: idempotencyKey, alert: t });
  const ts = Math.floor(nowMs / 1000);
  return { url, method: 'POST', headers: { 'content-type': 'application/json', 'x-argus-signature': signWebhook(secret, ts, body) }, body };
}

export function signWebhook(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** True when `header` signs `body` with `secret` and is at most `toleranceS` old. */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowMs: number, toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const ts = Number(m[1]);
  if (Math.abs(nowMs / 1000 - ts) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2] as string, 'hex'));
}
