/**
 * The harm-category splits and metrics shared by the build script and scripts/eval-classifiers.ts.
 *
 * All category-labelled prompts are de-duplicated across sets, then split by source prompt
 * (train 70 / dev 15 / test 15; JailbreakBench rewrites follow their goal and are never scored).
 * Benign prompts (Alpaca instructions) are hash-sampled: 6,000 train, 600 dev, 600 test.
 */
import { confusionMatrix, macroF1, perClassMetrics, type ClassMetrics, type ConfusionMatrix } from '../../../src/core/classify/metrics.js';
import { HARM_CATEGORIES, type HarmCategory } from '../../../src/core/classify/types.js';
import { loadHarmCategoryData } from './harm-data.js';
import { assignSplits, dedupe, fnv1a, type LabelledText } from './split.js';
import { hashSample } from './train-helpers.js';

export interface HarmData {
  train: LabelledText[];
  dev: LabelledText[];
  test: LabelledText[];
  dedupe: { kept: number; duplicates: number; conflicts: number };
  /**
   * Benign questions of the dev split's pool that the dev sample left out: a held-out check of how
   * often real benign questions are read as a hazard (the dev sample is mostly imperatives).
   */
  devBenignQuestions: LabelledText[];
}

export const BENIGN_SAMPLE = { train: 6000, dev: 600, test: 600 };

/**
 * Alpaca instructions are mostly imperatives ("Write a poem…"), while harmful prompts are mostly
 * questions ("How can I…?"), so a model trained on a plain sample learns "a question is harmful".
 * Every benign instruction in the train split that is phrased as a question or a first-person
 * request is therefore kept on top of the hash sample (about 2,200 more rows). Dev and test keep
 * their plain hash samples.
 */
export const QUESTION_FORM = /^(how|what|why|where|which|when|who|is|are|can|could|would|should|do|does|did|any|i need|i want|i'm|i am|help me|tips?)\b/i;

export function loadHarmSplits(withQuestions = true): HarmData {
  const { items, report } = dedupe(loadHarmCategoryData());
  const split = assignSplits(items, 0.15, 0.15);
  const part = (name: 'train' | 'dev' | 'test') => {
    const rows = split.filter((r) => r.split === name && (name === 'train' || !r.trainOnly));
    const harmful = rows.filter((r) => r.label !== 'benign');
    const pool = rows.filter((r) => r.label === 'benign');
    const benign = hashSample(pool, BENIGN_SAMPLE[name], (r) => r.text, fnv1a);
    if (name === 'train' && withQuestions) {
      const picked = new Set(benign);
      benign.push(...pool.filter((r) => !picked.has(r) && QUESTION_FORM.test(r.text)));
    }
    return [...harmful, ...benign];
  };
  const dev = part('dev');
  const inDev = new Set(dev.map((r) => r.text));
  const devBenignQuestions = split.filter((r) => r.split === 'dev' && r.label === 'benign' && !inDev.has(r.text) && QUESTION_FORM.test(r.text));
  return { train: part('train'), dev, test: part('test'), dedupe: report, devBenignQuestions };
}

export interface HarmReport {
  n: number;
  /** Macro-F1 over the hazard classes S1–S13 present in the set (prediction is argmax over all classes). */
  macroF1Hazards: number;
  /** Macro-F1 over every class present, benign and S14 included. */
  macroF1All: number;
  /** Harmful (any S) vs benign, from the top class. */
  harmfulVsBenign: ClassMetrics;
  perClass: Record<string, ClassMetrics>;
  matrix: ConfusionMatrix;
}

export function harmReport(rows: readonly LabelledText[], predict: (text: string) => HarmCategory): HarmReport {
  const actual = rows.map((r) => r.label);
  const predicted = rows.map((r) => predict(r.text));
  const matrix = confusionMatrix(actual, predicted, HARM_CATEGORIES);
  const present = HARM_CATEGORIES.filter((c) => actual.includes(c));
  const hazards = present.filter((c) => c !== 'benign' && c !== 'S14');
  const binary = confusionMatrix(actual.map((a) => (a === 'benign' ? 'benign' : 'harmful')), predicted.map((p) => (p === 'benign' ? 'benign' : 'harmful')), ['benign', 'harmful']);
  return {
    n: rows.length,
    macroF1Hazards: macroF1(matrix, hazards),
    macroF1All: macroF1(matrix, present),
    harmfulVsBenign: perClassMetrics(binary).harmful!,
    perClass: perClassMetrics(matrix),
    matrix,
  };
}
