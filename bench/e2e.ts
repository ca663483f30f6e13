import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { createPromptPicker } from '../src/core/simulate/traffic-mix.js';
import type { BenchRow, BenchSuite } from './types.js';
import { percentile, processCpuMs, startChild, stopChild } from './support/util.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const UPSTREAM_PORT = 17_821;
const ARGUS_PORT = 17_822;
const ENV = { ARGUS_USER_HASH_SECRET: 'bench-secret-0123456789' };
const TARGET_EVENTS_PER_S = 2_000;

/** Resident set size of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch { return undefined; }
}

/** Direct children of a process (the analysis worker of `argus serve`). */
function childPids(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try { return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { return []; }
}

async function counters(base: string): Promise<{ analysed: number; stored: number }> {
  const res = await request(`${base}/metrics`);
  const text = await res.body.text();
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  return { analysed: value(/^argus_events_analysed_total\{status="done"\} (\S+)$/m), stored: value(/^argus_events_stored_total (\S+)$/m) };
}

/**
 * The server's V8 heap in use and committed, and its external memory (Buffers, native objects
 * V8 is told of), MiB, from prom-client's default metrics: tell a leak from a GC sawtooth in RSS,
 * and memory V8 holds from memory outside it.
 */
async function heapMiB(base: string): Promise<{ used: number; total: number; external: number }> {
  const text = await (await request(`${base}/metrics`)).body.text();
  const mib = (name: string) => Number(new RegExp(`^argus_process_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { used: mib('nodejs_heap_size_used_bytes'), total: mib('nodejs_heap_size_total_bytes'), external: mib('nodejs_external_memory_bytes') };
}

/** Alerts of the bench deployment, oldest first: metric, category, severity, minute fired after `sinceMs`. */
async function firedAlerts(base: string, sinceMs: number): Promise<string[]> {
  const body = await (await request(`${base}/api/v1/alerts?deployment=bench&limit=1000`)).body.json() as { alerts?: Array<{ metric: string; category: string | null; severity: string; firstFiredMs: number }> };
  return (body.alerts ?? []).sort((a, b) => a.firstFiredMs - b.firstFiredMs)
    .map((a) => `${a.metric}${a.category ? `/${a.category}` : ''} ${a.severity} at ${((a.firstFiredMs - sinceMs) / 60_000).toFixed(1)}`);
}

const RSS_FLAT_MIB = 10;

function median(xs: readonly number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number + (s[Math.ceil((s.length - 1) / 2)] as number)) / 2;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * End to end: the simulated model (no added latency) behind `argus serve` with every built-in
 * classifier, analysis in its child process, SQLite storage (WAL, synchronous=FULL) and detection
 * on. Clients send the simulator's traffic mix (varied prompts and answers; plain JSON, not
 * streamed, so the client side stays cheap) through the gateway at the highest rate the pipeline
 * keeps up with:
 * 1. capacity: 48 closed-loop clients for 30 s (quick 15 s); analysed events/s from /metrics; the
 *    traffic of this phase then becomes the active baseline (`argus baseline create`), so the
 *    detection engine runs its minute cycles from then on; the capacity is measured again with
 *    detection on;
 * 2. sustained: an open loop at 95% of the capacity with detection for 10 minutes (quick 1 minute), reporting
 *    analysed events/s, the analysis backlog at the end, the gateway's added latency (a probe
 *    alternates the same request direct to the simulator and through the gateway, one at a time)
 *    and resident memory of the server and its analysis worker every 10 s; "levels off" = the
 *    median RSS of the last quarter of the run is less than 10 MiB above that of the second quarter
 *    (medians, because garbage collection makes RSS a sawtooth).
 * CPU time of each process is reported beside wall time: the machine is shared.
 */
export const e2eSuite: BenchSuite = {
  name: 'e2e',
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'argus-bench-e2e-'));
    const config = join(dir, 'argus.yaml');
    writeFileSync(config, 'classifiers: { enabled: true }\ndetection: { enabled: true }\nlog: { level: warn }\n');
    const upstreamBase = `http://127.0.0.1:${UPSTREAM_PORT}`;
    const argusBase = `http://127.0.0.1:${ARGUS_PORT}`;
    const upstreamStartedMs = Date.now();
    const upstream = await startChild(cli, ['simulate', '--port', String(UPSTREAM_PORT), '--latency-ms', '0', '--per-token-ms', '0', '--seed', '1'], `${upstreamBase}/healthz`);
    const argus = await startChild(cli, ['serve', '--config', config, '--port', String(ARGUS_PORT), '--data-dir', dir, '--upstream', `${upstreamBase}/v1`], `${argusBase}/healthz`, ENV);
    // What the server logs (level warn: its errors and restarts) is printed after the run.
    let serverLog = '';
    argus.stderr?.on('data', (d: Buffer) => { serverLog = (serverLog + d.toString()).slice(-20_000); });
    const catalogue = buildPromptCatalogue();
    const picker = createPromptPicker({ catalogue, seed: 5 });
    const dispatcher = new Agent({ connections: 128 });
    // Request bodies are encoded once: the load generator shares the 2 cores with Argus, so what
    // it spends per request is taken from the system under test.
    const bodyOf = (prompt: string) => Buffer.from(JSON.stringify({ model: 'argus-sim-ft', messages: [{ role: 'user', content: prompt }] }));
    const bodies = Array.from({ length: 20_000 }, () => bodyOf(picker.pick(0).text));
    let nextBody = 0;
    const headersFor = (deployment: string) => ({ 'content-type': 'application/json', 'x-argus-deployment': deployment, 'x-argus-user': 'bench-user' });
    const trafficHeaders = headersFor('bench');
    const send = async (base: string, body: Buffer = bodies[nextBody++ % bodies.length] as Buffer, headers = trafficHeaders) => {
      const t0 = performance.now();
      const res = await request(`${base}/v1/chat/completions`, { method: 'POST', dispatcher, headers, body });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
      return performance.now() - t0;
    };
    const rows: BenchRow[] = [];
    const load = `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at start`;
    try {
      // 1. Capacity: closed loop, analysed events per second once the pipeline is warm.
      const capMs = quick ? 15_000 : 30_000;
      const measureCapacity = async (label: string): Promise<number> => {
        let stop = false;
        const clients = Array.from({ length: 48 }, async () => { while (!stop) await send(argusBase).catch(() => undefined); });
        await sleep(5_000);
        const c0 = await counters(argusBase);
        const t0 = performance.now();
        await sleep(capMs);
        const c1 = await counters(argusBase);
        const rate = (c1.analysed - c0.analysed) / ((performance.now() - t0) / 1000);
        stop = true;
        await Promise.all(clients);
        log(`capacity ${label}: ${Math.round(rate)} analysed events/s (gateway stored ${Math.round((c1.stored - c0.stored) / (capMs / 1000))}/s)`);
        // Let the backlog drain before the next phase.
        for (let i = 0; i < 120; i++) { const c = await counters(argusBase); if (c.stored - c.analysed < 100) break; await sleep(500); }
        return rate;
      };
      const capacityNoDetection = await measureCapacity('without detection');
      // Make the first phase's traffic the active baseline, so the detection engine (its minute
      // cycles, the n-gram backdoor detector) works from here on.
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [cli, 'baseline', 'create', '--config', config, '--data-dir', dir, '--deployment', 'bench', '--sources', 'production'], { stdio: 'ignore', env: { ...process.env, ...ENV } });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`argus baseline create exited ${code}`))));
      });
      // Measured again with detection on: the open loop below runs at 95% of this one, so that it
      // does not start above what the whole system (detection included) can take.
      const capacity = await measureCapacity('with detection');

      // 2. Sustained open loop at 95% of capacity, with a latency probe and memory samples.
      // ARGUS_BENCH_E2E_MINUTES sets a longer (or shorter) open loop, to see whether memory levels off.
      const durationMs = (Number(process.env.ARGUS_BENCH_E2E_MINUTES) || (quick ? 1 : 10)) * 60_000;
      const rate = Math.max(50, capacity * 0.95);
      const serverPid = argus.pid;
      const workerPid = childPids(serverPid)[0];
      const cpuStart = { server: processCpuMs(serverPid) ?? 0, worker: processCpuMs(workerPid) ?? 0, upstream: processCpuMs(upstream.pid) ?? 0, bench: process.cpuUsage() };
      const s0 = await counters(argusBase);
      const started = performance.now();
      let sent = 0, failed = 0, lagMaxMs = 0;
      // Requests in flight, counted: awaiting Promise.race over a set of hundreds of promises adds a
      // reaction to each one per call, which cost the generator more CPU than Argus's gateway.
      let inFlight = 0;
      let slotFree: (() => void) | undefined;
      let allDone: (() => void) | undefined;
      const settle = () => {
        inFlight--;
        slotFree?.();
        slotFree = undefined;
        if (inFlight === 0) allDone?.();
      };
      const direct: number[] = [];
      const via: number[] = [];
      const mem: Array<{ tS: number; server: number; worker: number; serverHeap: number; serverHeapTotal: number; serverExternal: number }> = [];
      const probe = (async () => {
        const body = bodyOf('How do I set up a standing order from my current account?');
        const probeHeaders = headersFor('bench-probe');
        while (performance.now() - started < durationMs) {
          direct.push(await send(upstreamBase, body, probeHeaders).catch(() => NaN));
          via.push(await send(argusBase, body, probeHeaders).catch(() => NaN));
          await sleep(50);
        }
      })();
      const sampler = (async () => {
        while (performance.now() - started < durationMs) {
          const heap = await heapMiB(argusBase).catch(() => ({ used: NaN, total: NaN, external: NaN }));
          mem.push({ tS: (performance.now() - started) / 1000, server: rssMiB(serverPid) ?? NaN, worker: rssMiB(workerPid) ?? NaN,
            serverHeap: heap.used, serverHeapTotal: heap.total, serverExternal: heap.external });
          await sleep(10_000);
        }
      })();
      // One timer tick every 2 ms sends every request that has come due (a timer per request cost
      // the generator more CPU than the simulator); at most 512 in flight.
      while (performance.now() - started < durationMs) {
        const now = performance.now();
        for (let due = started + (sent * 1000) / rate; due <= now; due = started + (sent * 1000) / rate) {
          lagMaxMs = Math.max(lagMaxMs, now - due);
          if (inFlight >= 512) break;
          inFlight++;
          send(argusBase).then(settle, () => { failed++; settle(); });
          sent++;
        }
        if (inFlight >= 512) await new Promise<void>((resolve) => { slotFree = resolve; });
        else await sleep(2);
      }
      if (inFlight > 0) await new Promise<void>((resolve) => { allDone = resolve; });
      await probe;
      await sampler;
      const wallS = (performance.now() - started) / 1000;
      const s1 = await counters(argusBase);
      const cpu = {
        server: (processCpuMs(serverPid) ?? 0) - cpuStart.server, worker: (processCpuMs(workerPid) ?? 0) - cpuStart.worker,
        upstream: (processCpuMs(upstream.pid) ?? 0) - cpuStart.upstream,
        bench: (() => { const u = process.cpuUsage(cpuStart.bench); return (u.user + u.system) / 1000; })(),
      };
      const analysedRate = (s1.analysed - s0.analysed) / wallS;
      const backlog = s1.stored - s1.analysed;
      const ok = (xs: number[]) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
      const d = ok(direct), v = ok(via);
      // Garbage collection makes RSS a sawtooth: compare medians of the second and the last quarter.
      const inQuarter = (q: number) => mem.filter((m) => m.tS >= (q * wallS) / 4 && m.tS < ((q + 1) * wallS) / 4);
      const quarter = (q: number, key: 'server' | 'worker') => median(inQuarter(q).map((m) => m[key]));
      const growth = Math.max(quarter(3, 'server') - quarter(1, 'server'), quarter(3, 'worker') - quarter(1, 'worker'));
      // What survives the collections: the lowest heap in use of each quarter (a leak lifts it; garbage does not).
      const lowest = (q: number, key: 'server' | 'serverHeap' | 'serverHeapTotal' | 'serverExternal') =>
        Math.min(...inQuarter(q).map((m) => m[key]).filter(Number.isFinite));
      const heapFloor = (q: number) => lowest(q, 'serverHeap');
      const floors = (key: 'server' | 'serverHeapTotal' | 'serverExternal') => [0, 1, 2, 3].map((q) => lowest(q, key).toFixed(0)).join(', ');
      const flat = growth < RSS_FLAT_MIB;
      const firstRss = mem[0];
      const lastRss = mem.at(-1);
      log(`sustained: offered ${Math.round(sent / wallS)}/s (${failed} failed, max send lag ${Math.round(lagMaxMs)} ms), analysed ${Math.round(analysedRate)}/s, backlog at end ${backlog}`);
      log(`CPU over ${wallS.toFixed(0)} s wall: server ${(cpu.server / 1000).toFixed(1)} s, analysis worker ${(cpu.worker / 1000).toFixed(1)} s, simulator ${(cpu.upstream / 1000).toFixed(1)} s, load generator ${(cpu.bench / 1000).toFixed(1)} s; ${load}`);
      if (serverLog) log(`server log (last 20 kB):\n${serverLog}`);
      // The simulator runs its default scenario (S2 erosion from minute 10, backdoor from minute
      // 20 of its clock), so a long run fires real alerts and opens incidents under load.
      const alerts = await firedAlerts(argusBase, upstreamStartedMs);
      log(`alerts on deployment bench (minutes on the simulator's scenario clock): ${alerts.length === 0 ? 'none' : alerts.join('; ')}`);
      log(`RSS MiB (server/worker, server V8 heap used/committed/external): ${mem.map((m) => `${m.tS.toFixed(0)}s ${m.server.toFixed(0)}/${m.worker.toFixed(0)} (${m.serverHeap.toFixed(0)}/${m.serverHeapTotal.toFixed(0)}/${m.serverExternal.toFixed(0)})`).join(', ')}`);
      log(`lowest sample by quarter, MiB: server RSS ${floors('server')}; V8 heap committed ${floors('serverHeapTotal')}; external ${floors('serverExternal')}`);
      const analysedN = Math.max(1, s1.analysed - s0.analysed);
      const cpuPerEventUs = ((cpu.server + cpu.worker) * 1000) / analysedN;
      // The load generator and the simulator run on the same 2 cores: their CPU is what the run
      // spent outside Argus, so the share Argus got is reported beside the rate it reached.
      const allCpuMs = cpu.server + cpu.worker + cpu.upstream + cpu.bench;
      const argusShare = `Argus used ${((cpu.server + cpu.worker) / 1000 / wallS).toFixed(2)} of 2 cores (${Math.round((100 * (cpu.server + cpu.worker)) / Math.max(1, allCpuMs))}% of this run's CPU); ${load}`;
      rows.push(
        { group: 'e2e', name: 'capacity without detection: analysed events/s (48 closed-loop clients, before a baseline)', value: capacityNoDetection, unit: 'events/s' },
        { group: 'e2e', name: 'capacity with detection: analysed events/s (48 closed-loop clients; the open loop runs at 95% of it)', value: capacity, unit: 'events/s' },
        { group: 'e2e', name: `sustained analysed events/s (${(durationMs / 60_000).toFixed(0)} min, gateway + all classifiers + SQLite + detection)`, value: analysedRate, unit: 'events/s',
          target: `>= ${TARGET_EVENTS_PER_S.toLocaleString('en-US')}`, pass: analysedRate >= TARGET_EVENTS_PER_S && backlog < analysedRate * 5, note: `backlog at end ${backlog}; ${load}` },
        { group: 'e2e', name: 'Argus CPU per analysed event (server + analysis worker)', value: cpuPerEventUs, unit: 'µs',
          note: `2 cores at this cost: ${Math.round(2e6 / Math.max(cpuPerEventUs, 1e-9))} events/s if nothing else ran; ${argusShare}` },
        { group: 'e2e', name: 'server CPU per analysed event (gateway, storage, detection, review feeder)', value: (cpu.server * 1000) / analysedN, unit: 'µs' },
        { group: 'e2e', name: 'analysis worker CPU per analysed event (features, classifiers, aggregates)', value: (cpu.worker * 1000) / analysedN, unit: 'µs' },
        { group: 'e2e', name: 'load generator + simulator CPU per request (not Argus; shares the 2 cores)', value: ((cpu.upstream + cpu.bench) * 1000) / Math.max(1, sent), unit: 'µs' },
        { group: 'e2e', name: 'gateway added latency p50 under that load', value: percentile(v, 0.5) - percentile(d, 0.5), unit: 'ms' },
        { group: 'e2e', name: 'gateway added latency p99 under that load', value: percentile(v, 0.99) - percentile(d, 0.99), unit: 'ms' },
        { group: 'e2e', name: 'RSS server, start -> end', value: (lastRss?.server ?? NaN) - (firstRss?.server ?? NaN), unit: 'MiB', note: `${firstRss?.server.toFixed(0)} -> ${lastRss?.server.toFixed(0)} MiB` },
        { group: 'e2e', name: 'RSS analysis worker, start -> end', value: (lastRss?.worker ?? NaN) - (firstRss?.worker ?? NaN), unit: 'MiB', note: `${firstRss?.worker.toFixed(0)} -> ${lastRss?.worker.toFixed(0)} MiB` },
        { group: 'e2e', name: 'RSS growth, median of the last quarter minus the second quarter (worse of server, worker)', value: growth, unit: 'MiB',
          target: `< ${RSS_FLAT_MIB} (levels off)`, pass: flat },
        { group: 'e2e', name: 'server RSS, lowest of the last quarter minus lowest of the second quarter', value: lowest(3, 'server') - lowest(1, 'server'), unit: 'MiB',
          note: `lowest by quarter ${floors('server')} MiB; V8 heap committed ${floors('serverHeapTotal')}; external ${floors('serverExternal')}` },
        { group: 'e2e', name: 'server V8 heap in use, lowest of the last quarter minus lowest of the second quarter', value: heapFloor(3) - heapFloor(1), unit: 'MiB',
          note: `${heapFloor(1).toFixed(0)} -> ${heapFloor(3).toFixed(0)} MiB; highest ${Math.max(...mem.map((m) => m.serverHeap).filter(Number.isFinite)).toFixed(0)} MiB` },
      );
    } finally {
      await dispatcher.close();
      await stopChild(argus);
      await stopChild(upstream);
      // ARGUS_BENCH_KEEP_DATA=1 keeps the run's store (and config) for reading afterwards.
      if (process.env.ARGUS_BENCH_KEEP_DATA === '1') log(`kept the run's data in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
