import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTraffic } from '../src/app/traffic/generator.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { DEFAULT_SCENARIO } from '../src/core/simulate/scenario.js';
import { startSimulateServer } from '../src/server/simulate/server.js';
import { startArgus } from './helpers/argus-instance.js';

/** The demo's world wired as the demo will wire it: generator → Argus gateway → simulated model. */
describe('traffic through the Argus gateway to the simulated model', () => {
  let sim: Awaited<ReturnType<typeof startSimulateServer>>;
  let argus: Awaited<ReturnType<typeof startArgus>>;
  beforeAll(async () => {
    sim = await startSimulateServer({ scenario: DEFAULT_SCENARIO, seed: 4, clock: systemClock, latency: { firstTokenMs: 1, perTokenMs: 0, jitter: 0 } });
    argus = await startArgus({ gateway: { upstream: { url: `${sim.url}/v1`, timeout: '5s' } } });
  });
  afterAll(async () => { await argus.close(); await sim.close(); });

  it('every request is answered and captured with the answer the client saw', async () => {
    const summary = await runTraffic({ baseUrl: `${argus.url}/v1`, model: 'argus-sim-ft', deployment: 'sim-bank', ratePerS: 200, concurrency: 8, maxRequests: 60, maxDurationMs: 20_000, seed: 12, streamShare: 0.5, keepResponses: true });
    expect(summary.ok).toBe(60);
    let events: Awaited<ReturnType<typeof argus.store.listEvents>>['events'] = [];
    for (let i = 0; i < 100 && events.length < 60; i++) {
      events = (await argus.store.listEvents({ deployment: 'sim-bank', limit: 100 })).events;
      if (events.length < 60) await new Promise((r) => setTimeout(r, 50));
    }
    expect(events).toHaveLength(60);
    const seen = new Map(summary.records.map((r) => [r.responseText, r]));
    for (const e of events) {
      const record = seen.get(e.output as string);
      expect(record, String(e.output).slice(0, 60)).toBeDefined();
      expect(e.model).toBe('argus-sim-ft');
    }
    expect(sim.state().counters.requests['fine-tuned']).toBe(60);
  });
});
