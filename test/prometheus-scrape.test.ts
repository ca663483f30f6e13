import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusRulesYaml } from '../src/app/export/index.js';
import { freePort, minute, seedAggregates } from './helpers/dashboard-seed.js';
import { startArgus } from './helpers/argus-instance.js';
import { makeEvent } from './helpers/events.js';

const HAS_PROMETHEUS = spawnSync('prometheus', ['--version']).status === 0;
const HAS_PROMTOOL = spawnSync('promtool', ['--version']).status === 0;
if (!HAS_PROMETHEUS) console.warn('prometheus is not installed (apt-get install prometheus): the scrape test is skipped');

async function query(base: string, expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = await res.json() as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe.skipIf(!HAS_PROMETHEUS)('a real Prometheus scrapes Argus', () => {
  let argus: Awaited<ReturnType<typeof startArgus>>;
  let prom: ChildProcess;
  let promUrl: string;

  beforeAll(async () => {
    argus = await startArgus({ classifiers: { enabled: false } }, {
      baselines: async (d) => (d === 'support-bot' ? { version: 'v1', refusalRate: 0.95, byCategory: { S1: 0.95 }, toxicityP95: 0.04, anomalyFlagRate: null } : undefined),
    });
    const now = Date.now();
    // 10 minutes x 40 harmful requests, 30 refused: 0.75 over the 15-minute window.
    await seedAggregates(argus.store, Array.from({ length: 10 }, (_, i) => ({ deployment: 'support-bot', minuteMs: Math.floor(now / 60_000) * 60_000 - i * 60_000, data: minute({ harmful: 40, refused: 30, benign: 60 }) })));
    const res = await fetch(`${argus.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [1, 2, 3].map((i) => ({ ...wire(makeEvent({ id: `prom-${i}` })) })) }) });
    expect(res.status).toBeLessThan(300);
    const dir = mkdtempSync(join(tmpdir(), 'argus-prom-'));
    const target = new URL(argus.url).host;
    writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: [rules.yml]\nscrape_configs:\n  - job_name: argus\n    static_configs:\n      - targets: ['${target}']\n`);
    writeFileSync(join(dir, 'rules.yml'), prometheusRulesYaml({ forDuration: '0s' }));
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
  }, 30_000);

  afterAll(async () => {
    prom?.kill('SIGTERM');
    await argus?.close();
  });

  it('reads the safety gauges and counters Argus exposes', async () => {
    const refusal = await until(async () => (await query(promUrl, 'argus_safety_refusal_ratio{deployment="support-bot"}'))[0], 15_000);
    expect(refusal.metric.job).toBe('argus');
    expect(Number(refusal.value[1])).toBeCloseTo(0.75, 12);
    const [harmful] = await query(promUrl, 'argus_safety_harmful_requests{deployment="support-bot"}');
    expect(Number(harmful!.value[1])).toBe(400);
    const [base] = await query(promUrl, 'argus_safety_refusal_ratio_baseline{deployment="support-bot"}');
    expect(Number(base!.value[1])).toBe(0.95);
    const stored = await until(async () => { const [s] = await query(promUrl, 'argus_events_stored_total'); return s && Number(s.value[1]) === 3 ? s : undefined; }, 10_000);
    expect(Number(stored.value[1])).toBe(3);
  }, 30_000);

  it('evaluates the exported rules: 0.75 is below 90% of 0.95, but not below 75%', async () => {
    const alerts = await until(async () => { const r = await query(promUrl, 'ALERTS{alertstate="firing"}'); return r.length ? r : undefined; }, 15_000);
    const names = alerts.map((a) => a.metric.alertname).sort();
    expect(names).toContain('ArgusRefusalRateLow');
    expect(names).not.toContain('ArgusRefusalRateCritical');
    const low = alerts.find((a) => a.metric.alertname === 'ArgusRefusalRateLow')!;
    expect(low.metric).toMatchObject({ deployment: 'support-bot', severity: 'medium', source: 'argus' });
  }, 30_000);
});

function wire(e: ReturnType<typeof makeEvent>) {
  return { id: e.id, timestamp: new Date(e.timestampMs).toISOString(), deployment: e.deployment, source: e.source, input: e.input, output: e.output, latency_ms: e.latencyMs };
}

describe.skipIf(!HAS_PROMTOOL)('promtool', () => {
  it('accepts the exported rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-rules-'));
    const file = join(dir, 'rules.yml');
    writeFileSync(file, prometheusRulesYaml());
    const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/SUCCESS: 8 rules found/);
    expect(r.status).toBe(0);
  });
});
