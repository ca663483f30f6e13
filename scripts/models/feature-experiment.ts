/**
 * Feature-set experiment: which vectoriser settings keep the refusal and toxicity models as
 * accurate as today while making vectorising and scoring cheaper?
 *   nice -n 10 npx tsx scripts/models/feature-experiment.ts [--only base,c4,...] [--tasks refusal,toxicity,harm] [--harm-seeds 1..5] [--seed-offset K]
 *
 * For each candidate (see CANDIDATES) it retrains the refusal model (build-refusal.ts recipe) and
 * the main toxicity model (build-toxicity.ts recipe) on their usual data, round-trips them through
 * the quantised model file format, and reports the metrics the shipped models are judged on
 * (refusal: gptfuzz `evaluate` F1 and dev gptfuzz F1; toxicity: Wikipedia Talk test AUROC,
 * TweetEval offensive test AUROC, dev AUROC). With `--tasks ...,harm` also the harm-category
 * model (build-harm-category.ts chosen settings, averaged over the first --harm-seeds of its five
 * seeds, default 1; macro-F1 over S1–S13 on the test and dev splits). Speed, CPU µs per ~1 KB bench output (best of three
 * rounds, process.cpuUsage): normalise + vectorise, the vector's non-zero count, and a fused 10-row
 * int8 scorer of the candidate's hash dimension (the shape of the shipped output models), once warm
 * and once after each item has read 6 MB of other memory (as the other stages do inside the suite).
 * Nothing is written to models/: the table goes to stdout.
 */
import { createVectorizer, DEFAULT_VECTORIZER, type Vectorizer, type VectorizerConfig } from '../../src/core/classify/text/vectorize.js';
import { normalizeText } from '../../src/core/classify/text/normalize.js';
import type { SparseVector } from '../../src/core/classify/text/sparse.js';
import { trainLinear } from '../../src/core/classify/model/train.js';
import { predictProba, createLinearModel } from '../../src/core/classify/model/linear.js';
import { binaryMetrics } from '../../src/core/classify/model/metrics.js';
import { createFusedLinear } from '../../src/core/classify/model/fused.js';
import { createPrng } from '../../src/core/classify/model/prng.js';
import { decodeModel, encodeModel, type LoadedModel } from '../../src/core/classify/model/format.js';
import { refusalFeatures, REFUSAL_FEATURE_NAMES } from '../../src/core/classify/refusal/features.js';
import { REFUSAL_CLASSES } from '../../src/core/classify/refusal/refusal.js';
import { makeItems } from '../../bench/classify.js';
import { featurize, fmt, runIfMain } from './common.js';
import { loadGptfuzzResponses } from './data/gptfuzz.js';
import { refusalRows } from './build-refusal.js';
import { MAIN_ENCODING, TOXICITY_TRAINING } from './build-toxicity.js';
import { loadToxicitySplits, reportOn } from './data-content/toxicity-eval.js';
import { createVectorCache, trainAndShip, trainAveragedAndShip } from './data-content/train-helpers.js';
import { ENCODING as HARM_ENCODING, LEXICON, SEEDS as HARM_SEEDS } from './build-harm-category.js';
import { harmReport, loadHarmSplits } from './data-content/harm-eval.js';
import { createHarmCategoryScorer, HARM_CATEGORY_MODEL_NAME } from '../../src/core/classify/harm-category/harm-category.js';
import { HARM_CATEGORIES } from '../../src/core/classify/types.js';

export interface Candidate {
  name: string;
  description: string;
  config: VectorizerConfig;
}

const base = DEFAULT_VECTORIZER;
const candidate = (name: string, description: string, change: Partial<VectorizerConfig>): Candidate =>
  ({ name, description, config: { ...base, ...change } });

