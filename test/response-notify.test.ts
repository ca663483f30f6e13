import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/adapters/notifiers/index.js';
import { createResponseStore, type ResponseStore } from '../src/adapters/storage/sqlite/response-store.js';
import { openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createNotifier } from '../src/app/response/notifier.js';
import { notifiersConfigSchema, type AlertTransition, type NotifiersConfig } from '../src/contracts/notify.js';
import { manualClock } from '../src/core/clock.js';
import { startReceiver, type LocalReceiver } from './helpers/receivers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- receiver bodies are checked field by field
type Json = Record<string, any>;
const logger = pino({ level: 'silent' });
const env = { PD_KEY: 'pd-routing-key', OG_KEY: 'og-api-key', HOOK_SECRET: 'whsec-test' };
const T0 = Date.parse('2026-11-20T14:05:00Z');
const tr = (over: Partial<AlertTransition> = {}): AlertTransition => ({
  transitionId: 'a1#1', alertId: 'a1', state: 'firing', severity: 'critical', deployment: 'bank-bot', metric: 'refusal_rate:S9',
  explanation: 'refusal rate for S9 fell from 97% (baseline, n=412) to 81% (last hour, n=236)', atMs: T0, startedMs: T0 - 600_000,
  values: { baseline: 0.97, current: 0.81, n: 236 }, ...over,
});
const opened: Array<{ close(): void } | LocalReceiver> = [];
afterEach(async () => { for (const x of opened.splice(0)) { if ('stop' in x) await x.stop(); else x.close(); } });

function openStoreAt(path: string): ResponseStore {
  const s = createResponseStore(openSqliteDatabase({ path, synchronous: 'normal' }));
  opened.push(s);
  return s;
}
const config = (receivers: unknown[], outbox = {}): NotifiersConfig => notifiersConfigSchema.parse({ receivers, outbox: { base_delay: '1s', max_delay: '1m', ...outbox } });

