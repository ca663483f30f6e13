import { performance } from 'node:perf_hooks';
import { runTraffic } from '../src/app/traffic/generator.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { createSimulatedModel } from '../src/core/simulate/model.js';
import { DEFAULT_SCENARIO } from '../src/core/simulate/scenario.js';
import { createPromptPicker } from '../src/core/simulate/traffic-mix.js';
import { startSimulateServer } from '../src/server/simulate/server.js';
import type { BenchRow, BenchSuite } from './types.js';

/**
 * The demo's world must not be the bottleneck of the end-to-end benchmark (target 2,000 analysed
 * events/s). Measures: the pure model (answers/s), and the simulator server driven by the traffic
 * generator over loopback HTTP in one process (requests/s, no model latency, 30% streaming), which
 * is a lower bound on what the simulator alone can serve because the client shares the core.
 */
export const simulateSuite: BenchSuite = {
  name: 'simulate',
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const catalogue = buildPromptCatalogue();
    const t0 = performance.now();
    buildPromptCatalogue();
    rows.push({ group: 'simulate', name: 'build prompt catalogue', value: performance.now() - t0, unit: 'ms', note: `${catalogue.prompts.length} prompts` });

    const model = createSimulatedModel({ scenario: DEFAULT_SCENARIO, seed: 1, catalogue });
    const picker = createPromptPicker({ catalogue, seed: 1, scenario: DEFAULT_SCENARIO });
    const n = quick ? 20_000 : 200_000;
    const prompts = Array.from({ length: n }, (_, i) => picker.pick((i / n) * DEFAULT_SCENARIO.durationMs).text);
    const t1 = performance.now();
    prompts.forEach((p, i) => model.respond(p, 'fine-tuned', (i / n) * DEFAULT_SCENARIO.durationMs));
    const answersPerS = n / ((performance.now() - t1) / 1000);
    rows.push({ group: 'simulate', name: 'model answers (in process)', value: answersPerS, unit: 'answers/s', target: '>= 20,000', pass: answersPerS >= 20_000 });
    log(`model: ${n} answers, ${Math.round(answersPerS)}/s`);

    const sim = await startSimulateServer({ scenario: DEFAULT_SCENARIO, seed: 1, clock: systemClock, catalogue, latency: { firstTokenMs: 0, perTokenMs: 0, jitter: 0 } });
    try {
      const count = quick ? 3_000 : 30_000;
      await runTraffic({ baseUrl: sim.url, model: 'argus-sim-ft', deployment: 'bench', ratePerS: 100_000, concurrency: 32, maxRequests: quick ? 2_000 : 5_000, maxDurationMs: 60_000, seed: 9, streamShare: 0.3, catalogue, keepRecords: false });
      const cpu0 = process.cpuUsage();
      const summary = await runTraffic({
        baseUrl: sim.url, model: 'argus-sim-ft', deployment: 'bench', ratePerS: 100_000, concurrency: 32, maxRequests: count,
        maxDurationMs: 120_000, seed: 1, streamShare: 0.3, catalogue, keepRecords: false,
      });
      const cpu = process.cpuUsage(cpu0);
      const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, summary.sent);
      log(`http: ${summary.sent} requests (${summary.failed} failed) in ${summary.durationMs} ms`);
      rows.push({
        group: 'simulate', name: 'simulator + generator over HTTP (one process, 30% streaming)', value: summary.achievedRatePerS, unit: 'req/s',
        target: '>= 2,000', pass: summary.achievedRatePerS >= 2_000 && summary.failed === 0, note: `${summary.sent} requests, ${summary.failed} failed`,
      });
      rows.push({
        group: 'simulate', name: 'CPU per request, simulator + generator', value: cpuMsPerRequest, unit: 'ms',
        note: 'process CPU time / requests; independent of other load on the machine',
      });
    } finally {
      await sim.close();
    }
    return rows;
  },
};
