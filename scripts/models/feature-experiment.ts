/**
 * Feature-set experiment: which vectoriser settings keep the shipped models as accurate as today
 * while making vectorising and scoring cheaper? Results: docs/classifier-speed.md.
 *   nice -n 10 npx tsx scripts/models/feature-experiment.ts [--only base,c4,...]
 *     [--tasks refusal,toxicity,harm | none] [--harm-seeds 1..5] [--seed-offset K] [--rounds N]
 *     [--refusal-hyper l2,epochs,step]
 *
 * Speed (skipped with --rounds 0): CPU µs per ~1 KB bench output (bench/classify.ts makeItems,
 * process.cpuUsage), candidates interleaved over N rounds (default 7): normalise + vectorise, the
 * vector's non-zero count, and a fused 10-row int8 scorer over the candidate's hash dimension (the
 * shape of the shipped output models; random weights), once warm and once after each item has
 * read 6 MB of other memory, as the other stages do inside the suite.
 *
 * Accuracy (skipped with --tasks none): for each candidate, retrains with the build scripts'
 * recipes and data, round-trips through the quantised model file format, and reports the metrics
 * the shipped models are judged on: refusal (build-refusal.ts) F1 on gptfuzz `evaluate` and dev
 * gptfuzz; toxicity main model (build-toxicity.ts) AUROC on Wikipedia Talk test, TweetEval
 * offensive test and dev; with `harm` in --tasks, harm category (build-harm-category.ts chosen
 * settings, averaged over the first --harm-seeds of its five seeds, default 1) macro-F1 over
 * S1–S13 on test and dev. --seed-offset shifts the trainers' shuffle seeds to show run-to-run noise.
 * Nothing is written to models/; the tables go to stdout.
 */
import { createVectorizer, DEFAULT_VECTORIZER, type Vectorizer, type VectorizerConfig } from '../../src/core/classify/text/vectorize.js';
import type { SparseVector } from '../../src/core/classify/text/sparse.js';
import { trainLinear } from '../../src/core/classify/model/train.js';
import { predictProba, createLinearModel } from '../../src/core/classify/model/linear.js';
import { binaryMetrics } from '../../src/core/classify/model/metrics.js';
import { createFusedLinear, type FusedLinear } from '../../src/core/classify/model/fused.js';
import { loadavg } from 'node:os';
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
  candidate('wb4', 'word 1–2, char 4 within words, 2^18', { charNgramMin: 4, charNgramMax: 4, charWordBoundary: true }),
  candidate('wb45', 'word 1–2, char 4–5 within words, 2^18', { charNgramMin: 4, charNgramMax: 5, charWordBoundary: true }),
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
  /** Mean non-zero features per output. */
  nnz: number;
  /** Per round: CPU µs per output. */
  vectorizeUs: number[];
  scoreWarmUs: number[];
  scoreEvictedUs: number[];
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

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Markdown table of accuracy per candidate; a metric not measured is shown as "—". */
export function accuracyTable(rows: readonly { c: Candidate; acc: AccuracyResult }[]): string {
  const f = (x: number | undefined) => (x === undefined ? '—' : fmt(x));
  const head = '| candidate | settings | refusal F1 gptfuzz eval / dev | toxicity AUROC Wiki test / TweetEval off. test / dev | harm macro-F1 test / dev | train CPU s |\n' +
    '|---|---|---|---|---|---|';
  const lines = rows.map(({ c, acc: a }) =>
    `| ${c.name} | ${c.description} | ${f(a.refusalEvalF1)} / ${f(a.refusalDevF1)} | ${f(a.toxWikiAuroc)} / ${f(a.toxTweetOffAuroc)} / ${f(a.toxDevAuroc)} | ` +
    `${f(a.harmTestF1)} / ${f(a.harmDevF1)} | ${a.trainCpuS.toFixed(0)} |`);
  return `${head}\n${lines.join('\n')}`;
}

/**
 * Markdown table of CPU µs per output, median (min) over rounds, and the vectorise + evicted-score
 * sum against the first row (the baseline when it is first).
 */
