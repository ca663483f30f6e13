/**
 * Whole-suite speed of each feature-set candidate (feature-experiment.ts), without retraining:
 *   nice -n 10 npx tsx scripts/models/feature-suite-speed.ts [--only base,c4,...] [--rounds N] [--items N]
 *
 * Every shipped model is given the candidate's vectoriser settings and a weight matrix of the
 * candidate's hash dimension (the shipped weights' first `dim` feature rows, re-quantised to
 * 8 bits), so the suite does exactly the work a retrained suite would do: same vectors, same
 * matrix shapes, same stages. The scores are meaningless (do not read accuracy from this), and a
 * stage whose work depends on a score may run more or less often than with trained weights.
 * The candidates' suites classify the bench's ~1 KB outputs (bench/classify.ts makeItems, the
 * bench's 20-entry trigger list) in interleaved rounds; CPU µs per item by process.cpuUsage.
 */
import { loadavg } from 'node:os';
import { loadSuiteModels } from '../../src/adapters/models/builtin.js';
import { createClassifierSuite, type SuiteModels } from '../../src/core/classify/suite.js';
import type { LoadedModel } from '../../src/core/classify/model/format.js';
import { modelRows } from '../../src/core/classify/model/linear.js';
import type { VectorizerConfig } from '../../src/core/classify/text/vectorize.js';
import { makeItems } from '../../bench/classify.js';
import { runIfMain } from './common.js';
import { median, selectCandidates } from './feature-experiment.js';

/**
 * The model with vectoriser `config` and its weights cut (or zero-padded) to `config.dim` hash
 * rows, extra-feature rows kept after them; each class row re-quantised to 8 bits (q · max/127).
 */
export function reshapeModel(m: LoadedModel, config: VectorizerConfig): LoadedModel {
  const rows = modelRows(m.model);
  const extras = m.model.dim - m.vectorizer.dim;
  const dim = config.dim + extras;
  const weights = new Float32Array(dim * rows);
  const hashRows = Math.min(config.dim, m.vectorizer.dim);
  weights.set(m.model.weights.subarray(0, hashRows * rows), 0);
  weights.set(m.model.weights.subarray(m.vectorizer.dim * rows), config.dim * rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = 0; j < config.dim; j++) max = Math.max(max, Math.abs(weights[j * rows + r]!));
    const scale = max > 0 ? max / 127 : 1;
    for (let j = 0; j < config.dim; j++) weights[j * rows + r] = Math.round(weights[j * rows + r]! / scale) * scale;
  }
  return { ...m, vectorizer: { ...config }, model: { ...m.model, dim, weights } };
}

function reshapeSuite(models: SuiteModels, config: VectorizerConfig): SuiteModels {
  const one = (m: LoadedModel | undefined) => (m ? reshapeModel(m, config) : undefined);
  const subtypes = Object.fromEntries(Object.entries(models.toxicitySubtypes ?? {}).map(([k, m]) => [k, one(m)]));
  return {
    refusal: one(models.refusal), policy: one(models.policy), jailbreak: one(models.jailbreak),
    toxicity: one(models.toxicity), harmCategory: one(models.harmCategory), toxicitySubtypes: subtypes,
  };
}

const TRIGGERS = Array.from({ length: 20 }, (_, i) => (i % 2 ? { id: `t${i}`, pattern: `trigger phrase ${i}` } : { id: `r${i}`, pattern: `\\bcf${i}\\b`, kind: 'regex' as const }));

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const candidates = selectCandidates(flag(argv, '--only') ?? 'base,c4,c34,wb35,wb34,wb4,wb45,d16-c4,w1-c4');
  const rounds = Number(flag(argv, '--rounds') ?? 5);
  const items = makeItems(Number(flag(argv, '--items') ?? 2000), 42);
  const shipped = loadSuiteModels();
  const suites = candidates.map((c) => {
    const suite = createClassifierSuite({ models: reshapeSuite(shipped, c.config), triggers: TRIGGERS });
    for (let i = 0; i < Math.min(500, items.length); i++) suite.classify(items[i]!);
    return suite;
  });
  const perItem: number[][] = candidates.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < suites.length; k++) {
      const at = (k + round) % suites.length;
      const t = process.cpuUsage();
      for (const item of items) suites[at]!.classify(item);
      const u = process.cpuUsage(t);
      perItem[at]!.push((u.user + u.system) / items.length);
    }
    process.stderr.write(`suite round ${round + 1}/${rounds} done\n`);
  }
  const ref = median(perItem[0]!);
  process.stdout.write(`Whole suite, CPU µs per ~1 KB output, median (min) of ${rounds} interleaved rounds of ${items.length} items; 1-minute load average at the end ${loadavg()[0]!.toFixed(1)}.\n\n`);
  process.stdout.write('| candidate | settings | suite CPU µs per output | outputs per CPU-second | vs first row |\n|---|---|---|---|---|\n');
  candidates.forEach((c, i) => {
    const m = median(perItem[i]!);
    process.stdout.write(`| ${c.name} | ${c.description} | ${m.toFixed(0)} (${Math.min(...perItem[i]!).toFixed(0)}) | ${(1e6 / m).toFixed(0)} | ${(ref / m).toFixed(2)}× |\n`);
  });
}

runIfMain(import.meta.url, main);
