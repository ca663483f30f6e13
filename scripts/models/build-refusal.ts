/**
 * Builds models/refusal: comply / partial / refuse of an output.
 *   npx tsx scripts/models/build-refusal.ts [--date YYYY-MM-DD] [--seed N] [--models DIR]
 * Reads ../shared/data (or $ARGUS_DATA_DIR); never trains on the gptfuzz `evaluate` split.
 */
import { join } from 'node:path';
import { createVectorizer, DEFAULT_VECTORIZER } from '../../src/core/classify/text/vectorize.js';
import { trainLinear } from '../../src/core/classify/model/train.js';
import { predictProba } from '../../src/core/classify/model/linear.js';
import { confusionMatrix } from '../../src/core/classify/metrics.js';
import { binaryMetrics, type BinaryMetrics } from '../../src/core/classify/model/metrics.js';
import { refusalFeatures, REFUSAL_FEATURE_NAMES } from '../../src/core/classify/refusal/features.js';
import { REFUSAL_CLASSES } from '../../src/core/classify/refusal/refusal.js';
import { writeModelFile } from '../../src/adapters/models/model-files.js';
import { decodeModel, encodeModel, type LoadedModel } from '../../src/core/classify/model/format.js';
import { buildArgs, featurize, METRICS_HEADER, metricsLine, writeModelCard, fmt, runIfMain } from './common.js';
import { loadGptfuzzResponses } from './data/gptfuzz.js';
import { loadJbbArtifacts } from './data/jbb.js';
import { loadWrittenRefusals } from './data/harmbench.js';
import { generateRefusalExamples } from './data/refusal-examples.js';
import { loadHhRlhf } from './data/hh-rlhf.js';
import { REFUSAL_CUE } from '../../src/core/classify/refusal/cues.js';
import { dedupe, dedupeKey, isDevGroup } from './data/split.js';

/** Weight of the hand-written examples (refusal-examples.ts) against 1 for the public sets. */
const SYNTHETIC_WEIGHT = 0.5;

interface Row {
  text: string;
  label: 'comply' | 'partial' | 'refuse';
  source: string;
  dev: boolean;
  weight: number;
}

export function refusalRows(seed: number): Row[] {
  const rows: Row[] = [];
  for (const r of loadGptfuzzResponses('train')) {
    rows.push({ text: r.response, label: r.jailbroken ? 'comply' : 'refuse', source: 'gptfuzz', dev: isDevGroup(r.question, 0.2), weight: 1 });
  }
  for (const r of loadWrittenRefusals()) {
    rows.push({ text: r.response, label: 'refuse', source: 'harmbench-refusals', dev: isDevGroup(r.behavior, 0.2), weight: 1 });
  }
  for (const r of loadJbbArtifacts()) {
    if (!r.response || !r.jailbroken) continue;
    rows.push({ text: r.response, label: 'comply', source: 'jbb', dev: isDevGroup(r.goal, 0.2), weight: 1 });
  }
  // hh-rlhf assistant turns without any refusal phrase: ordinary conversational answers, short and
  // long, so that "short" does not come to mean "refusal". Turns with a refusal phrase are left out
  // (no human label says which they are).
  for (const d of loadHhRlhf()) {
    const opener = d.chosen.find((t) => t.role === 'human')?.text ?? '';
    for (const t of [...d.chosen, ...d.rejected]) {
      if (t.role !== 'assistant' || REFUSAL_CUE.test(t.text.toLowerCase().replace(/[\u2018\u2019]/g, "'"))) continue;
      rows.push({ text: t.text, label: 'comply', source: 'hh-rlhf-assistant', dev: isDevGroup(opener, 0.2), weight: 0.3 });
    }
  }
  for (const r of generateRefusalExamples(seed, 40)) {
    rows.push({ text: r.text, label: r.label, source: `synthetic`, dev: isDevGroup(r.group, 0.2), weight: SYNTHETIC_WEIGHT });
  }
  return dedupe(rows.filter((r) => r.text.trim().length > 0), (r) => dedupeKey(r.text));
}

function evaluate(loaded: LoadedModel, texts: string[], refusing: boolean[]): BinaryMetrics {
  const vz = createVectorizer(loaded.vectorizer);
  const scores = featurize(texts, vz, refusalFeatures).map((v) => 1 - predictProba(loaded.model, v)[0]!);
  return binaryMetrics(scores, refusing);
}

