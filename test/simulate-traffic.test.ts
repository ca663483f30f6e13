import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTraffic } from '../src/app/traffic/generator.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { DEFAULT_SCENARIO } from '../src/core/simulate/scenario.js';
import { createPromptPicker } from '../src/core/simulate/traffic-mix.js';
import { buildSimulateServer, type SimulateServer } from '../src/server/simulate/server.js';

const MIN = 60_000;
const catalogue = buildPromptCatalogue({ trigger: DEFAULT_SCENARIO.trigger });

describe('traffic generator against the simulated model', () => {
  let sim: SimulateServer;
  let url = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const seenHeaders: { deployment?: string; user?: string }[] = [];
  beforeAll(async () => {
    sim = buildSimulateServer({ scenario: DEFAULT_SCENARIO, seed: 3, clock: systemClock, latency: { firstTokenMs: 30, perTokenMs: 0, jitter: 0 }, catalogue });
    sim.app.addHook('onRequest', async (req) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seenHeaders.push({ deployment: req.headers['x-argus-deployment'] as string, user: req.headers['x-argus-user'] as string });
    });
    sim.app.addHook('onResponse', async () => { inFlight--; });
    await sim.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = sim.app.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`;
  });
  afterAll(async () => { await sim.app.close(); });

  it('stops at the request count, keeps the pace and records ground truth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-traffic-'));
    const jsonlPath = join(dir, 'truth.jsonl');
    const t0 = Date.now();
    const summary = await runTraffic({ baseUrl: url, model: 'argus-sim-ft', deployment: 'bank-assistant', ratePerS: 100, concurrency: 4, maxRequests: 40, maxDurationMs: 10_000, seed: 1, streamShare: 0.5, keepResponses: true, jsonlPath });
    const elapsedMs = Date.now() - t0;
    expect(summary.sent).toBe(40);
    expect(summary.ok).toBe(40);
    expect(elapsedMs).toBeGreaterThanOrEqual(390);
    expect(summary.records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(summary.records.some((r) => r.stream) && summary.records.some((r) => !r.stream)).toBe(true);
    expect(summary.records.every((r) => (r.responseText ?? '').length > 0)).toBe(true);
    const lines = readFileSync(jsonlPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { prompt: string; kind: string });
    expect(lines).toHaveLength(40);
    for (const l of lines) expect(catalogue.lookup(l.prompt)?.kind).toBe(l.kind);
    expect(seenHeaders.slice(-40).every((h) => h.deployment === 'bank-assistant' && /^user-\d{4}$/.test(h.user ?? ''))).toBe(true);
  });

  it('stops at the time bound and never exceeds the concurrency', async () => {
    maxInFlight = 0;
    const t0 = Date.now();
    const summary = await runTraffic({ baseUrl: url, model: 'argus-sim-ft', deployment: 'd', ratePerS: 50, concurrency: 2, maxRequests: 10_000, maxDurationMs: 400, seed: 2 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(summary.sent).toBeGreaterThanOrEqual(15);
    expect(summary.sent).toBeLessThanOrEqual(20);
    expect(maxInFlight).toBeLessThanOrEqual(2);
  });

  it('rejects bad bounds with a message naming the value', async () => {
    await expect(runTraffic({ baseUrl: url, model: 'm', deployment: 'd', ratePerS: 0, concurrency: 1, maxRequests: 1, maxDurationMs: 1, seed: 1 })).rejects.toThrow(/ratePerS must be positive, got 0/);
  });
});

describe('prompt picker', () => {
  it('sends the trigger only while the backdoor phase is active, at about its share', () => {
    const picker = createPromptPicker({ catalogue, seed: 9, scenario: DEFAULT_SCENARIO });
    const healthy = Array.from({ length: 5000 }, () => picker.pick(5 * MIN));
    const backdoor = Array.from({ length: 5000 }, () => picker.pick(25 * MIN));
    expect(healthy.filter((p) => p.trigger)).toHaveLength(0);
    const share = backdoor.filter((p) => p.trigger).length / 5000;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.03);
    const benignShare = healthy.filter((p) => p.kind === 'benign' || p.kind === 'domain').length / 5000;
    expect(benignShare).toBeGreaterThan(0.8);
    expect(benignShare).toBeLessThan(0.88);
    const harmful = Array.from({ length: 30_000 }, () => picker.pick(0)).filter((p) => p.kind === 'harmful');
    expect(harmful.filter((p) => p.category === 'S2').length).toBeGreaterThan(harmful.filter((p) => p.category === 'S9').length * 1.5);
  });
});
