import { PerformanceObserver } from 'node:perf_hooks';
import { loadSuiteModels } from '../src/adapters/models/builtin.js';
import { forEachObservation } from '../src/app/detection/read-observations.js';
import { toProfileEvent } from '../src/app/detection/observe.js';
import { createAnalyzer } from '../src/app/pipeline/analyzer.js';
import { buildBaselineProfile, type BaselineProfile } from '../src/core/baseline/profile.js';
import { createClassifierSuite } from '../src/core/classify/suite.js';
import type { EventRecord } from '../src/core/events/event.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { createSimulatedModel } from '../src/core/simulate/model.js';
import { DEFAULT_SCENARIO } from '../src/core/simulate/scenario.js';
import { createPromptPicker } from '../src/core/simulate/traffic-mix.js';
import { assignTopic, assignTopicDense } from '../src/core/topics/topic-model.js';
import { openTempSqliteStore } from './support/temp-store.js';
import type { BenchRow, BenchSuite } from './types.js';

const START_MS = 1_760_000_000_000;

/** The simulator's traffic mix and answers (healthy phase), one event every `stepMs`. */
function simulatedEvents(n: number, stepMs: number): EventRecord[] {
  const catalogue = buildPromptCatalogue();
  const model = createSimulatedModel({ scenario: DEFAULT_SCENARIO, seed: 1, catalogue });
  const picker = createPromptPicker({ catalogue, seed: 2, scenario: DEFAULT_SCENARIO });
  return Array.from({ length: n }, (_, i) => {
    const prompt = picker.pick(0).text;
    return {
      id: `d-${i}`, timestampMs: START_MS + Math.floor(i * stepMs), receivedMs: START_MS + Math.floor(i * stepMs), deployment: 'bench', model: 'argus-sim-ft', source: 'production',
      userHash: null, session: null, input: [{ role: 'user', content: prompt }], output: model.respond(prompt, 'fine-tuned', 0).text,
      latencyMs: 300, inputTokens: 20, outputTokens: 80, metadata: {},
    };
  });
}

/** Median of `reps` runs of `fn`: CPU milliseconds and garbage-collection milliseconds. */
async function measure(reps: number, fn: () => Promise<unknown>): Promise<{ cpuMs: number; gcMs: number }> {
  let gcMs = 0;
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; });
  obs.observe({ entryTypes: ['gc'] });
  const runs: Array<{ cpuMs: number; gcMs: number }> = [];
  for (let r = 0; r < reps; r++) {
    await new Promise((resolve) => setTimeout(resolve, 20)); // lets the observer report the last run's collections
    gcMs = 0;
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    runs.push({ cpuMs: (c.user + c.system) / 1000, gcMs });
  }
  obs.disconnect();
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { cpuMs: mid(runs.map((x) => x.cpuMs)), gcMs: mid(runs.map((x) => x.gcMs)) };
}

async function pageAll(read: (cursor: string | undefined) => Promise<string | null>): Promise<void> {
  let cursor: string | undefined;
  do cursor = (await read(cursor)) ?? undefined; while (cursor);
}

/**
 * What the detection engine reads once a minute, on the server's event loop: the analysed events
 * of the minute that closed. The events are the simulator's traffic, analysed by every built-in
 * classifier and stored in SQLite; the baseline is profiled from the first fifth of them.
 * Reports CPU per event (median of 5) of reading the rows as `listEvents` gives them (what the
 * engine read until issue 6's memory fix) against the slim detection rows, of assigning a topic
 * with the dense vector against the non-zero buckets, and of the whole projection as detection
 * runs it, with the garbage collection it causes.
 */
