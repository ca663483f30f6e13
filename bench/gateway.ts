import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import type { BenchRow, BenchSuite } from './types.js';
import { benchConfigFile, loadNote, mainThreadCpuMs, percentile, processCpuMs, runClosedLoop, startChild, stopChild } from './support/util.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const UPSTREAM_PORT = 17_811;
const ARGUS_PORT = 17_812;
const BARE_PORT = 17_813;

/**
 * The gateway's added latency: the same client sends the same chat request to the upstream
 * directly and through `argus serve` (separate processes, loopback), at 1, 50 and 200 concurrent
 * clients. Added latency at a percentile = via-gateway minus direct at that percentile. The same
 * is measured for a bare Node proxy (bench/support/bare-proxy.ts: no Argus code at all), the floor
 * that any Node gateway on this machine starts from.
 */
export const gatewaySuite: BenchSuite = {
  name: 'gateway',
  async run({ quick, log }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-bench-gw-'));
    const upstream = await startChild(join(here, 'support', 'fast-upstream.js'), [String(UPSTREAM_PORT)], `http://127.0.0.1:${UPSTREAM_PORT}/healthz`);
    const bare = await startChild(join(here, 'support', 'bare-proxy.js'), [String(BARE_PORT), String(UPSTREAM_PORT)], `http://127.0.0.1:${BARE_PORT}/healthz`);
    const argus = await startChild(cli, ['serve', '--config', benchConfigFile(dataDir), '--port', String(ARGUS_PORT), '--data-dir', dataDir, '--upstream', `http://127.0.0.1:${UPSTREAM_PORT}/v1`],
      `http://127.0.0.1:${ARGUS_PORT}/healthz`, { ARGUS_USER_HASH_SECRET: 'bench-secret-0123456789' });
    const rows: BenchRow[] = [];
    const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'How do I reset my password?' }] });
    const dispatcher = new Agent({ connections: 256 });
    const send = async (base: string) => {
      const res = await request(`${base}/v1/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-argus-deployment': 'bench' }, dispatcher });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    };
    try {
      for (const concurrency of [1, 50, 200]) {
        const total = (quick ? 1_000 : 4_000) + concurrency * 10;
        await runClosedLoop(200, concurrency, () => send(`http://127.0.0.1:${UPSTREAM_PORT}`));
        await runClosedLoop(200, concurrency, () => send(`http://127.0.0.1:${ARGUS_PORT}`));
        // Interleave direct and gateway rounds so both see the same machine load.
        const direct: number[] = [];
        const via: number[] = [];
        const viaBare: number[] = [];
        let bareCpuMs = 0;
        let viaElapsedMs = 0;
        let argusCpuMs = 0;
        let argusMainMs = 0;
        for (let round = 0; round < 4; round++) {
          direct.push(...(await runClosedLoop(total / 4, concurrency, () => send(`http://127.0.0.1:${UPSTREAM_PORT}`))).latenciesMs);
          const cpu0 = processCpuMs(argus.pid) ?? 0;
          const main0 = mainThreadCpuMs(argus.pid) ?? 0;
          const r = await runClosedLoop(total / 4, concurrency, () => send(`http://127.0.0.1:${ARGUS_PORT}`));
          argusCpuMs += (processCpuMs(argus.pid) ?? 0) - cpu0;
          argusMainMs += (mainThreadCpuMs(argus.pid) ?? 0) - main0;
          via.push(...r.latenciesMs);
          viaElapsedMs += r.elapsedMs;
          const bare0 = processCpuMs(bare.pid) ?? 0;
          viaBare.push(...(await runClosedLoop(total / 4, concurrency, () => send(`http://127.0.0.1:${BARE_PORT}`))).latenciesMs);
          bareCpuMs += (processCpuMs(bare.pid) ?? 0) - bare0;
        }
        direct.sort((a, b) => a - b);
        via.sort((a, b) => a - b);
        viaBare.sort((a, b) => a - b);
        const added50 = percentile(via, 0.5) - percentile(direct, 0.5);
        const added99 = percentile(via, 0.99) - percentile(direct, 0.99);
        const load = loadNote();
        log(`c=${concurrency}: direct p50 ${percentile(direct, 0.5).toFixed(3)} p99 ${percentile(direct, 0.99).toFixed(3)}; via p50 ${percentile(via, 0.5).toFixed(3)} p99 ${percentile(via, 0.99).toFixed(3)} ms (${load})`);
        rows.push(
          { group: 'gateway', name: `added latency p50, ${concurrency} clients`, value: added50, unit: 'ms', target: '<= 1 ms', pass: added50 <= 1,
            note: `direct p50 ${percentile(direct, 0.5).toFixed(2)} ms, via ${percentile(via, 0.5).toFixed(2)} ms; ${load}` },
          { group: 'gateway', name: `added latency p99, ${concurrency} clients`, value: added99, unit: 'ms', target: '<= 5 ms', pass: added99 <= 5,
            note: `direct p99 ${percentile(direct, 0.99).toFixed(2)} ms, via ${percentile(via, 0.99).toFixed(2)} ms` },
          { group: 'gateway', name: `throughput via gateway, ${concurrency} clients`, value: via.length / (viaElapsedMs / 1000), unit: 'req/s' },
          { group: 'gateway', name: `Argus server CPU per request, ${concurrency} clients`, value: (argusCpuMs * 1000) / via.length, unit: 'µs',
            note: 'serve process, all threads (proxy + capture + store); its analysis child process is separate' },
          { group: 'gateway', name: `Argus event-loop thread CPU per request, ${concurrency} clients`, value: (argusMainMs * 1000) / via.length, unit: 'µs',
            note: `at this cost one event loop proxies at most ${Math.round(1e6 / Math.max((argusMainMs * 1000) / via.length, 1e-9))} req/s` },
          { group: 'gateway', name: `bare Node proxy (floor): added latency p50 / p99, ${concurrency} clients`, value: percentile(viaBare, 0.5) - percentile(direct, 0.5), unit: 'ms',
            note: `p99 ${(percentile(viaBare, 0.99) - percentile(direct, 0.99)).toFixed(2)} ms; no Argus code: Node's HTTP server in, undici out` },
          { group: 'gateway', name: `bare Node proxy (floor): CPU per request, ${concurrency} clients`, value: (bareCpuMs * 1000) / viaBare.length, unit: 'µs' },
        );
      }
    } finally {
      await dispatcher.close();
      await stopChild(argus);
      await stopChild(bare);
      await stopChild(upstream);
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
