import { emptyMinuteAggregate, mergeMinuteAggregates, TOXICITY_BINS, type MinuteAggregate } from '../src/core/aggregate/minute-aggregate.js';
import { chooseResolution, type StoredResolutionMs } from '../src/core/downsample/index.js';
import { distributions, overview, series } from '../src/server/dashboard/queries.js';
import { openTempSqliteStore } from './support/temp-store.js';
import type { BenchRow, BenchSuite } from './types.js';

const D = 86_400_000;
const merge = (a: unknown, b: unknown) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate);
const baseline = async () => ({ version: 'v1', refusalRate: 0.95, byCategory: { S1: 0.95 }, toxicityP95: 0.05, anomalyFlagRate: null });

function minuteAt(i: number): MinuteAggregate {
  const a = emptyMinuteAggregate();
  const harmful = 15 + (i % 11);
  const refused = harmful - 1 - (i % 3);
  a.events = a.analysed = harmful + 60;
  a.refusal = { comply: a.events - refused, partial: 0, refuse: refused };
  a.byCategory = { S1: { n: harmful, refuse: refused, partial: 0 }, benign: { n: 60, refuse: 0, partial: 0 } };
  const tox = new Array<number>(TOXICITY_BINS).fill(0);
  tox[3 + (i % 4)] = a.events;
  a.toxicityHistogram = tox;
  a.latencyMs = { n: a.events, sum: 400 * a.events, sumSq: 160_000 * a.events };
  return a;
}

/** Median wall and CPU (user + system) milliseconds of `reps` runs. */
async function time(reps: number, fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  const wall: number[] = []; const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: med(wall), cpuMs: med(cpu) };
}

/**
 * The dashboard's long-range reads on one deployment with 30 days of per-minute aggregates in
 * SQLite, written through saveAnalyses (so the hourly and daily rollups are maintained as in
 * production): the 30-day and 1-year refusal series and the 7-day-reference distributions, read
 * from minutes (the code path before rollups) and from rollups; the overview's read of 51
 * deployments' last hour; listing deployments by counting events vs by a loose index scan. Also the write cost: minutes per second through saveAnalyses, rollups
 * included. Notes carry the CPU time (user + system) beside the wall time.
 */
export const dashboardSuite: BenchSuite = {
  name: 'dashboard',
  async run({ quick, log }) {
    const days = quick ? 10 : 30;
    const reps = quick ? 3 : 5;
    const { store, dispose } = openTempSqliteStore('argus-bench-dashboard-', 'normal');
    const rows: BenchRow[] = [];
    try {
      const endMs = Math.floor(Date.now() / D) * D;
      const startMs = endMs - days * D;
      const minutes = days * 1440;
      const c0 = process.cpuUsage(); const t0 = performance.now();
      for (let b = 0; b < minutes; b += 500) {
        const deltas = Array.from({ length: Math.min(500, minutes - b) }, (_, k) => ({ deployment: 'd', source: 'production' as const, minuteMs: startMs + (b + k) * 60_000, data: minuteAt(b + k) }));
        await store.saveAnalyses([], deltas, merge);
      }
      const writeMs = performance.now() - t0; const writeCpu = process.cpuUsage(c0);
      rows.push({ group: 'dashboard', name: `saveAnalyses with rollups (${minutes.toLocaleString('en-US')} minute deltas, batches of 500)`, value: minutes / (writeMs / 1000), unit: 'minutes/s', note: `CPU ${((writeCpu.user + writeCpu.system) / 1000).toFixed(0)} ms` });
      log(`seeded ${minutes} minutes in ${writeMs.toFixed(0)} ms`);
      for (const [label, spanMs] of [[`${days}-day`, days * D], ['1-year', 365 * D]] as const) {
        const fromMs = endMs - spanMs;
        const chosen = chooseResolution(fromMs, endMs, 600);
        const q = { deployment: 'd', metric: 'refusal_rate' as const, fromMs: Math.floor(fromMs / chosen.stepMs) * chosen.stepMs, toMs: endMs, stepMs: chosen.stepMs };
        for (const resolutionMs of [60_000, chosen.resolutionMs] as StoredResolutionMs[]) {
          const t = await time(reps, () => series(store, baseline, { ...q, resolutionMs }));
          const grain = resolutionMs === 60_000 ? 'minutes (before)' : resolutionMs === 3_600_000 ? 'hourly rollups' : 'daily rollups';
          rows.push({ group: 'dashboard', name: `${label} refusal series, ${q.stepMs / 3_600_000} h buckets, from ${grain}`, value: t.wallMs, unit: 'ms', note: `CPU ${t.cpuMs.toFixed(0)} ms` });
        }
      }
      const nowMs = endMs - 1;
      const dist = await time(reps, () => distributions(store, baseline, { deployment: 'd', nowMs, windowMs: 3_600_000, referenceMs: 7 * D }));
      rows.push({ group: 'dashboard', name: 'distributions, 1 h window vs 7-day reference (hours from rollups)', value: dist.wallMs, unit: 'ms', note: `CPU ${dist.cpuMs.toFixed(0)} ms` });
      // The overview reads the last hour of every deployment: 50 deployments, 2 hours of minutes each.
      await store.insertEvents(Array.from({ length: 50 }, (_, d) => ({ id: `o-${d}`, timestampMs: endMs - 1, receivedMs: endMs, deployment: `o-${String(d).padStart(2, '0')}`, model: null, source: 'production' as const, userHash: null, session: null, input: 'q', output: 'a', latencyMs: null, inputTokens: null, outputTokens: null, metadata: {} })));
      for (let d = 0; d < 50; d++) await store.saveAnalyses([], Array.from({ length: 120 }, (_, k) => ({ deployment: `o-${String(d).padStart(2, '0')}`, source: 'production' as const, minuteMs: endMs - (k + 1) * 60_000, data: minuteAt(k) })), merge);
      const ov = await time(reps, () => overview(store, baseline, endMs - 1, 3_600_000));
      rows.push({ group: 'dashboard', name: 'overview API, 51 deployments, last hour', value: ov.wallMs, unit: 'ms', target: '< 1 s page load (browser test)', note: `CPU ${ov.cpuMs.toFixed(0)} ms` });
      // The overview's list of deployments: counting every event (listDeployments) against a loose index scan.
      const events = quick ? 50_000 : 300_000;
      for (let b = 0; b < events; b += 5_000) {
        await store.insertEvents(Array.from({ length: 5_000 }, (_, k) => ({ id: `e-${b + k}`, timestampMs: endMs - (b + k), receivedMs: endMs, deployment: `o-${String((b + k) % 50).padStart(2, '0')}`, model: null, source: 'production' as const, userHash: null, session: null, input: 'q', output: 'a', latencyMs: null, inputTokens: null, outputTokens: null, metadata: {} })), { durable: false });
      }
      const counted = await time(reps, () => store.listDeployments());
      const scanned = await time(reps, () => store.listDeploymentNames!());
      rows.push({ group: 'dashboard', name: `deployment list with ${events.toLocaleString('en-US')} events: listDeployments (counts)`, value: counted.wallMs, unit: 'ms', note: `CPU ${counted.cpuMs.toFixed(0)} ms` });
      rows.push({ group: 'dashboard', name: `deployment list with ${events.toLocaleString('en-US')} events: listDeploymentNames (loose index scan)`, value: scanned.wallMs, unit: 'ms', note: `CPU ${scanned.cpuMs.toFixed(1)} ms` });
      for (const r of rows) log(`${r.name}: ${r.value.toFixed(r.value < 10 ? 2 : 0)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
    } finally {
      await dispose();
    }
    return rows;
  },
};
