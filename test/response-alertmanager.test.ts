import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseStore } from '../src/adapters/storage/sqlite/response-store.js';
import { openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createNotifier } from '../src/app/response/notifier.js';
import { notifiersConfigSchema, type AlertTransition } from '../src/contracts/notify.js';
import { systemClock } from '../src/adapters/system-clock.js';

/**
 * Against a real Prometheus Alertmanager (Debian's prometheus-alertmanager, which .ci/run
 * installs). Skipped, saying so, only when the binary is absent.
 */
const BINARY = ['prometheus-alertmanager', 'alertmanager'].find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
if (!BINARY) console.warn('response-alertmanager: SKIPPED, no prometheus-alertmanager binary (apt-get install prometheus-alertmanager)');

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const port = (s.address() as { port: number }).port; s.close(() => resolve(port)); });
});

interface AmAlert { labels: Record<string, string>; annotations: Record<string, string>; status: { state: string }; startsAt: string; endsAt: string }

describe.skipIf(!BINARY)('notifications reach a real Alertmanager', () => {
  let am: ChildProcess;
  let url = '';
  let log = '';
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-am-'));
    writeFileSync(join(dir, 'am.yml'), 'route:\n  receiver: devnull\n  group_wait: 1s\nreceivers:\n  - name: devnull\n');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    am = spawn(BINARY as string, [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    am.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`alertmanager did not become ready: ${log}`);
  }, 20_000);
  afterAll(() => { am?.kill('SIGTERM'); });

  it('fires, stays firing when re-posted, and resolves with endsAt', async () => {
    const store = createResponseStore(openSqliteDatabase({ path: ':memory:' }));
    const config = notifiersConfigSchema.parse({ receivers: [{ name: 'am', type: 'alertmanager', url, min_severity: 'medium' }], alertmanager_resend_interval: '1s' });
    const n = createNotifier({ store, config, env: {}, clock: systemClock, logger: pino({ level: 'silent' }) });
    const now = Date.now();
    const firing: AlertTransition = {
      transitionId: 'am-test#1', alertId: 'am-test', state: 'firing', severity: 'critical', deployment: 'bank-bot', metric: 'refusal_rate',
      explanation: 'refusal rate fell from 95% to 84%', atMs: now, startedMs: now - 300_000, values: { baseline: 0.95, current: 0.84 },
    };
    n.enqueue(firing);
    expect((await n.tick()).sent).toBe(1);
    const ours = async () => ((await (await fetch(`${url}/api/v2/alerts?filter=argus_alert_id%3D%22am-test%22`)).json()) as AmAlert[]);
    let alerts = await ours();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.labels).toEqual({ alertname: 'ArgusSafetyDrift', argus_alert_id: 'am-test', deployment: 'bank-bot', metric: 'refusal_rate', severity: 'critical' });
    expect(alerts[0]?.annotations.summary).toBe('refusal rate fell from 95% to 84%');
    expect(alerts[0]?.status.state).toBe('active');
    expect(Date.parse(alerts[0]?.startsAt as string)).toBe(now - 300_000);

    // While firing, the worker re-posts it every resend interval.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await n.tick()).sent).toBe(1);
    expect(store.listOutbox(10).filter((r) => r.idemKey.includes(':refresh:'))).toHaveLength(1);

    n.enqueue({ ...firing, transitionId: 'am-test#2', state: 'resolved', atMs: Date.now() });
    expect((await n.tick()).sent).toBe(1);
    // Alertmanager's list leaves out resolved alerts (active=true, the default, shows active only).
    alerts = await ours();
    expect(alerts).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await n.tick()).sent).toBe(0); // no re-post after resolve
    store.close();
  }, 20_000);
});