export const CANDIDATES: readonly Candidate[] = [
  candidate('base', 'today: word 1–2, char 3–5, 2^18', {}),
  candidate('c4', 'word 1–2, char 4, 2^18', { charNgramMin: 4, charNgramMax: 4 }),
  candidate('c34', 'word 1–2, char 3–4, 2^18', { charNgramMin: 3, charNgramMax: 4 }),
  candidate('d16', 'word 1–2, char 3–5, 2^16', { dim: 1 << 16 }),
  candidate('d16-c4', 'word 1–2, char 4, 2^16', { dim: 1 << 16, charNgramMin: 4, charNgramMax: 4 }),
  candidate('d16-c34', 'word 1–2, char 3–4, 2^16', { dim: 1 << 16, charNgramMin: 3, charNgramMax: 4 }),
  candidate('d17-c4', 'word 1–2, char 4, 2^17', { dim: 1 << 17, charNgramMin: 4, charNgramMax: 4 }),
  candidate('w1-c4', 'word 1 only, char 4, 2^18', { wordNgramMax: 1, charNgramMin: 4, charNgramMax: 4 }),
  candidate('wb35', 'word 1–2, char 3–5 within words, 2^18', { charWordBoundary: true }),
  candidate('wb34', 'word 1–2, char 3–4 within words, 2^18', { charNgramMax: 4, charWordBoundary: true }),
  candidate('d16-wb34', 'word 1–2, char 3–4 within words, 2^16', { dim: 1 << 16, charNgramMax: 4, charWordBoundary: true }),
];

/** The candidates named in a comma-separated list (all when the list is empty); unknown names throw. */
export function selectCandidates(list: string | undefined, all: readonly Candidate[] = CANDIDATES): Candidate[] {
  if (!list) return [...all];
  return list.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
    const c = all.find((x) => x.name === n);
    if (!c) throw new Error(`unknown candidate "${n}"; known: ${all.map((x) => x.name).join(', ')}`);
    return c;
  });
}

export interface SpeedResult {
  vectorizeUs: number;
  nnz: number;
  scoreWarmUs: number;
  scoreEvictedUs: number;
}

export interface AccuracyResult {
  refusalEvalF1?: number;
  refusalDevF1?: number;
  toxWikiAuroc?: number;
  toxTweetOffAuroc?: number;
  toxDevAuroc?: number;
  harmTestF1?: number;
  harmDevF1?: number;
  trainCpuS: number;
}

/** One markdown table row per candidate; a metric not measured is shown as "—". */
export function resultTable(rows: readonly { c: Candidate; speed: SpeedResult; acc: AccuracyResult }[]): string {
  const f = (x: number | undefined) => (x === undefined ? '—' : fmt(x));
  const n0 = (x: number) => x.toFixed(0);
  const head = '| candidate | settings | vectorise µs | non-zeros | score µs warm / evicted | refusal F1 eval / dev | toxicity AUROC Wiki / TweetEval off. / dev | harm macro-F1 test / dev | train CPU s |\n' +
    '|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map(({ c, speed: s, acc: a }) =>
    `| ${c.name} | ${c.description} | ${n0(s.vectorizeUs)} | ${n0(s.nnz)} | ${s.scoreWarmUs.toFixed(1)} / ${s.scoreEvictedUs.toFixed(1)} | ` +
    `${f(a.refusalEvalF1)} / ${f(a.refusalDevF1)} | ${f(a.toxWikiAuroc)} / ${f(a.toxTweetOffAuroc)} / ${f(a.toxDevAuroc)} | ${f(a.harmTestF1)} / ${f(a.harmDevF1)} | ${a.trainCpuS.toFixed(0)} |`);
  return `${head}\n${lines.join('\n')}`;
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Best-of-three CPU µs per call of `run(i)` over `n` calls. */
function bestOf3(n: number, run: (i: number) => void): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = cpuUs();
    for (let i = 0; i < n; i++) run(i);
    best = Math.min(best, (cpuUs() - t) / n);
  }
  return best;
}

/** Reads `bytes` of a buffer at cache-line stride, pushing other data out of the caches. */
function evictor(bytes: number): () => number {
  const buf = new Int32Array(bytes / 4);
  for (let i = 0; i < buf.length; i++) buf[i] = i;
  return () => {
    let s = 0;
    for (let i = 0; i < buf.length; i += 16) s += buf[i]!;
    return s;
  };
}

