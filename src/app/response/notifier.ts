import type { Logger } from 'pino';
import { notificationRequest, sendNotification, type DeliveryResult } from '../../adapters/notifiers/index.js';
import type { OutboxRow, ResponseStore } from '../../adapters/storage/sqlite/response-store.js';
import type { AlertTransition, NotifiersConfig, OutgoingRequest, ReceiverConfig } from '../../contracts/notify.js';
import type { Clock } from '../../core/clock.js';
import { severityAtLeast } from '../../core/incidents/types.js';
import { retryDelayMs } from './backoff.js';
import { singleFlight } from './single-flight.js';

export interface NotifierOptions {
  store: ResponseStore;
  config: NotifiersConfig;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: Logger;
  /** Uniform [0, 1) for jitter; tests pass a seeded one. */
  random?: () => number;
  send?: (req: OutgoingRequest, timeoutMs: number) => Promise<DeliveryResult>;
  /** Counts deliveries by receiver and outcome (metrics). */
  onDelivery?: (receiver: string, outcome: 'sent' | 'retry' | 'dead') => void;
}

/** Receivers that take this transition: by severity, deployment and (for resolved) send_resolved. */
export function receiversFor(receivers: readonly ReceiverConfig[], t: AlertTransition): ReceiverConfig[] {
  return receivers.filter((r) => severityAtLeast(t.severity, r.min_severity)
    && (r.deployments === undefined || r.deployments.includes(t.deployment))
    && (t.state === 'firing' || r.send_resolved));
}

export const idempotencyKey = (t: AlertTransition, receiver: string): string => `${t.transitionId}:${receiver}`;

/**
 * The notification outbox. A transition becomes one row per receiver, keyed by
 * transition + receiver (a unique key: the same transition enqueued twice, say after a restart
 * replays it, is stored once). A worker sends due rows, marks them sent on a 2xx, and otherwise
 * reschedules with backoff until max_attempts. Rows live in SQLite, so a restart resumes them.
 * Delivery is at least once at the HTTP level (a crash between the receiver's 2xx and the commit
 * resends); the idempotency-key header and PagerDuty's dedup_key / Opsgenie's alias /
 * Alertmanager's label set make such a resend a no-op at the receiver.
 */
export function createNotifier(o: NotifierOptions) {
  const { store, config, clock, logger } = o;
  const random = o.random ?? Math.random;
  const send = o.send ?? sendNotification;
  const byName = new Map(config.receivers.map((r) => [r.name, r]));
  let lastRefreshMs = 0;

  function enqueue(t: AlertTransition): number {
    store.recordAlertState(t);
    const rows = receiversFor(config.receivers, t).map((r) => ({ idemKey: idempotencyKey(t, r.name), receiver: r.name, transition: t }));
    const n = rows.length === 0 ? 0 : store.enqueue(rows, clock.now());
    if (n > 0) setImmediate(() => { void passes.run(); });
    return n;
  }

  /** Alertmanager drops alerts it stops hearing about: re-post firing ones once per resend interval. */
  function refreshFiring(nowMs: number): void {
    const interval = config.alertmanager_resend_interval;
    if (nowMs - lastRefreshMs < interval) return;
    lastRefreshMs = nowMs;
    const ams = config.receivers.filter((r) => r.type === 'alertmanager');
    if (ams.length === 0) return;
    const rows: Array<{ idemKey: string; receiver: string; transition: AlertTransition }> = [];
    for (const t of store.firingAlerts()) {
      for (const r of receiversFor(ams, t)) {
        if (store.hasPending(r.name, t.alertId)) continue;
        rows.push({ idemKey: `${idempotencyKey(t, r.name)}:refresh:${Math.floor(nowMs / interval)}`, receiver: r.name, transition: t });
      }
    }
    if (rows.length > 0) store.enqueue(rows, nowMs);
  }

  async function deliver(row: OutboxRow): Promise<'sent' | 'retry' | 'dead'> {
    const receiver = byName.get(row.receiver);
    const attempts = row.attempts + 1;
    if (!receiver) { store.markDead(row.id, attempts, `receiver '${row.receiver}' is no longer configured`); return 'dead'; }
    let result: DeliveryResult;
    try {
      const req = notificationRequest(receiver, row.transition, { secret: receiver.secret_env ? o.env[receiver.secret_env] : undefined, idempotencyKey: row.idemKey, nowMs: clock.now() });
      result = await send(req, config.outbox.timeout);
    } catch (err) {
      result = { ok: false, status: null, retryable: false, error: (err as Error).message };
    }
    if (result.ok) { store.markSent(row.id, attempts, clock.now()); return 'sent'; }
    const error = result.error ?? 'failed';
    if (!result.retryable || attempts >= config.outbox.max_attempts) {
      store.markDead(row.id, attempts, error);
      logger.error({ receiver: row.receiver, alert: row.alertId, attempts, error }, 'notification given up');
      return 'dead';
    }
    const delay = retryDelayMs(attempts, config.outbox.base_delay, config.outbox.max_delay, random());
    store.markRetry(row.id, attempts, clock.now() + delay, error);
    logger.warn({ receiver: row.receiver, alert: row.alertId, attempts, retryInMs: delay, error }, 'notification failed; will retry');
    return 'retry';
  }

  /** One pass over due deliveries (also re-posts firing alerts to Alertmanager when due). */
  async function pass(): Promise<{ sent: number; retried: number; dead: number }> {
    const out = { sent: 0, retried: 0, dead: 0 };
    try {
      refreshFiring(clock.now());
      for (;;) {
        const due = store.dueDeliveries(clock.now(), 50);
        if (due.length === 0) break;
        const results = await Promise.all(due.map(deliver));
        results.forEach((r, i) => { o.onDelivery?.((due[i] as OutboxRow).receiver, r); });
        out.sent += results.filter((r) => r === 'sent').length;
        out.retried += results.filter((r) => r === 'retry').length;
        out.dead += results.filter((r) => r === 'dead').length;
        if (results.every((r) => r === 'retry')) break;
      }
    } catch (err) {
      logger.error({ err }, 'notification outbox pass failed');
    }
    return out;
  }
  const passes = singleFlight(pass, config.outbox.poll_interval);

  return {
    enqueue,
    tick: passes.run,
    start(): void {
      if (config.receivers.length > 0) passes.start();
    },
    stop: passes.stop,
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