describe('notifiers against local receivers', () => {
  it('sends Slack, PagerDuty, Opsgenie and a signed webhook, firing then resolved', async () => {
    const rx = await startReceiver(); opened.push(rx);
    const clock = manualClock(T0);
    const store = openStoreAt(':memory:');
    const n = createNotifier({ store, env, clock, logger, config: config([
      { name: 'slack', type: 'slack', url: `${rx.url}/slack`, min_severity: 'high' },
      { name: 'pd', type: 'pagerduty', url: `${rx.url}/pd`, secret_env: 'PD_KEY', min_severity: 'high' },
      { name: 'og', type: 'opsgenie', url: `${rx.url}/og`, secret_env: 'OG_KEY', min_severity: 'high' },
      { name: 'hook', type: 'webhook', url: `${rx.url}/hook`, secret_env: 'HOOK_SECRET', min_severity: 'high', deployments: ['bank-bot'] },
    ]) });
    expect(n.enqueue(tr())).toBe(4);
    expect(await n.tick()).toEqual({ sent: 4, retried: 0, dead: 0 });
    expect(n.enqueue(tr({ transitionId: 'a1#2', state: 'resolved', atMs: T0 + 3_600_000 }))).toBe(4);
    expect((await n.tick()).sent).toBe(4);

    const at = (path: string) => rx.received.filter((r) => r.path.startsWith(path)).map((r) => ({ ...r, json: JSON.parse(r.body) as Json }));
    const slack = at('/slack');
    expect(slack.map((s) => s.json.text)).toEqual([
      '[CRITICAL] bank-bot: refusal_rate:S9: refusal rate for S9 fell from 97% (baseline, n=412) to 81% (last hour, n=236)',
      '[RESOLVED] bank-bot: refusal_rate:S9: refusal rate for S9 fell from 97% (baseline, n=412) to 81% (last hour, n=236)',
    ]);
    const pd = at('/pd');
    expect(pd.map((p) => [p.json.event_action, p.json.dedup_key, p.json.routing_key])).toEqual([['trigger', 'a1', 'pd-routing-key'], ['resolve', 'a1', 'pd-routing-key']]);
    expect(pd[0]?.json.payload).toMatchObject({ severity: 'critical', source: 'argus/bank-bot', timestamp: '2026-11-20T14:05:00.000Z', custom_details: { current: 0.81 } });
    const og = at('/og');
    expect(og.map((o) => o.path)).toEqual(['/og/v2/alerts', '/og/v2/alerts/a1/close?identifierType=alias']);
    expect(og[0]?.headers.authorization).toBe('GenieKey og-api-key');
    expect(og[0]?.json).toMatchObject({ alias: 'a1', priority: 'P1', entity: 'bank-bot' });
    const hook = at('/hook');
    expect(hook.map((h) => h.json.type)).toEqual(['alert.firing', 'alert.resolved']);
    for (const h of hook) expect(verifyWebhookSignature('whsec-test', h.headers['x-argus-signature'] as string, h.body, clock.now())).toBe(true);
    expect(verifyWebhookSignature('wrong-secret', hook[0]?.headers['x-argus-signature'] as string, hook[0]?.body as string, clock.now())).toBe(false);
    expect(verifyWebhookSignature('whsec-test', hook[0]?.headers['x-argus-signature'] as string, `${hook[0]?.body} `, clock.now())).toBe(false);
    expect(hook.map((h) => h.headers['idempotency-key'])).toEqual(['a1#1:hook', 'a1#2:hook']);
  });

  it('routes by severity and deployment', async () => {
    const rx = await startReceiver(); opened.push(rx);
    const n = createNotifier({ store: openStoreAt(':memory:'), env, clock: manualClock(T0), logger, config: config([
      { name: 'all', type: 'slack', url: `${rx.url}/all`, min_severity: 'low' },
      { name: 'pager', type: 'slack', url: `${rx.url}/pager`, min_severity: 'critical' },
      { name: 'other', type: 'slack', url: `${rx.url}/other`, deployments: ['other-bot'] },
    ]) });
    expect(n.enqueue(tr({ severity: 'medium' }))).toBe(1);
    expect(n.enqueue(tr({ transitionId: 'b#1', alertId: 'b', severity: 'critical' }))).toBe(2);
    expect(n.enqueue(tr({ transitionId: 'c#1', alertId: 'c', severity: 'high', deployment: 'other-bot' }))).toBe(2);
    await n.tick();
    expect(rx.received.map((r) => r.path).sort()).toEqual(['/all', '/all', '/all', '/other', '/pager']);
  });

  it('a receiver that is down for a while gets every alert exactly once, in order, across a restart', async () => {
    const rx = await startReceiver(); opened.push(rx);
    await rx.stop();
    const path = join(mkdtempSync(join(tmpdir(), 'argus-outbox-')), 'argus.db');
    const clock = manualClock(T0);
    const cfg = config([{ name: 'hook', type: 'webhook', url: `${rx.url}/hook`, secret_env: 'HOOK_SECRET', min_severity: 'low' }]);
    const first = createNotifier({ store: openStoreAt(path), env, clock, logger, config: cfg, random: () => 0.5 });
    const transitions = [tr(), tr({ transitionId: 'b#1', alertId: 'b', severity: 'high' }), tr({ transitionId: 'a1#2', state: 'resolved', atMs: T0 + 60_000 })];
    for (const t of transitions) first.enqueue(t);
    expect(first.enqueue(transitions[0] as AlertTransition)).toBe(0); // replayed transition: no second row
    // Down: the two heads fail (resolved waits behind its firing); backoff grows 1 s, 2 s, 4 s...
    expect(await first.tick()).toEqual({ sent: 0, retried: 2, dead: 0 });
    for (const stepMs of [1_000, 2_000, 4_000]) { clock.advance(stepMs); expect((await first.tick()).retried).toBe(2); }
    await first.stop();
    // Argus restarts (new connection to the same file) and the receiver comes back on its port.
    const second = createNotifier({ store: openStoreAt(path), env, clock, logger, config: cfg, random: () => 0.5 });
    await rx.start();
    expect((await second.tick()).sent).toBe(0); // not due yet: the backoff survives the restart
    clock.advance(8_000);
    expect(await second.tick()).toEqual({ sent: 3, retried: 0, dead: 0 });
    clock.advance(600_000);
    expect(await second.tick()).toEqual({ sent: 0, retried: 0, dead: 0 });
    const keys = rx.received.map((r) => r.headers['idempotency-key']);
    expect([...keys].sort()).toEqual(['a1#1:hook', 'a1#2:hook', 'b#1:hook']);
    expect(keys.indexOf('a1#1:hook')).toBeLessThan(keys.indexOf('a1#2:hook'));
  });

  it('gives up on a permanent 4xx and after max_attempts of 5xx', async () => {
    const rx = await startReceiver(); opened.push(rx);
    rx.status = () => 400;
    const clock = manualClock(T0);
    const store = openStoreAt(':memory:');
    const n = createNotifier({ store, env, clock, logger, config: config([{ name: 's', type: 'slack', url: rx.url }], { max_attempts: 3 }), random: () => 0 });
    n.enqueue(tr());
    expect(await n.tick()).toEqual({ sent: 0, retried: 0, dead: 1 });
    rx.status = () => 503;
    n.enqueue(tr({ transitionId: 'x#1', alertId: 'x' }));
    for (let i = 0; i < 3; i++) { await n.tick(); clock.advance(60_000); }
    const rows = store.listOutbox(10);
    expect(rows.map((r) => [r.alertId, r.status, r.attempts])).toEqual([['x', 'dead', 3], ['a1', 'dead', 1]]);
    expect(rows[0]?.lastError).toMatch(/^HTTP 503/);
  });
});
