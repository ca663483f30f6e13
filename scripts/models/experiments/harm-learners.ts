/**
 * Harm category: stronger learners than the shipped softmax regression, on the same splits,
 * vectoriser and training rows as scripts/models/build-harm-category.ts.
 *   npx tsx scripts/models/experiments/harm-learners.ts [variant ...]
 * Variants: linear (the shipped recipe, one seed), mlp-<hidden>[-bag][-e<epochs>][-lr<step>][-d<dropout>][-s<seed>],
 * ens-<hidden> (mean of linear and relu-MLP probabilities). Prints dev and test macro-F1 (S1–S13),
 * macro-F1 over every class, dev macro-F1 per source family, and the scoring cost per text (CPU µs,
 * vectorisation excluded). Results: docs/classifiers.md, "Accuracy experiments".
 */
import { macroF1, confusionMatrix } from '../../../src/core/classify/metrics.js';
import { mlpPredictProba } from '../../../src/core/classify/model/mlp.js';
import { trainMlp } from '../../../src/core/classify/model/mlp-train.js';
import { predictProba } from '../../../src/core/classify/model/linear.js';
import { trainLinear } from '../../../src/core/classify/model/train.js';
import { HARM_CATEGORIES, type HarmCategory } from '../../../src/core/classify/types.js';
import type { SparseVector } from '../../../src/core/classify/text/sparse.js';
import { LEXICON } from '../build-harm-category.js';
import { harmReport, loadHarmSplits } from '../data-content/harm-eval.js';
import type { LabelledText } from '../data-content/split.js';
import { createVectorCache, sharedVectorizer } from '../data-content/train-helpers.js';

type Proba = (v: SparseVector) => Float64Array;
const classes = [...HARM_CATEGORIES];
const log = (line: string) => process.stdout.write(`${line}\n`);

function family(source: string): string {
  if (source.startsWith('ailuminate')) return source.includes('fr') ? 'ailuminate-fr' : 'ailuminate-en';
  return 'other';
}

function perFamily(rows: readonly LabelledText[], top: (t: string) => HarmCategory): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of ['ailuminate-en', 'ailuminate-fr', 'other']) {
    const sub = rows.filter((r) => r.label !== 'benign' && family(r.source) === f);
    const m = confusionMatrix(sub.map((r) => r.label), sub.map((r) => top(r.text)), HARM_CATEGORIES);
    const present = HARM_CATEGORIES.filter((c) => c !== 'benign' && c !== 'S14' && sub.some((r) => r.label === c));
    out[f] = Number(macroF1(m, present).toFixed(3));
  }
  return out;
}

function parse(variant: string): { hidden: number; bag: boolean; epochs: number; lr: number; dropout: number; seed?: number } {
  const num = (re: RegExp, d: number) => Number(re.exec(variant)?.[1] ?? d);
  return { hidden: num(/^(?:mlp|ens)-(\d+)/, 32), bag: variant.includes('-bag'), epochs: num(/-e(\d+)/, 10), lr: num(/-lr([\d.]+)/, 0.05), dropout: num(/-d([\d.]+)/, 0), ...(/-s\d+/.test(variant) ? { seed: num(/-s(\d+)/, 0) } : {}) };
}

function main(): void {
  const data = loadHarmSplits();
  const vec = createVectorCache(sharedVectorizer());
  const trainRows = [...data.train, ...LEXICON];
  const rows = trainRows.map((r) => vec(r.text));
  const labels = trainRows.map((r) => r.label);
  const dim = sharedVectorizer().config.dim;
  const linear = (): Proba => {
    const m = trainLinear({ rows, labels, classes, dim, kind: 'softmax', classWeights: 'balanced', seed: 5, l2: 1e-5, epochs: 20, learningRate: 0.1 });
    return (v) => predictProba(m, v);
  };
  const mlp = (variant: string): Proba => {
    const p = parse(variant);
    const m = trainMlp({ rows, labels, classes, dim, hidden: p.hidden, activation: p.bag ? 'bag' : 'relu', epochs: p.epochs, learningRate: p.lr, dropout: p.dropout, l2: 1e-6, seed: p.seed ?? 5, classWeights: 'balanced' });
    return (v) => mlpPredictProba(m, v);
  };
  const variants = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['linear', 'mlp-32', 'mlp-64-bag', 'ens-32'];
  for (const variant of variants) {
    const t0 = process.cpuUsage();
    let proba: Proba;
    if (variant === 'linear') proba = linear();
    else if (variant.startsWith('mlp-')) proba = mlp(variant);
    else {
      const a = linear();
      const b = mlp(variant.replace(/^ens-/, 'mlp-'));
      proba = (v) => {
        const pb = b(v);
        return a(v).map((x, i) => (x + pb[i]!) / 2);
      };
    }
    const trainCpu = (process.cpuUsage(t0).user + process.cpuUsage(t0).system) / 1e6;
    const top = (t: string): HarmCategory => {
      const p = proba(vec(t));
      let best = 0;
      for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
      return classes[best]!;
    };
    const dev = harmReport(data.dev, top);
    const test = harmReport(data.test, top);
    const vs = data.test.map((r) => vec(r.text));
    const c0 = process.cpuUsage();
    for (let rep = 0; rep < 5; rep++) for (const v of vs) proba(v);
    const c = process.cpuUsage(c0);
    const usPerText = (c.user + c.system) / (5 * vs.length);
    log(`${variant}: dev ${dev.macroF1Hazards.toFixed(3)} (all ${dev.macroF1All.toFixed(3)}, harmful-vs-benign F1 ${dev.harmfulVsBenign.f1.toFixed(3)}) test ${test.macroF1Hazards.toFixed(3)} (all ${test.macroF1All.toFixed(3)}, hvb ${test.harmfulVsBenign.f1.toFixed(3)}) dev by family ${JSON.stringify(perFamily(data.dev, top))}; train ${trainCpu.toFixed(0)} s CPU; score ${usPerText.toFixed(1)} µs CPU/text`);
  }
}

main();