function measureSpeed(config: VectorizerConfig, outputs: readonly string[]): SpeedResult {
  const vz = createVectorizer(config);
  const normalized = outputs.map((o) => normalizeText(o));
  const n = outputs.length;
  // Warm-up, then normalise + vectorise (the bench's "normalise + vectorise output" stage).
  for (const o of outputs) vz.vectorize(o);
  const vectorizeUs = bestOf3(n, (i) => vz.vectorize(outputs[i]!));
  const vectors: SparseVector[] = normalized.map((t) => {
    const v = vz.vectorizeNormalized(t);
    return { indices: v.indices.slice(), values: v.values.slice() };
  });
  const nnz = vectors.reduce((a, v) => a + v.indices.length, 0) / n;
  // Ten int8 weight rows over the hash dimension, as the fused output models (weights random:
  // the cost depends on the shape and the vector, not on the values).
  const rng = createPrng(3);
  const models = [3, 1, 1, 1, 1, 1, 1, 1].map((rows) => {
    const m = createLinearModel(rows === 1 ? 'binary' : 'softmax', rows === 1 ? ['a', 'b'] : ['a', 'b', 'c'], config.dim);
    for (let j = 0; j < m.weights.length; j++) m.weights[j] = Math.round((rng() * 2 - 1) * 127) / 1270;
    return m;
  });
  const fused = createFusedLinear(models, config.dim);
  let sink = 0;
  for (const v of vectors) sink += fused.predictAll(v)[0]![0]!;
  const scoreWarmUs = bestOf3(n, (i) => { sink += fused.predictAll(vectors[i]!)[0]![0]!; });
  const evict = evictor(6 << 20);
  const overhead = bestOf3(50, () => { const t = cpuUs(); sink += cpuUs() - t; });
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let total = 0;
    for (let i = 0; i < 300; i++) {
      sink += evict();
      const t = cpuUs();
      sink += fused.predictAll(vectors[i % n]!)[0]![0]!;
      total += cpuUs() - t;
    }
    best = Math.min(best, total / 300 - overhead);
  }
  if (sink === 42.4242) process.stderr.write('');
  return { vectorizeUs, nnz, scoreWarmUs, scoreEvictedUs: best };
}

function refusalAccuracy(vz: Vectorizer, seedOffset: number): Pick<AccuracyResult, 'refusalEvalF1' | 'refusalDevF1'> {
  const all = refusalRows(1);
  const train = all.filter((r) => !r.dev);
  const dev = all.filter((r) => r.dev && r.source === 'gptfuzz');
  const rows = featurize(train.map((r) => r.text), vz, refusalFeatures);
  const model = trainLinear({
    rows, labels: train.map((r) => r.label), classes: REFUSAL_CLASSES, dim: vz.config.dim + REFUSAL_FEATURE_NAMES.length,
    kind: 'softmax', classWeights: 'balanced', sampleWeights: train.map((r) => r.weight), seed: 1 + seedOffset, l2: 1e-5, epochs: 8, learningRate: 0.3,
  });
  const draft: LoadedModel = { name: 'refusal', task: 'refusal', model, vectorizer: vz.config, extraFeatures: [...REFUSAL_FEATURE_NAMES], metadata: {} };
  const shipped = decodeModel(JSON.parse(JSON.stringify(encodeModel(draft))));
  const score = (texts: string[]) => featurize(texts, vz, refusalFeatures).map((v) => 1 - predictProba(shipped.model, v)[0]!);
  const ev = loadGptfuzzResponses('evaluate');
  return {
    refusalEvalF1: binaryMetrics(score(ev.map((r) => r.response)), ev.map((r) => !r.jailbroken)).f1,
    refusalDevF1: binaryMetrics(score(dev.map((r) => r.text)), dev.map((r) => r.label !== 'comply')).f1,
  };
}

