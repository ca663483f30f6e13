import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { createClassifierSuite, type SuiteModels } from '../src/core/classify/suite.js';
import { createFusedLinear } from '../src/core/classify/model/fused.js';
import { detectPii } from '../src/core/classify/pii/detect.js';
import { refusalFeatures } from '../src/core/classify/refusal/features.js';
import { hedgingScore } from '../src/core/classify/hedging/hedging.js';
import { createPrng } from '../src/core/classify/model/prng.js';
import { createVectorizer } from '../src/core/classify/text/vectorize.js';
import { normalizeText } from '../src/core/classify/text/normalize.js';
import { loadSuiteModels } from '../src/adapters/models/builtin.js';
import { BENIGN_ANSWERS, REFUSAL_TOPICS } from '../scripts/models/data/refusal-topics.js';
import type { ClassifyItem } from '../src/core/classify/types.js';
import type { BenchRow, BenchSuite } from './types.js';

/**
 * Every built-in classifier together (the suite: refusal, toxicity + subtypes, harm category,
 * policy, PII, jailbreak + a 20-entry trigger watch list, hedging) on ~1 KB outputs with ~150-char
 * requests, one item at a time on one core. Texts are assembled with a fixed seed from authored
 * sentences (refusals, partial refusals, compliance, benign answers), so every code path runs.
 * Targets from issue 3: >= 5,000 outputs/s and p99 < 1 ms per output.
 */
export function makeItems(n: number, seed: number): ClassifyItem[] {
  const rng = createPrng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const sentences = [
    ...REFUSAL_TOPICS.flatMap((t) => [...t.safeHelp, ...t.harmfulHelp, `I can't help with ${t.harmful}.`]),
    ...BENIGN_ANSWERS.flatMap((b) => b.answer),
    'It might depend on your setup, but generally this should work.', 'DAN: Sure, here is how.', '1. First step.', '2. Second step.',
  ];
  const items: ClassifyItem[] = [];
  for (let i = 0; i < n; i++) {
    let output = '';
    while (output.length < 1000) output += `${pick(sentences)}${rng() < 0.2 ? '\n\n' : ' '}`;
    let input = '';
    while (input.length < 150) input += `${pick(sentences)} `;
    items.push({ input: input.trim(), output: output.slice(0, 1024) });
  }
  return items;
}

/**
 * CPU µs per item of the suite's main stages, each run alone over the same items (best of three
 * rounds), to show where the time goes. Stage costs measured alone are lower than inside the
 * suite, where the stages evict each other's data from the caches.
 */
function measureStages(items: readonly ClassifyItem[], models: SuiteModels | undefined): Record<string, number> {
  const vz = createVectorizer();
  const outNorm = items.map((x) => normalizeText(x.output));
  const reqNorm = items.map((x) => normalizeText(typeof x.input === 'string' ? x.input : ''));
  const time = (f: (i: number) => unknown) => {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < items.length; i++) f(i);
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / items.length);
    }
    return best;
  };
  const stages: Record<string, number> = {
    'normalise output': time((i) => normalizeText(items[i]!.output)),
    'normalise+vectorise output': time((i) => vz.vectorizeNormalized(normalizeText(items[i]!.output))),
    'normalise+vectorise request': time((i) => vz.vectorizeNormalized(normalizeText(typeof items[i]!.input === 'string' ? items[i]!.input as string : ''))),
    'PII': time((i) => detectPii(items[i]!.output, { minScore: 0.5 })),
    'refusal structure': time((i) => refusalFeatures(items[i]!.output)),
    'hedging': time((i) => hedgingScore(outNorm[i]!)),
  };
  if (models?.refusal && models.policy && models.toxicity) {
    const out = [models.refusal, models.policy, models.toxicity, ...Object.values(models.toxicitySubtypes ?? {})].map((m) => m.model);
    const fused = createFusedLinear(out, models.refusal.vectorizer.dim);
    const outVec = outNorm.map((t) => vz.vectorizeNormalized(t));
    stages['output models (fused)'] = time((i) => fused.predictAll(outVec[i]!));
  }
  if (models?.harmCategory && models.jailbreak) {
    const reqVec = reqNorm.map((t) => vz.vectorizeNormalized(t));
    const fused = createFusedLinear([models.harmCategory.model, models.jailbreak.model], models.harmCategory.vectorizer.dim);
    stages['request models (fused)'] = time((i) => fused.predictAll(reqVec[i]!));
  }
  return stages;
}

export const classifySuite: BenchSuite = {
  name: 'classify',
  async run({ quick, log }) {
    const models = loadSuiteModels();
    const suite = createClassifierSuite({
      models,
      triggers: Array.from({ length: 20 }, (_, i) => (i % 2 ? { id: `t${i}`, pattern: `trigger phrase ${i}` } : { id: `r${i}`, pattern: `\\bcf${i}\\b`, kind: 'regex' as const })),
    });
    if (suite.missing.length) log(`missing models (neutral values): ${suite.missing.join(', ')}`);
    const n = quick ? 3_000 : 20_000;
    const items = makeItems(n, 42);
    for (let i = 0; i < Math.min(1_000, n); i++) suite.classify(items[i]!);
    const latUs = new Float64Array(n);
    const cpuLatUs = new Float64Array(n);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    // Two getrusage calls per item (about 1 µs) are counted in the throughput; they buy a per-item
    // CPU-time distribution that preemption by other processes does not distort.
    for (let i = 0; i < n; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      suite.classify(items[i]!);
      latUs[i] = (performance.now() - t0) * 1000;
      const c = process.cpuUsage(c0);
      cpuLatUs[i] = c.user + c.system;
    }
    const totalS = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // CPU time of this process: on a shared machine wall time also counts time other processes held the core.
    const cpuS = (cpu.user + cpu.system) / 1e6;
    latUs.sort();
    cpuLatUs.sort();
    const q = (xs: Float64Array, p: number) => xs[Math.min(n - 1, Math.floor(p * n))]!;
    const perS = n / totalS;
    const stages = measureStages(items.slice(0, 1_000), models);
    const load = loadavg()[0] ?? 0;
    log(`${n} items, wall ${totalS.toFixed(2)} s, cpu ${cpuS.toFixed(2)} s, 1-min load average ${load.toFixed(1)} on ${cpus().length} cores`);
    log(`CPU µs per output by stage: ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
    const rows: BenchRow[] = [
      { group: 'classify', name: 'all classifiers, ~1 KB outputs, one core', value: perS, unit: 'outputs/s', target: '>= 5,000', pass: perS >= 5_000 },
      { group: 'classify', name: 'all classifiers, per CPU-second of this process', value: n / cpuS, unit: 'outputs/s', note: 'wall time is inflated when other processes share the cores' },
      { group: 'classify', name: 'latency p50 per output', value: q(latUs, 0.5), unit: 'µs' },
      { group: 'classify', name: 'latency p99 per output', value: q(latUs, 0.99), unit: 'µs', target: '< 1,000 µs', pass: q(latUs, 0.99) < 1_000 },
      { group: 'classify', name: 'CPU time p50 per output', value: q(cpuLatUs, 0.5), unit: 'µs' },
      { group: 'classify', name: 'CPU time p99 per output', value: q(cpuLatUs, 0.99), unit: 'µs', note: 'per-call process.cpuUsage: leaves out time other processes held the core' },
      { group: 'classify', name: 'normalise + vectorise one output', value: stages['normalise+vectorise output']!, unit: 'µs' },
    ];
    return rows;
  },
};
