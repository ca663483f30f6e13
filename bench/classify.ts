import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { createClassifierSuite } from '../src/core/classify/suite.js';
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

export const classifySuite: BenchSuite = {
  name: 'classify',
  async run({ quick, log }) {
    const suite = createClassifierSuite({
      models: loadSuiteModels(),
      triggers: Array.from({ length: 20 }, (_, i) => (i % 2 ? { id: `t${i}`, pattern: `trigger phrase ${i}` } : { id: `r${i}`, pattern: `\\bcf${i}\\b`, kind: 'regex' as const })),
    });
    if (suite.missing.length) log(`missing models (neutral values): ${suite.missing.join(', ')}`);
    const n = quick ? 3_000 : 20_000;
    const items = makeItems(n, 42);
    for (let i = 0; i < Math.min(1_000, n); i++) suite.classify(items[i]!);
    const latUs = new Float64Array(n);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      suite.classify(items[i]!);
      latUs[i] = (performance.now() - t0) * 1000;
    }
    const totalS = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // CPU time of this process: on a shared machine wall time also counts time other processes held the core.
    const cpuS = (cpu.user + cpu.system) / 1e6;
    latUs.sort();
    const q = (p: number) => latUs[Math.min(n - 1, Math.floor(p * n))]!;
    const perS = n / totalS;
    // The shared front end alone, for the breakdown: normalise + vectorise one ~1 KB output.
    const vz = createVectorizer();
    const t1 = performance.now();
    for (let i = 0; i < n; i++) vz.vectorizeNormalized(normalizeText(items[i]!.output));
    const vecUs = ((performance.now() - t1) * 1000) / n;
    const load = loadavg()[0] ?? 0;
    log(`${n} items, wall ${totalS.toFixed(2)} s, cpu ${cpuS.toFixed(2)} s, 1-min load average ${load.toFixed(1)} on ${cpus().length} cores; normalise+vectorise ${vecUs.toFixed(1)} µs/output`);
    const rows: BenchRow[] = [
      { group: 'classify', name: 'all classifiers, ~1 KB outputs, one core', value: perS, unit: 'outputs/s', target: '>= 5,000', pass: perS >= 5_000 },
      { group: 'classify', name: 'all classifiers, per CPU-second of this process', value: n / cpuS, unit: 'outputs/s', note: 'wall time is inflated when other processes share the cores' },
      { group: 'classify', name: 'latency p50 per output', value: q(0.5), unit: 'µs' },
      { group: 'classify', name: 'latency p99 per output', value: q(0.99), unit: 'µs', target: '< 1,000 µs', pass: q(0.99) < 1_000 },
      { group: 'classify', name: 'normalise + vectorise one output', value: vecUs, unit: 'µs' },
    ];
    return rows;
  },
};