export function speedTable(rows: readonly { c: Candidate; speed: SpeedResult }[]): string {
  const mm = (xs: readonly number[]) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)})`;
  const sum = (s: SpeedResult) => median(s.vectorizeUs) + median(s.scoreEvictedUs);
  const ref = rows[0] ? sum(rows[0].speed) : NaN;
  const head = '| candidate | settings | non-zeros | normalise + vectorise µs | score µs warm | score µs evicted | vectorise + evicted score µs | vs first row |\n' +
    '|---|---|---|---|---|---|---|---|';
  const lines = rows.map(({ c, speed: s }) =>
    `| ${c.name} | ${c.description} | ${s.nnz.toFixed(0)} | ${mm(s.vectorizeUs)} | ${mm(s.scoreWarmUs)} | ${mm(s.scoreEvictedUs)} | ${sum(s).toFixed(0)} | ${(ref / sum(s)).toFixed(2)}× |`);
  return `${head}\n${lines.join('\n')}`;
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** CPU µs per call of `run(i)` over `n` calls. */
function perCall(n: number, run: (i: number) => void): number {
  const t = cpuUs();
  for (let i = 0; i < n; i++) run(i);
  return (cpuUs() - t) / n;
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

interface SpeedRig {
  vz: Vectorizer;
  vectors: SparseVector[];
  fused: FusedLinear;
}

function speedRig(config: VectorizerConfig, outputs: readonly string[]): SpeedRig {
  const vz = createVectorizer(config);
  for (const o of outputs) vz.vectorize(o);
  const vectors: SparseVector[] = outputs.map((o) => {
    const v = vz.vectorize(o);
    return { indices: v.indices.slice(), values: v.values.slice() };
  });
  // Ten int8 weight rows over the hash dimension, as the fused output models (weights random:
  // the cost depends on the shape and the vector, not on the values).
  const rng = createPrng(3);
  const models = [3, 1, 1, 1, 1, 1, 1, 1].map((rows) => {
    const m = createLinearModel(rows === 1 ? 'binary' : 'softmax', rows === 1 ? ['a', 'b'] : ['a', 'b', 'c'], config.dim);
    for (let j = 0; j < m.weights.length; j++) m.weights[j] = Math.round((rng() * 2 - 1) * 127) / 1270;
    return m;
  });
  const fused = createFusedLinear(models, config.dim);
  for (const v of vectors) fused.predictAll(v);
  return { vz, vectors, fused };
}

let sink = 0;

/** One round: normalise + vectorise every output, score every vector warm, and 300 after eviction. */
function speedRound(rig: SpeedRig, outputs: readonly string[], evict: () => number, overheadUs: number): [number, number, number] {
  const { vz, vectors, fused } = rig;
  const vectorizeUs = perCall(outputs.length, (i) => { sink += vz.vectorize(outputs[i]!).indices.length; });
  const warmUs = perCall(vectors.length, (i) => { sink += fused.predictAll(vectors[i]!)[0]![0]!; });
  let total = 0;
  const n = 300;
  for (let i = 0; i < n; i++) {
    sink += evict();
    const t = cpuUs();
    sink += fused.predictAll(vectors[(i * 7) % vectors.length]!)[0]![0]!;
    total += cpuUs() - t;
  }
  return [vectorizeUs, warmUs, total / n - overheadUs];
}

/** Candidates measured in interleaved rounds (order rotated each round), so load swings hit all alike. */
function measureSpeeds(candidates: readonly Candidate[], outputs: readonly string[], rounds: number): SpeedResult[] {
  const rigs = candidates.map((c) => speedRig(c.config, outputs));
  const evict = evictor(6 << 20);
  let overheadUs = Infinity;
  for (let r = 0; r < 5; r++) overheadUs = Math.min(overheadUs, perCall(200, () => { const t = cpuUs(); sink += cpuUs() - t; }));
  const results: SpeedResult[] = rigs.map((rig) => ({
    nnz: rig.vectors.reduce((a, v) => a + v.indices.length, 0) / rig.vectors.length, vectorizeUs: [], scoreWarmUs: [], scoreEvictedUs: [],
  }));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < rigs.length; k++) {
      const at = (k + round) % rigs.length;
      const [v, w, e] = speedRound(rigs[at]!, outputs, evict, overheadUs);
      results[at]!.vectorizeUs.push(v);
      results[at]!.scoreWarmUs.push(w);
      results[at]!.scoreEvictedUs.push(e);
    }
    process.stderr.write(`speed round ${round + 1}/${rounds} done\n`);
  }
  if (sink === 0.5) process.stderr.write('');
  return results;
}

/** build-refusal.ts hyper-parameters; --refusal-hyper l2,epochs,step overrides them (choose on dev, not on evaluate). */
const REFUSAL_HYPER = { l2: 1e-5, epochs: 8, learningRate: 0.3 };

function refusalAccuracy(vz: Vectorizer, seedOffset: number, hyper = REFUSAL_HYPER): Pick<AccuracyResult, 'refusalEvalF1' | 'refusalDevF1'> {
  const all = refusalRows(1);
  const train = all.filter((r) => !r.dev);
  const dev = all.filter((r) => r.dev && r.source === 'gptfuzz');
  const rows = featurize(train.map((r) => r.text), vz, refusalFeatures);
  const model = trainLinear({
    rows, labels: train.map((r) => r.label), classes: REFUSAL_CLASSES, dim: vz.config.dim + REFUSAL_FEATURE_NAMES.length,
    kind: 'softmax', classWeights: 'balanced', sampleWeights: train.map((r) => r.weight), seed: 1 + seedOffset, ...hyper,
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
  const tasks = new Set((flag(argv, '--tasks') ?? 'refusal,toxicity').split(',').filter((t) => t && t !== 'none'));
  // --seed-offset k shifts the trainers' shuffle seeds (the data stay the same): run-to-run noise.
  const seedOffset = Number(flag(argv, '--seed-offset') ?? 0);
  const harmSeeds = HARM_SEEDS.slice(0, Number(flag(argv, '--harm-seeds') ?? 1)).map((s) => s + seedOffset);
  const rounds = Number(flag(argv, '--rounds') ?? 7);
  const rh = flag(argv, '--refusal-hyper')?.split(',').map(Number);
  const refusalHyper = rh ? { l2: rh[0]!, epochs: rh[1]!, learningRate: rh[2]! } : REFUSAL_HYPER;
  if (rounds > 0) {
    const outputs = makeItems(1000, 1).map((x) => x.output);
    const speeds = measureSpeeds(candidates, outputs, rounds);
    process.stdout.write(`Speed: CPU µs per ~1 KB output, median (min) of ${rounds} interleaved rounds; 1-minute load average at the end ${loadavg()[0]!.toFixed(1)}.\n\n`);
    process.stdout.write(`${speedTable(candidates.map((c, i) => ({ c, speed: speeds[i]! })))}\n\n`);
  }
  if (tasks.size === 0) return;
  const tox = tasks.has('toxicity') ? loadToxicitySplits() : undefined;
  const harm = tasks.has('harm') ? loadHarmSplits() : undefined;
  const results: { c: Candidate; acc: AccuracyResult }[] = [];
  for (const c of candidates) {
    const vz = createVectorizer(c.config);
    const t = cpuUs();
    const acc: AccuracyResult = { trainCpuS: 0 };
    if (tasks.has('refusal')) Object.assign(acc, refusalAccuracy(vz, seedOffset, refusalHyper));
    if (tox) Object.assign(acc, toxicityAccuracy(vz, tox, seedOffset));
    if (harm) Object.assign(acc, harmAccuracy(vz, harm, harmSeeds));
    acc.trainCpuS = (cpuUs() - t) / 1e6;
    results.push({ c, acc });
    process.stderr.write(`${c.name}: ${JSON.stringify(acc)}\n`);
  }
  process.stdout.write(`Accuracy (seed offset ${seedOffset}${harm ? `, harm averaged over ${harmSeeds.length} seed(s)` : ''}):\n\n${accuracyTable(results)}\n`);
}

runIfMain(import.meta.url, main);
