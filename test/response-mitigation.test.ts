import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertSource } from '../src/app/response/alert-adapter.js';
import type { AlertTransition } from '../src/contracts/notify.js';
import { startArgus } from './helpers/argus-instance.js';
import { runCli } from './helpers/run-cli.js';
import { startNamedUpstream } from './helpers/two-upstreams.js';

type Started = Awaited<ReturnType<typeof startArgus>>;
type Upstream = Awaited<ReturnType<typeof startNamedUpstream>>;

const critical: AlertTransition = {
  transitionId: 'bank-bot|refusal_rate|#7', alertId: 'bank-bot|refusal_rate|', state: 'firing', severity: 'critical', deployment: 'bank-bot',
  metric: 'refusal_rate', explanation: 'refusal rate fell from 95% (baseline, n=400) to 70% (last 5 minutes, n=120)', atMs: Date.now(), startedMs: null, values: { baseline: 0.95, current: 0.7 },
};

describe('mitigation in the gateway: a critical incident reverts to the base model, restore undoes it', () => {
  let argus: Started; let fineTuned: Upstream; let base: Upstream;
  const source = createAlertSource();
  const ask = async (deployment: string) => {
    const res = await fetch(`${argus.url}/v1/chat/completions`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-argus-deployment': deployment },
      body: JSON.stringify({ model: 'bank-ft-v3', messages: [{ role: 'user', content: 'hello' }] }),
    });
    return { status: res.status, headers: res.headers, body: await res.json() as { choices?: Array<{ message: { content: string } }>; error?: { code: string; type: string } } };
  };
  const answer = async (d: string) => (await ask(d)).body.choices?.[0]?.message.content;

  beforeAll(async () => {
    fineTuned = await startNamedUpstream('FT');
    base = await startNamedUpstream('BASE');
    argus = await startArgus({
      gateway: { upstream: { url: fineTuned.url } },
      deployments: { 'bank-bot': { base_model: 'llama-3.1-8b-instruct', base_upstream_url: base.url } },
      mitigation: { refresh_interval: '100ms', high: ['boost_monitoring', 'rate_limit'], rate_limit: { requests_per_minute: 60, burst: 2 } },
      review: { enabled: false },
    }, { alertSource: source });
  });
  afterAll(async () => { await argus.close(); await fineTuned.close(); await base.close(); });

  it('routes to the base model on the next request after the critical transition, and back after `argus mitigate restore`', async () => {
    expect(await answer('bank-bot')).toBe('FT: hello');
    await source.publish(critical);
    // Within the same cycle: the very next request goes to the base upstream with the base model's name.
    expect(await answer('bank-bot')).toBe('BASE: hello');
    expect(base.models.at(-1)).toBe('llama-3.1-8b-instruct');
    expect(await answer('other-bot')).toBe('FT: hello');

    const list = await (await fetch(`${argus.url}/api/v1/mitigations?live=true`)).json() as { mitigations: Array<{ action: string; status: string; triggeredBy: string; incidentId: number | null }>; in_force: Record<string, { base_model: string | null }> };
    expect(list.mitigations.map((m) => `${m.action}:${m.status}:${m.triggeredBy}`).sort()).toEqual([
      'boost_monitoring:active:alert:bank-bot|refusal_rate|', 'route_base:active:alert:bank-bot|refusal_rate|']);
    expect(list.in_force['bank-bot']?.base_model).toBe('llama-3.1-8b-instruct');
    const incidents = await (await fetch(`${argus.url}/api/v1/incidents?state=active`)).json() as { incidents: Array<{ id: number; severity: string; deployment: string }> };
    expect(incidents.incidents).toHaveLength(1);
    expect(list.mitigations.every((m) => m.incidentId === incidents.incidents[0]?.id)).toBe(true);

    // A repeated transition for the same alert stacks nothing.
    await source.publish({ ...critical, transitionId: 'bank-bot|refusal_rate|#8' });
    expect(((await (await fetch(`${argus.url}/api/v1/mitigations?live=true`)).json()) as { mitigations: unknown[] }).mitigations).toHaveLength(2);

    const cli = await runCli(['mitigate', 'restore', '--deployment', 'bank-bot', '--by', 'ann', '--data-dir', argus.dataDir, '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { restored: Array<{ status: string; endedBy: string }> }).restored.map((m) => `${m.status}:${m.endedBy}`)).toEqual(['reverted:user:ann', 'reverted:user:ann']);
    await new Promise((r) => setTimeout(r, 300)); // the server reloads mitigations every 100 ms here
    expect(await answer('bank-bot')).toBe('FT: hello');
    expect(fineTuned.models.at(-1)).toBe('bank-ft-v3');
    const status = await runCli(['mitigate', 'status', '--data-dir', argus.dataDir]);
    expect(status.stdout).toBe('no mitigations in force\n');
  }, 60_000);

  it('rate-limits a deployment under a high alert with 429, Retry-After and an OpenAI-shaped error', async () => {
    await source.publish({ ...critical, transitionId: 'rl#1', alertId: 'rl', severity: 'high', deployment: 'rl-bot' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await ask('rl-bot'));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
    expect(statuses[2]?.headers.get('retry-after')).toBe('1');
    expect(statuses[2]?.body.error).toMatchObject({ type: 'rate_limit_exceeded', code: 'ARGUS_ERR_SATURATED' });
    expect((await ask('bank-bot')).status).toBe(200);
    const res = await fetch(`${argus.url}/api/v1/mitigations/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deployment: 'rl-bot', actor: 'bob' }) });
    expect(res.status).toBe(200);
    expect((await ask('rl-bot')).status).toBe(200);
  });

  it('refuses to route a deployment with no base model (409) and names an unknown mitigation (404)', async () => {
    const r = await fetch(`${argus.url}/api/v1/mitigations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deployment: 'no-base', action: 'route_base', actor: 'ann' }) });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { message: string } }).error.message).toBe("deployment 'no-base' has no base model: set deployments.no-base.base_model in the config");
    const bad = await fetch(`${argus.url}/api/v1/mitigations/999/revert`, { method: 'POST' });
    expect(bad.status).toBe(404);
  });
});
