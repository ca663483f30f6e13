import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { createEventParser } from '../src/contracts/event-fast.js';
import { createEventSchema, DEFAULT_EVENT_LIMITS } from '../src/contracts/event.js';
import type { BenchRow, BenchSuite } from './types.js';
import { benchConfigFile, loadNote, mainThreadCpuMs, processCpuMs, startChild, stopChild } from './support/util.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const PORT = 17_813;
const ENV = { ARGUS_USER_HASH_SECRET: 'bench-secret-0123456789' };

function makeEvent(i: number): Record<string, unknown> {
  return {
    id: `bench-${i}`, deployment: `dep-${i % 5}`, user: `user-${i % 1000}`, model: 'ft:bench',
    timestamp: new Date(1_760_000_000_000 + i * 10).toISOString(),
    input: [{ role: 'user', content: `Question number ${i}: how do I configure the export schedule for my team?` }],
    output: `Answer ${i}: open Settings, choose Exports, then pick a daily or weekly schedule. `.repeat(4),
    latency_ms: 350 + (i % 100), usage: { input_tokens: 20, output_tokens: 80 }, metadata: { region: 'eu', tier: i % 3 },
  };
}

/**
 * Ingest throughput into SQLite (synchronous=FULL, WAL), no classifiers (features only; detection off): (1) POST /api/v1/events
 * batches of 500 from 4 concurrent clients to `argus serve` in its own process, honouring 429
 * Retry-After; (2) `argus import` of a JSONL file, whole command timed (start-up included).
 * Wall-clock rates depend on what else runs on the machine (the load average is noted); the
 * server's CPU per event does much less.
 */
export const ingestSuite: BenchSuite = {
  name: 'ingest',
  async run({ quick, log }) {
    const total = quick ? 50_000 : 200_000;
    const batchSize = 500;
    const rows: BenchRow[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'argus-bench-ingest-'));
    try {
      rows.push(...validationRows(quick));
      const bodies: string[] = [];
      for (let b = 0; b < total / batchSize; b++) {
        bodies.push(JSON.stringify({ events: Array.from({ length: batchSize }, (_, k) => makeEvent(b * batchSize + k)) }));
      }
      const argus = await startChild(cli, ['serve', '--config', benchConfigFile(dir), '--port', String(PORT), '--data-dir', join(dir, 'api')], `http://127.0.0.1:${PORT}/healthz`, ENV);
      const dispatcher = new Agent({ connections: 8 });
      let retries = 0;
      let next = 0;
      const cpu0 = processCpuMs(argus.pid) ?? 0;
      const main0 = mainThreadCpuMs(argus.pid) ?? 0;
      const load = loadNote();
      const started = performance.now();
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          for (;;) {
            const res = await request(`http://127.0.0.1:${PORT}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher });
            await res.body.dump();
            if (res.statusCode === 200) break;
            if (res.statusCode !== 429) throw new Error(`ingest answered ${res.statusCode}`);
            retries++;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }));
      const apiRate = total / ((performance.now() - started) / 1000);
      const cpuPerEventUs = (((processCpuMs(argus.pid) ?? 0) - cpu0) * 1000) / total;
      const mainPerEventUs = (((mainThreadCpuMs(argus.pid) ?? 0) - main0) * 1000) / total;
      await dispatcher.close();
      await stopChild(argus);
      log(`batch API: ${Math.round(apiRate)} events/s (${retries} batches retried after 429; ${load})`);
      rows.push({ group: 'ingest', name: 'batch API -> SQLite (500/batch, 4 clients)', value: apiRate, unit: 'events/s', target: '>= 20,000', pass: apiRate >= 20_000,
        note: `wall clock, ${load}` });
      rows.push({ group: 'ingest', name: 'batch API: server CPU per event, all threads (parse, validate, hash, insert)', value: cpuPerEventUs, unit: 'µs',
        note: `1 core at this cost: ${Math.round(1e6 / Math.max(cpuPerEventUs, 1e-9))} events/s` });
      rows.push({ group: 'ingest', name: 'batch API: server event-loop thread CPU per event (inserts run on the writer thread)', value: mainPerEventUs, unit: 'µs' });

      const file = join(dir, 'events.jsonl');
      writeFileSync(file, `${Array.from({ length: total }, (_, i) => JSON.stringify(makeEvent(i))).join('\n')}\n`);
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [cli, 'import', file, '--config', benchConfigFile(dir), '--data-dir', join(dir, 'import')], { stdio: 'ignore', env: { ...process.env, ...ENV } });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`argus import exited ${code}`))));
      });
      const importRate = total / ((performance.now() - t0) / 1000);
      rows.push({ group: 'ingest', name: 'argus import JSONL -> SQLite (whole command)', value: importRate, unit: 'events/s', target: '>= 20,000', pass: importRate >= 20_000,
        note: `wall clock, ${loadNote()}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

/** CPU per event of validating the bench's events: zod alone, and the fast check the API uses. */
function validationRows(quick: boolean): BenchRow[] {
  const events = Array.from({ length: quick ? 5_000 : 20_000 }, (_, i) => JSON.parse(JSON.stringify(makeEvent(i))) as unknown);
  const schema = createEventSchema(DEFAULT_EVENT_LIMITS);
  const parse = createEventParser(schema, DEFAULT_EVENT_LIMITS);
  const cpuPerEventUs = (validate: (raw: unknown) => { success: boolean }) => {
    for (const e of events.slice(0, 2_000)) validate(e); // warm up
    const c0 = process.cpuUsage();
    let ok = 0;
    for (const e of events) if (validate(e).success) ok++;
    const c = process.cpuUsage(c0);
    if (ok !== events.length) throw new Error(`only ${ok} of ${events.length} bench events validated`);
    return (c.user + c.system) / events.length;
  };
  const zodUs = cpuPerEventUs((e) => schema.safeParse(e));
  const fastUs = cpuPerEventUs(parse);
  return [
    { group: 'ingest', name: 'validation CPU per event: zod schema alone', value: zodUs, unit: 'µs' },
    { group: 'ingest', name: 'validation CPU per event: fast check (zod only for what it cannot vouch for)', value: fastUs, unit: 'µs' },
  ];
}