function toxicityAccuracy(vz: Vectorizer, data: ReturnType<typeof loadToxicitySplits>, seedOffset: number): Pick<AccuracyResult, 'toxWikiAuroc' | 'toxTweetOffAuroc' | 'toxDevAuroc'> {
  const t = TOXICITY_TRAINING;
  const family = (source: string) => source.split('/')[0] ?? source;
  const vec = createVectorCache(vz);
  const model = trainAndShip({
    name: 'toxicity', task: 'toxicity', vectorizer: vz, metadata: {},
    rows: data.train.map((r) => vec(r.text)), labels: data.train.map((r) => r.label), classes: ['clean', 'toxic'],
    l2: t.l2, epochs: t.epochs, learningRate: t.learningRate, seed: t.seed + seedOffset, classWeights: 'balanced',
    sampleWeights: data.train.map((r) => t.sourceWeights[r.source] ?? t.sourceWeights[family(r.source)] ?? 1),
    encode: MAIN_ENCODING,
  });
  const score = (text: string) => predictProba(model.model, vec(text))[1]!;
  return {
    toxWikiAuroc: reportOn(data.wikiTest, score).auroc,
    toxTweetOffAuroc: reportOn(data.tweetOffensiveTest, score).auroc,
    toxDevAuroc: reportOn(data.dev, score).auroc,
  };
}

/**
 * Harm category with the shipped recipe's chosen settings (l2 1e-5, 20 epochs, step 0.1, benign
 * shift 0): the average of `seeds` runs (the shipped model averages five; one is a cheaper proxy).
 * The build's grid search and shift choice on dev are not re-run.
 */
function harmAccuracy(vz: Vectorizer, data: ReturnType<typeof loadHarmSplits>, seeds: readonly number[]): Pick<AccuracyResult, 'harmTestF1' | 'harmDevF1'> {
  const vec = createVectorCache(vz);
  const trainRows = [...data.train, ...LEXICON];
  const model = trainAveragedAndShip({
    name: HARM_CATEGORY_MODEL_NAME, task: 'harm_category', vectorizer: vz, metadata: {}, classes: [...HARM_CATEGORIES],
    kind: 'softmax', classWeights: 'balanced', encode: HARM_ENCODING, l2: 1e-5, epochs: 20, learningRate: 0.1,
    rows: trainRows.map((r) => vec(r.text)), labels: trainRows.map((r) => r.label),
  }, seeds);
  const scorer = createHarmCategoryScorer(model);
  const top = (t: string) => scorer.scoreVector(vec(t)).top;
  return { harmTestF1: harmReport(data.test, top).macroF1Hazards, harmDevF1: harmReport(data.dev, top).macroF1Hazards };
}

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const candidates = selectCandidates(flag(argv, '--only'));
  const tasks = new Set((flag(argv, '--tasks') ?? 'refusal,toxicity').split(','));
  const outputs = makeItems(1000, 1).map((x) => x.output);
  const tox = tasks.has('toxicity') ? loadToxicitySplits() : undefined;
  const harm = tasks.has('harm') ? loadHarmSplits() : undefined;
  // --seed-offset k shifts the trainers' shuffle seeds (the data stay the same): run-to-run noise.
  const seedOffset = Number(flag(argv, '--seed-offset') ?? 0);
  const harmSeeds = HARM_SEEDS.slice(0, Number(flag(argv, '--harm-seeds') ?? 1)).map((s) => s + seedOffset);
  const results: { c: Candidate; speed: SpeedResult; acc: AccuracyResult }[] = [];
  for (const c of candidates) {
    const speed = measureSpeed(c.config, outputs);
    const vz = createVectorizer(c.config);
    const t = cpuUs();
    const acc: AccuracyResult = { trainCpuS: 0 };
    if (tasks.has('refusal')) Object.assign(acc, refusalAccuracy(vz, seedOffset));
    if (tox) Object.assign(acc, toxicityAccuracy(vz, tox, seedOffset));
    if (harm) Object.assign(acc, harmAccuracy(vz, harm, harmSeeds));
    acc.trainCpuS = (cpuUs() - t) / 1e6;
    results.push({ c, speed, acc });
    process.stderr.write(`${c.name}: ${JSON.stringify({ speed, acc })}\n`);
  }
  process.stdout.write(`${resultTable(results)}\n`);
}

runIfMain(import.meta.url, main);