export const detectionReadSuite: BenchSuite = {
  name: 'detection-read',
  async run({ quick, log }) {
    const n = quick ? 10_000 : 40_000;
    const { store, dispose } = openTempSqliteStore('argus-bench-detect-');
    const rows: BenchRow[] = [];
    try {
      const records = simulatedEvents(n, 60_000 / n);
      const outcomes = await store.insertEvents(records, { durable: false });
      const analyzer = createAnalyzer(createClassifierSuite({ models: loadSuiteModels() }));
      const analyses = [];
      const profiled = [];
      for (const [i, r] of records.entries()) {
        const seq = outcomes[i]?.seq as number;
        const a = await analyzer.analyze({ ...r, seq });
        analyses.push({ seq, status: 'done' as const, analyzedMs: START_MS, features: { ...a.features }, scores: a.scores });
        if (i < n / 5) profiled.push(toProfileEvent({ ...r, seq, analysis: analyses[i] }));
        if (i % 5_000 === 4_999) log(`analysed ${i + 1} of ${n} events`);
      }
      await store.saveAnalyses(analyses, [], (a) => a);
      const profile: BaselineProfile = buildBaselineProfile(profiled, { seed: 1 });
      const window = { deployment: 'bench', source: 'production' as const, sinceMs: START_MS, untilMs: START_MS + 60_000 };
      const perEvent = (ms: number) => (ms * 1000) / n;

      const full = await measure(5, () => pageAll(async (cursor) => (await store.listEvents({ ...window, limit: 1000, cursor, order: 'time' })).nextCursor));
      const slim = await measure(5, () => pageAll(async (cursor) => (await store.listDetectionRows(window, { limit: 1000, cursor })).nextCursor));
      log(`rows: full ${perEvent(full.cpuMs).toFixed(1)} µs/event (GC ${full.gcMs.toFixed(0)} ms), detection rows ${perEvent(slim.cpuMs).toFixed(1)} µs/event (GC ${slim.gcMs.toFixed(0)} ms)`);
      rows.push({ group: 'detection-read', name: `read a minute's analysed events, detection rows: CPU per event (${n.toLocaleString('en-US')} events)`, value: perEvent(slim.cpuMs), unit: 'µs',
        note: `full rows through listEvents, as detection read them before: ${perEvent(full.cpuMs).toFixed(1)} µs (${(full.cpuMs / slim.cpuMs).toFixed(1)}x); GC ${slim.gcMs.toFixed(0)} against ${full.gcMs.toFixed(0)} ms` });

      const topics = profile.topics?.model;
      if (topics) {
        const outputs = records.map((r) => r.output);
        let differ = 0;
        const dense = await measure(5, async () => { for (const t of outputs) assignTopicDense(topics, t); });
        const sparse = await measure(5, async () => { for (const t of outputs) assignTopic(topics, t); });
        for (const t of outputs) if (assignTopicDense(topics, t) !== assignTopic(topics, t)) differ++;
        log(`topic: dense ${perEvent(dense.cpuMs).toFixed(1)} µs, non-zero buckets ${perEvent(sparse.cpuMs).toFixed(1)} µs, ${differ} assignments differ`);
        rows.push({ group: 'detection-read', name: 'assign a topic to an output: CPU per output', value: perEvent(sparse.cpuMs), unit: 'µs',
          note: `dense ${topics.dims}-bucket vector: ${perEvent(dense.cpuMs).toFixed(1)} µs (${(dense.cpuMs / sparse.cpuMs).toFixed(1)}x); ${differ} of ${n} assignments differ` });
      }

      let seen = 0;
      const whole = await measure(5, async () => {
        seen = await forEachObservation(store, { ...window, profile, policyMin: 0.5 }, () => undefined);
      });
      log(`whole projection: ${perEvent(whole.cpuMs).toFixed(1)} µs/event over ${seen} events, GC ${whole.gcMs.toFixed(0)} ms`);
      rows.push({ group: 'detection-read', name: 'detection read and projection of a minute (rows, topics, isolation forest, fingerprints): CPU per event', value: perEvent(whole.cpuMs), unit: 'µs',
        note: `${seen.toLocaleString('en-US')} events; garbage collection ${whole.gcMs.toFixed(0)} ms of ${whole.cpuMs.toFixed(0)} ms` });
    } finally {
      await dispose();
    }
    return rows;
  },
};
