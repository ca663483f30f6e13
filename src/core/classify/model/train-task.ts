import { createVectorizer, DEFAULT_VECTORIZER, type VectorizerConfig } from '../text/vectorize.js';
import { appendFeatures, type SparseVector } from '../text/sparse.js';
import { decodeModel, encodeModel, type LoadedModel } from './format.js';
import { argmax, predictProba } from './linear.js';
import { confusionMatrix, macroF1 } from '../metrics.js';
import { binaryMetrics, type BinaryMetrics } from './metrics.js';
import { classesFor, type TaskSpec, type TrainingRow } from './tasks.js';
import { trainLinear } from './train.js';

export interface TrainTaskOptions {
  spec: TaskSpec;
  train: readonly TrainingRow[];
  dev?: readonly TrainingRow[] | undefined;
  seed?: number;
  epochs?: number;
  l2?: number;
  learningRate?: number;
  vectorizer?: Partial<VectorizerConfig>;
  /** Free-form facts for the model file and card (data file names, date). */
  metadata?: Record<string, unknown>;
  onProgress?: (stage: 'vectorise' | 'epoch', done: number, total: number) => void;
}

export interface DevReport {
  n: number;
  accuracy: number;
  macroF1: number;
  classes: string[];
  /** Rows are true classes, columns predicted. */
  confusion: number[][];
  /** One-vs-rest metrics per class (score = P(class)). */
  perClass: Record<string, BinaryMetrics>;
}

/**
 * Trains a task model end to end (vectorise, AdaGrad softmax/logistic, dev evaluation) without
 * any I/O; `argus train` reads the files and writes what this returns.
 */
export function trainTaskModel(options: TrainTaskOptions): { loaded: LoadedModel; dev: DevReport | undefined } {
  const { spec } = options;
  const vz = createVectorizer({ ...DEFAULT_VECTORIZER, ...options.vectorizer });
  const hashDim = vz.config.dim;
  const featurize = (rows: readonly TrainingRow[]) => {
    const out: SparseVector[] = [];
    rows.forEach((r, i) => {
      const v = vz.vectorize(r.text);
      out.push(spec.extras ? appendFeatures(v, spec.extras(r.text), hashDim) : v);
      if (i % 500 === 0) options.onProgress?.('vectorise', i, rows.length);
    });
    options.onProgress?.('vectorise', rows.length, rows.length);
    return out;
  };
  const classes = classesFor(spec, options.train);
  const epochs = options.epochs ?? 8;
  const hyper = { l2: options.l2 ?? 1e-5, epochs, learningRate: options.learningRate ?? 0.3, seed: options.seed ?? 1 };
  const model = trainLinear({
    rows: featurize(options.train), labels: options.train.map((r) => r.label), classes,
    dim: hashDim + spec.extraFeatures.length, kind: classes.length === 2 ? 'binary' : 'softmax', classWeights: 'balanced', ...hyper,
    onEpoch: (e) => options.onProgress?.('epoch', e, epochs),
  });
  const loaded: LoadedModel = {
    name: spec.task, task: spec.task, model, vectorizer: vz.config, extraFeatures: [...spec.extraFeatures],
    metadata: { ...options.metadata, ...hyper, trainRows: options.train.length, classes },
  };
  let dev: DevReport | undefined;
  if (options.dev && options.dev.length > 0) {
    // Measure the weights as they will be stored (pruned, 8-bit), not the float ones.
    const stored = decodeModel(encodeModel(loaded)).model;
    const probs = featurize(options.dev).map((v) => predictProba(stored, v));
    const truth = options.dev.map((r) => r.label);
    const predicted = probs.map((p) => classes[argmax(p)]!);
    const confusion = confusionMatrix(truth, predicted, classes);
    const perClass: Record<string, BinaryMetrics> = {};
    classes.forEach((c, k) => (perClass[c] = binaryMetrics(probs.map((p) => p[k]!), truth.map((t) => t === c))));
    dev = { n: truth.length, accuracy: truth.filter((t, i) => t === predicted[i]).length / truth.length, macroF1: macroF1(confusion), classes, confusion: confusion.counts, perClass };
    loaded.metadata.dev = { n: dev.n, accuracy: dev.accuracy, macroF1: dev.macroF1 };
  }
  return { loaded, dev };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** Dev metrics as a Markdown block: per-class P/R/F1/AUROC/AUPRC and the confusion matrix. */
export function devReportMarkdown(dev: DevReport): string {
  const rows = dev.classes.map((c) => {
    const m = dev.perClass[c]!;
    return `| ${c} | ${m.positives} | ${f3(m.precision)} | ${f3(m.recall)} | ${f3(m.f1)} | ${f3(m.auroc)} | ${f3(m.auprc)} |`;
  });
  const cm = dev.confusion.map((r, i) => `| ${dev.classes[i]} | ${r.join(' | ')} |`);
  return [
    `Dev rows: ${dev.n}; accuracy ${f3(dev.accuracy)}; macro-F1 ${f3(dev.macroF1)}.`, '',
    '| class | n | precision | recall | F1 | AUROC | AUPRC |', '|---|---|---|---|---|---|---|', ...rows, '',
    `Confusion (rows true, columns predicted):`, '', `| | ${dev.classes.join(' | ')} |`, `|---|${dev.classes.map(() => '---').join('|')}|`, ...cm,
  ].join('\n');
}

/** A model card for a user-trained model. */
export function taskModelCard(loaded: LoadedModel, dev: DevReport | undefined, facts: { date: string; data: string; devData?: string | undefined }): string {
  const m = loaded.metadata;
  return `# ${loaded.task} model (trained with \`argus train\`)

Linear ${loaded.model.kind === 'binary' ? 'logistic' : 'softmax'} regression over hashed word 1–2-grams and character 3–5-grams of the normalised text${loaded.extraFeatures.length ? ` plus ${loaded.extraFeatures.length} task features (${loaded.extraFeatures.join(', ')})` : ''}. Classes: ${loaded.model.classes.join(', ')}.

Trained: ${facts.date}

## Data

- Training: ${facts.data} (${String(m.trainRows)} rows).
- Dev: ${facts.devData ?? 'none given (pass --dev FILE to measure)'}.

## Training

- AdaGrad SGD, ${String(m.epochs)} epochs, L2 ${String(m.l2)}, step ${String(m.learningRate)}, balanced class weights, seed ${String(m.seed)}; weights pruned and quantised to 8 bits.

## Metrics

${dev ? devReportMarkdown(dev) : 'No dev set was given.'}

## Intended use

- Scoring ${taskSpecReads(loaded.task)} in Argus's classifier stage, in place of the built-in ${loaded.task} model when placed in the models folder.

## Known failure modes

- A linear n-gram model learns the wording of its training data: text in other languages or styles than the training rows will be scored less reliably.
- Dev metrics are only as honest as the split: keep rows about the same prompt on one side.
`;
}

function taskSpecReads(task: string): string {
  return ['jailbreak', 'harm_category'].includes(task) ? 'requests' : 'model outputs';
}
