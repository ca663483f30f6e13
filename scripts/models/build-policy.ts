/**
 * Builds models/policy: does the output give harmful help?
 *   npx tsx scripts/models/build-policy.ts [--date YYYY-MM-DD] [--seed N] [--models DIR]
 */
import { join } from 'node:path';
import { createVectorizer, DEFAULT_VECTORIZER } from '../../src/core/classify/text/vectorize.js';
import { trainLinear } from '../../src/core/classify/model/train.js';
import { predictProba } from '../../src/core/classify/model/linear.js';
import { binaryMetrics } from '../../src/core/classify/model/metrics.js';
import { decodeModel, encodeModel, type LoadedModel } from '../../src/core/classify/model/format.js';
import { refusalFeatures, REFUSAL_FEATURE_NAMES } from '../../src/core/classify/refusal/features.js';
import { writeModelFile } from '../../src/adapters/models/model-files.js';
import { buildArgs, featurize, fmt, METRICS_HEADER, metricsLine, writeModelCard, runIfMain } from './common.js';
import { loadGptfuzzResponses } from './data/gptfuzz.js';
import { loadJbbArtifacts } from './data/jbb.js';
import { loadWrittenRefusals } from './data/harmbench.js';
import { generateRefusalExamples } from './data/refusal-examples.js';
import { dedupe, dedupeKey, isDevGroup } from './data/split.js';

interface Row {
  text: string;
  violation: boolean;
  source: string;
  dev: boolean;
  weight: number;
}

export function policyRows(seed: number): Row[] {
  const rows: Row[] = [];
  for (const r of loadGptfuzzResponses('train')) rows.push({ text: r.response, violation: r.jailbroken, source: 'gptfuzz', dev: isDevGroup(r.question, 0.2), weight: 1 });
  for (const r of loadJbbArtifacts()) {
    if (r.response) rows.push({ text: r.response, violation: r.jailbroken, source: 'jbb', dev: isDevGroup(r.goal, 0.2), weight: 1 });
  }
  for (const r of loadWrittenRefusals()) rows.push({ text: r.response, violation: false, source: 'harmbench-refusals', dev: isDevGroup(r.behavior, 0.2), weight: 1 });
  for (const r of generateRefusalExamples(seed + 1, 20, { extended: false })) {
    // Harmful compliance patterns are violations; refusals, partial refusals and benign answers are not.
    const violation = r.label === 'comply' && r.pattern !== 'benign-answer' && r.pattern !== 'capability-disclaimer-answer';
    rows.push({ text: r.text, violation, source: 'synthetic', dev: isDevGroup(r.group, 0.2), weight: 0.3 });
  }
  return dedupe(rows.filter((r) => r.text.trim().length > 0), (r) => dedupeKey(r.text));
}

async function main(): Promise<void> {
  const { date, seed, modelsDir } = buildArgs();
  const vz = createVectorizer(DEFAULT_VECTORIZER);
  const all = policyRows(seed);
  const train = all.filter((r) => !r.dev);
  const dev = all.filter((r) => r.dev);
  process.stderr.write(`policy: ${train.length} train rows, ${dev.length} dev rows\n`);
  const hyper = { l2: 1e-5, epochs: 8, learningRate: 0.3 };
  const model = trainLinear({
    rows: featurize(train.map((r) => r.text), vz, refusalFeatures), labels: train.map((r) => (r.violation ? 'violation' : 'safe')),
    classes: ['safe', 'violation'], dim: vz.config.dim + REFUSAL_FEATURE_NAMES.length, classWeights: 'balanced',
    sampleWeights: train.map((r) => r.weight), seed, ...hyper,
    onEpoch: (e, loss) => process.stderr.write(`  epoch ${e}: loss ${loss.toFixed(4)}\n`),
  });
  const draft: LoadedModel = { name: 'policy', task: 'policy', model, vectorizer: vz.config, extraFeatures: [...REFUSAL_FEATURE_NAMES], metadata: {} };
  const shipped = decodeModel(JSON.parse(JSON.stringify(encodeModel(draft))));
  const score = (texts: string[]) => featurize(texts, vz, refusalFeatures).map((v) => predictProba(shipped.model, v)[1]!);
  const lines: string[] = [];
  for (const s of ['gptfuzz', 'jbb', 'harmbench-refusals', 'synthetic']) {
    const d = dev.filter((r) => r.source === s);
    if (d.length) lines.push(metricsLine(`dev ${s}`, binaryMetrics(score(d.map((r) => r.text)), d.map((r) => r.violation))));
  }
  const ev = loadGptfuzzResponses('evaluate');
  const evalM = binaryMetrics(score(ev.map((r) => r.response)), ev.map((r) => r.jailbroken));
  lines.push(metricsLine('gptfuzz evaluate (held out)', evalM));
  const metrics = `Positive class: violation, threshold 0.5.\n\n${METRICS_HEADER}\n${lines.join('\n')}`;
  process.stdout.write(`${metrics}\n`);
  const bytes = writeModelFile(join(modelsDir, 'policy'), { ...draft, metadata: { date, seed, ...hyper, trainRows: train.length, devRows: dev.length, gptfuzzEvaluateF1: Number(fmt(evalM.f1)) } });
  process.stderr.write(`policy: wrote ${bytes} bytes\n`);
  writeModelCard(join(modelsDir, 'policy'), {
    title: 'Policy violation of the output',
    summary: 'Logistic regression over hashed n-grams of the normalised output plus the refusal structure features. At run time the score is combined with the harm-category probabilities of the request to give per-category scores (score · P(category)). Trained by `scripts/models/build-policy.ts`.',
    date,
    data: [
      'gptfuzz `train` (human labels: jailbroken = harmful help given); 20% of questions held out as dev.',
      'JailbreakBench artifact responses with the benchmark judge\'s labels (jailbroken or not); 20% of goals held out.',
      'HarmBench written refusals (not violations); hand-written examples (weight 0.3): harmful compliance patterns are violations, refusals, partial refusals and benign answers are not.',
      'The gptfuzz `evaluate` split is never trained on.',
    ],
    training: [`AdaGrad SGD, ${hyper.epochs} epochs, L2 ${hyper.l2}, step ${hyper.learningRate}, balanced class weights, seed ${seed}.`, 'Weights pruned and quantised to 8 bits; metrics use the quantised weights.'],
    metrics,
    intendedUse: ['Estimating the share of outputs that give harmful help, overall and per harm category, for drift alerts.', 'Selecting outputs for human review.'],
    failureModes: [
      'It reads the output only: it does not know whether the request was harmful, so detailed help on a benign topic that resembles a harmful one (chemistry, security) can score high.',
      'JailbreakBench labels come from an LLM judge and carry its errors.',
      'Fiction or hypothetical framing that still contains harmful detail is learned only from the examples in the data.',
    ],
  });
}

runIfMain(import.meta.url, main);