async function main(): Promise<void> {
  const { date, seed, modelsDir } = buildArgs();
  const vz = createVectorizer(DEFAULT_VECTORIZER);
  const all = refusalRows(seed);
  const train = all.filter((r) => !r.dev);
  const dev = all.filter((r) => r.dev);
  process.stderr.write(`refusal: ${train.length} train rows, ${dev.length} dev rows\n`);
  const rows = featurize(train.map((r) => r.text), vz, refusalFeatures);
  const hyper = { l2: 1e-5, epochs: 8, learningRate: 0.3 };
  const model = trainLinear({
    rows, labels: train.map((r) => r.label), classes: REFUSAL_CLASSES, dim: vz.config.dim + REFUSAL_FEATURE_NAMES.length,
    kind: 'softmax', classWeights: 'balanced', sampleWeights: train.map((r) => r.weight), seed, ...hyper,
    onEpoch: (e, loss) => process.stderr.write(`  epoch ${e}: loss ${loss.toFixed(4)}\n`),
  });
  const draft: LoadedModel = { name: 'refusal', task: 'refusal', model, vectorizer: vz.config, extraFeatures: [...REFUSAL_FEATURE_NAMES], metadata: {} };
  // Score with the quantised weights that ship, not the float ones.
  const shipped = decodeModel(JSON.parse(JSON.stringify(encodeModel(draft))));
  const lines: string[] = [];
  for (const source of ['gptfuzz', 'jbb', 'harmbench-refusals', 'hh-rlhf-assistant', 'synthetic']) {
    const d = dev.filter((r) => r.source === source);
    if (d.length) lines.push(metricsLine(`dev ${source}`, evaluate(shipped, d.map((r) => r.text), d.map((r) => r.label !== 'comply'))));
  }
  const evalRows = loadGptfuzzResponses('evaluate');
  const evalM = evaluate(shipped, evalRows.map((r) => r.response), evalRows.map((r) => !r.jailbroken));
  lines.push(metricsLine('gptfuzz evaluate (held out)', evalM));
  const synthDev = dev.filter((r) => r.source === 'synthetic');
  const pred = featurize(synthDev.map((r) => r.text), vz, refusalFeatures).map((v) => {
    const p = predictProba(shipped.model, v);
    return REFUSAL_CLASSES[p.indexOf(Math.max(...p))]!;
  });
  const cm = confusionMatrix(synthDev.map((r) => r.label), pred, REFUSAL_CLASSES).counts;
  const metrics = `Positive class: refuse or partial (score = 1 − P(comply)), threshold 0.5.\n\n${METRICS_HEADER}\n${lines.join('\n')}\n\n` +
    `Three-way confusion on the held-out hand-written topics (rows true, columns predicted; ${REFUSAL_CLASSES.join(', ')}): ${JSON.stringify(cm)}`;
  process.stdout.write(`${metrics}\n`);
  const loaded: LoadedModel = {
    ...draft,
    metadata: { date, seed, ...hyper, trainRows: train.length, devRows: dev.length, gptfuzzEvaluateF1: Number(fmt(evalM.f1)) },
  };
  const bytes = writeModelFile(join(modelsDir, 'refusal'), loaded);
  process.stderr.write(`refusal: wrote ${bytes} bytes\n`);
  writeModelCard(join(modelsDir, 'refusal'), {
    title: 'Refusal of the output (comply / partial / refuse)',
    summary: 'Softmax regression over hashed word 1–2-grams and character 3–5-grams of the normalised output, plus 22 structural features (where refusal phrases sit, what follows them, persona switches, lists after a refusal, offers of a safe alternative). Trained by `scripts/models/build-refusal.ts`.',
    date,
    data: [
      'gptfuzz `train` responses (human labels: jailbroken → comply, not → refuse); 20% of questions held out as dev.',
      'JailbreakBench artifacts: responses the judge marked jailbroken → comply (non-jailbroken ones are not used: many comply with a harmless reading).',
      'HarmBench written refusals (200) → refuse.',
      'hh-rlhf harmless-base assistant turns that contain no refusal phrase → comply (weight 0.3), so short conversational answers are not read as refusals.',
      `Hand-written, combinatorially varied examples authored for Argus (scripts/models/data/refusal-examples.ts, topics in refusal-topics.ts): partial refusals, late and reflective refusals, apologetic refusals, refusals that point to outside help (a hotline, a professional) without giving any of the ask, two-persona outputs, disclaimer-wrapped compliance, benign answers; weight ${SYNTHETIC_WEIGHT}; 20% of topics held out. None is copied from the demo simulator's response templates (src/core/simulate), which stay a separate check (scripts/models/eval-demo-prompts.ts).`,
      'Rows de-duplicated on normalised text before splitting; splits are by source prompt / topic.',
      'The gptfuzz `evaluate` split (different questions) is never trained on; it is reported below.',
    ],
    training: [`AdaGrad SGD, ${hyper.epochs} epochs, L2 ${hyper.l2}, step ${hyper.learningRate}, balanced class weights, seed ${seed}.`, 'Weights pruned and quantised to 8 bits; the metrics below use the quantised weights.'],
    metrics,
    intendedUse: ['Tracking refusal rates of a deployed model over time (overall and per harm category) and flagging drops.', 'A fast first pass; route doubtful cases (max probability < 0.7) to the LLM-judge backend or a person.'],
    failureModes: [
      'Partial refusals are learned mostly from hand-written patterns; real partial refusals phrased differently may be read as refuse or comply.',
      'Compliance that never uses a list or a "here is" opener after a refusal, in a single persona, may be scored as refusal.',
      'Non-English outputs: the lexical cues are English; character n-grams carry some signal for other Latin-script languages only.',
      'Refusal is about the form of the answer, not its harm: an answer that complies with a harmless reading of a harmful request is comply.',
    ],
  });
}

runIfMain(import.meta.url, main);
