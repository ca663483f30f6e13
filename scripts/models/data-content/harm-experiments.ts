/**
 * Dev-split experiments for the harm-category model (never reads the test split's scores):
 *   npx tsx scripts/models/data-content/harm-experiments.ts
 * Prints dev macro-F1 over S1–S13 per configuration, measured on quantised weights.
 */
import { predictProba, argmax, type LinearModel } from '../../../src/core/classify/model/linear.js';
import { HARM_CATEGORIES, type HarmCategory } from '../../../src/core/classify/types.js';
import { harmReport, loadHarmSplits } from './harm-eval.js';
import { createVectorCache, sharedVectorizer, trainAndShip } from './train-helpers.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const data = loadHarmSplits();
const vectorizer = sharedVectorizer();
const vec = createVectorCache(vectorizer);
const rows = data.train.map((r) => vec(r.text));
const labels = data.train.map((r) => r.label);
const classes = [...HARM_CATEGORIES];

/** Averages the weights of several linear models with the same shape (still one linear model). */
function average(models: LinearModel[]): LinearModel {
  const first = models[0]!;
  const weights = new Float32Array(first.weights.length);
  const bias = new Float64Array(first.bias.length);
  for (const m of models) {
    for (let i = 0; i < weights.length; i++) weights[i]! += m.weights[i]! / models.length;
    for (let i = 0; i < bias.length; i++) bias[i]! += m.bias[i]! / models.length;
  }
  return { ...first, weights, bias };
}

const devScore = (model: LinearModel) => {
  const r = harmReport(data.dev, (t) => model.classes[argmax(predictProba(model, vec(t)))] as HarmCategory);
  return `dev macro-F1 S1-S13 ${r.macroF1Hazards.toFixed(4)} all ${r.macroF1All.toFixed(4)} hvb-F1 ${r.harmfulVsBenign.f1.toFixed(4)}`;
};

const which = process.argv[2] ?? 'grid';
const base = { l2: 1e-5, epochs: 15, learningRate: 0.2 };
const fit = (c: { l2: number; epochs: number; learningRate: number }, seed: number, maxFeatures = 60_000, cw: 'balanced' | 'none' = 'balanced', sampleWeights?: number[]) =>
  trainAndShip({ name: 'x', task: 'harm_category', vectorizer, metadata: {}, rows, labels, classes, kind: 'softmax', classWeights: cw, seed, encode: { maxFeatures }, sampleWeights, ...c }).model;

if (which === 'grid') {
  for (const c of [base, { l2: 3e-6, epochs: 15, learningRate: 0.2 }, { l2: 1e-5, epochs: 25, learningRate: 0.2 }, { l2: 3e-5, epochs: 15, learningRate: 0.2 }, { l2: 1e-5, epochs: 15, learningRate: 0.5 }]) {
    log(`${JSON.stringify(c)}: ${devScore(fit(c, 5))}`);
  }
}
if (which === 'avg') {
  const ms = [5, 6, 7, 8, 9].map((s) => trainAndShip({ name: 'x', task: 'h', vectorizer, metadata: {}, rows, labels, classes, kind: 'softmax', classWeights: 'balanced', seed: s, encode: { maxFeatures: 1 << 18 }, ...base }).model);
  ms.forEach((m, i) => log(`seed ${5 + i}: ${devScore(m)}`));
  log(`average of 5 seeds: ${devScore(average(ms))}`);
}
if (which === 'features') {
  for (const f of [30_000, 60_000, 100_000, 1 << 18]) log(`maxFeatures ${f}: ${devScore(fit(base, 5, f))}`);
}
if (which === 'curve') {
  // Learning curve: does 15 % more data (what refitting on train + dev adds) help? Train on a
  // 70/85 hash share of train vs all of train, both scored on dev.
  const { fnv1a } = await import('./split.js');
  const keep = data.train.map((r) => (fnv1a(`curve:${r.group}`) % 1000) < 824);
  const sub = (xs: readonly unknown[]) => xs.filter((_, i) => keep[i]);
  const small = trainAndShip({ name: 'x', task: 'h', vectorizer, metadata: {}, rows: sub(rows) as typeof rows, labels: sub(labels) as string[], classes, kind: 'softmax', classWeights: 'balanced', seed: 5, encode: { maxFeatures: 60_000 }, ...base }).model;
  log(`train share ${keep.filter(Boolean).length}/${rows.length}: ${devScore(small)}`);
  log(`all of train: ${devScore(fit(base, 5))}`);
}
if (which === 'avgq') {
  const { decodeModel, encodeModel } = await import('../../../src/core/classify/model/format.js');
  const seeds = [5, 6, 7, 8, 9];
  const ms = seeds.map((s) => trainAndShip({ name: 'x', task: 'h', vectorizer, metadata: {}, rows, labels, classes, kind: 'softmax', classWeights: 'balanced', seed: s, encode: { maxFeatures: 1 << 18 }, ...base }).model);
  for (const k of [3, 5]) {
    const avg = average(ms.slice(0, k));
    for (const maxFeatures of [60_000, 70_000]) {
      const q = decodeModel(encodeModel({ name: 'x', task: 'h', model: avg, vectorizer: { ...vectorizer.config }, extraFeatures: [], metadata: {} }, { maxFeatures }), 'x');
      log(`average of ${k} seeds, ${maxFeatures} features: ${devScore(q.model)}`);
    }
  }
}
