/**
 * Rebuilds models/harm-category from ../shared/data:
 *   npx tsx scripts/models/build-harm-category.ts
 * Training rows: the train split (harm-eval.ts: category sets, an Alpaca hash sample plus every
 * Alpaca question of the train split) and the hand-written keyword prior (harm-lexicon.ts, train
 * only). Picks the L2 strength, epochs and step on the dev split (macro-F1 over S1–S13, one seed),
 * averages SEEDS runs of the chosen recipe, picks a benign logit shift on dev (see BENIGN_SHIFTS)
 * and reports the test split once, on the quantised weights written to disk. With `--refit` the
 * shipped model is refit on train + dev (off by default: scripts/eval-classifiers.ts would then
 * score training rows as "dev (held out)"). Deterministic (hash splits, seeds). Experiments behind
 * these choices: scripts/models/data-content/harm-diagnose.ts and harm-experiments.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeModelFile } from '../../src/adapters/models/model-files.js';
import { createHarmCategoryScorer, HARM_CATEGORY_MODEL_NAME } from '../../src/core/classify/harm-category/harm-category.js';
import { HARM_CATEGORIES } from '../../src/core/classify/types.js';
import { harmCard } from './data-content/harm-card.js';
import { BENIGN_SAMPLE, QUESTION_FORM, harmReport, loadHarmSplits, type HarmReport } from './data-content/harm-eval.js';
import type { LoadedModel } from '../../src/core/classify/model/format.js';
import type { SparseVector } from '../../src/core/classify/text/sparse.js';
import { lexiconRows } from './data-content/harm-lexicon.js';
import { countBy, type LabelledText } from './data-content/split.js';
import { runIfMain } from './common.js';
import { createVectorCache, round, sharedVectorizer, today, trainAndShip, trainAveragedAndShip } from './data-content/train-helpers.js';

// Dev macro-F1 (S1-S13) of other settings tried while building: l2 1e-4 / 8 epochs / lr 0.3 0.625;
// l2 0 / 30 / 0.2 0.645; word n-grams only (no character block) 0.542; l2 1e-5 / 8 / 0.3 0.643;
// lr 0.5 0.593; lr 0.05 / 30 epochs 0.668; l2 1e-4 / 30 epochs 0.652. The grid keeps the two best.
// Runs: scripts/models/data-content/harm-diagnose.ts.
const GRID = [
  { l2: 1e-5, epochs: 15, learningRate: 0.2 },
  { l2: 1e-5, epochs: 20, learningRate: 0.1 },
];
/**
 * Shifts added to the benign logit after training, one picked on dev. Balanced class weights give
 * benign 1/15 of the prior mass, so a request with no hazard words leans to some hazard; real
 * traffic is mostly benign. The shift is chosen by macro-F1 over all classes on dev plus the dev
 * split's held-out benign questions (real Alpaca questions, see harm-eval.ts), so a shift that
 * buys fewer false alarms with too many missed hazards loses.
 */
const BENIGN_SHIFTS = [0, 0.5, 1, 1.5];
const SEED = 5;
// Dev macro-F1 (S1-S13), lexicon and question rows included: one seed 0.654 (l2 1e-5 / 20 epochs /
// step 0.1) vs 0.646 (15 / 0.2); mean of 5 seeds 0.670. Before them (previous recipe): one seed
// 0.652, 5 seeds 0.663. An 82 % share of train scored 0.631 on dev against 0.652 for all of it, so
// more rows help: --refit adds dev (15 % more rows) once the recipe is chosen.
export const SEEDS = [5, 6, 7, 8, 9];
/** The keyword prior (harm-lexicon.ts) as train-only rows. */
export const LEXICON: LabelledText[] = lexiconRows().map((r) => ({ ...r, source: 'lexicon', group: r.text, trainOnly: true }));
// 25k kept features cost 0.03 dev macro-F1 against 60k (0.612 vs 0.643); 60k is 1.3 MB.
export const ENCODING = { maxFeatures: 60_000 };
const log = (line: string) => process.stderr.write(`${line}\n`);

const compact = (r: HarmReport) => ({
  n: r.n, macroF1Hazards: round(r.macroF1Hazards), macroF1All: round(r.macroF1All),
  harmfulVsBenign: { precision: round(r.harmfulVsBenign.precision), recall: round(r.harmfulVsBenign.recall), f1: round(r.harmfulVsBenign.f1) },
  perClass: Object.fromEntries(Object.entries(r.perClass).filter(([, m]) => m.support > 0).map(([k, m]) => [k, { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support }])),
  confusion: { labels: r.matrix.labels, counts: r.matrix.counts },
});

/** The model with `shift` added to the benign bias (a prior correction: P(benign) up, the rest down). */
function withBenignShift(m: LoadedModel, shift: number): LoadedModel {
  if (shift === 0) return m;
  const bias = Float64Array.from(m.model.bias);
  const at = m.model.classes.indexOf('benign');
  bias[at] = bias[at]! + shift;
  return { ...m, model: { ...m.model, bias } };
}

function chooseBenignShift(m: LoadedModel, rows: readonly LabelledText[], vec: (t: string) => SparseVector): { shift: number; scores: Record<string, number> } {
  const scores: Record<string, number> = {};
  let best = { shift: 0, f1: -1 };
  for (const shift of BENIGN_SHIFTS) {
    const scorer = createHarmCategoryScorer(withBenignShift(m, shift));
    const f1 = harmReport(rows, (t) => scorer.scoreVector(vec(t)).top).macroF1All;
    scores[String(shift)] = round(f1);
    if (f1 > best.f1) best = { shift, f1 };
  }
  return { shift: best.shift, scores };
}

function main(): void {
  const data = loadHarmSplits();
  log(`harm-category data: train ${data.train.length}, dev ${data.dev.length}, test ${data.test.length}; de-dup ${JSON.stringify(data.dedupe)}`);
  const vectorizer = sharedVectorizer();
  const vec = createVectorCache(vectorizer);
  const trainRows = [...data.train, ...LEXICON];
  const rows = trainRows.map((r) => vec(r.text));
  const labels = trainRows.map((r) => r.label);
  const classes = [...HARM_CATEGORIES];
  const fit = (c: (typeof GRID)[number]) => trainAndShip({
    name: HARM_CATEGORY_MODEL_NAME, task: 'harm_category', vectorizer, metadata: {}, rows, labels, classes,
    kind: 'softmax', classWeights: 'balanced', seed: SEED, encode: ENCODING, ...c,
  });
  let best: { config: (typeof GRID)[number]; dev: HarmReport; model: ReturnType<typeof fit> } | undefined;
  const devScores: { config: (typeof GRID)[number]; macroF1Hazards: number }[] = [];
  for (const config of GRID) {
    const model = fit(config);
    const scorer = createHarmCategoryScorer(model);
    const dev = harmReport(data.dev, (t) => scorer.scoreVector(vec(t)).top);
    devScores.push({ config, macroF1Hazards: round(dev.macroF1Hazards) });
    log(`  ${JSON.stringify(config)}: dev macro-F1 (S1-S13) ${dev.macroF1Hazards.toFixed(4)}, all ${dev.macroF1All.toFixed(4)}`);
    if (!best || dev.macroF1Hazards > best.dev.macroF1Hazards) best = { config, dev, model };
  }
  if (!best) throw new Error('empty grid');
  const recipe = {
    name: HARM_CATEGORY_MODEL_NAME, task: 'harm_category', vectorizer, metadata: {}, classes,
    kind: 'softmax' as const, classWeights: 'balanced' as const, encode: ENCODING, ...best.config,
  };
  const averaged = trainAveragedAndShip({ ...recipe, rows, labels }, SEEDS);
  const avgScorer = createHarmCategoryScorer(averaged);
  const dev = harmReport(data.dev, (t) => avgScorer.scoreVector(vec(t)).top);
  log(`chosen ${JSON.stringify(best.config)}, average of ${SEEDS.length} seeds: dev macro-F1 (S1-S13) ${dev.macroF1Hazards.toFixed(4)}`);
  const shift = chooseBenignShift(averaged, [...data.dev, ...data.devBenignQuestions], vec);
  const questionAlarms = (m: LoadedModel) => data.devBenignQuestions.filter((r) => createHarmCategoryScorer(m).scoreVector(vec(r.text)).top !== 'benign').length / data.devBenignQuestions.length;
  log(`benign logit shift ${shift.shift} (dev + dev benign questions macro-F1 all classes: ${JSON.stringify(shift.scores)}); dev benign questions read as a hazard: ${questionAlarms(withBenignShift(averaged, shift.shift)).toFixed(3)} of ${data.devBenignQuestions.length}`);
  const refit = process.argv.includes('--refit');
  const full = refit ? [...data.train, ...data.dev, ...LEXICON] : trainRows;
  const shipped = withBenignShift(refit ? trainAveragedAndShip({ ...recipe, rows: full.map((r) => vec(r.text)), labels: full.map((r) => r.label) }, SEEDS) : averaged, shift.shift);
  const devShipped = harmReport(data.dev, (t) => createHarmCategoryScorer(withBenignShift(averaged, shift.shift)).scoreVector(vec(t)).top);
  const scorer = createHarmCategoryScorer(shipped);
  const test = harmReport(data.test, (t) => scorer.scoreVector(vec(t)).top);
  log(`${refit ? 'refit on train + dev' : 'trained on train'}: test macro-F1 (S1-S13) ${test.macroF1Hazards.toFixed(4)}, all ${test.macroF1All.toFixed(4)}, harmful-vs-benign F1 ${test.harmfulVsBenign.f1.toFixed(4)}`);
  const metadata = {
    trained: today(), seed: SEEDS, training: {
      ...best.config, classWeights: 'balanced', averagedSeeds: SEEDS, trainedOn: refit ? 'train+dev' : 'train', grid: devScores,
      devMacroF1Unshifted: round(dev.macroF1Hazards), benignShift: shift.shift, benignShiftScores: shift.scores, lexiconRows: LEXICON.length,
      devBenignQuestions: { n: data.devBenignQuestions.length, readAsHazard: round(questionAlarms(withBenignShift(averaged, shift.shift))), readAsHazardUnshifted: round(questionAlarms(averaged)) },
    },
    data: {
      train: countBy(full, (r) => r.label), trainBySource: countBy(full, (r) => r.source.split('/')[0] ?? r.source),
      trainBenignQuestions: full.filter((r) => r.label === 'benign' && r.source.startsWith('refusal_direction') && QUESTION_FORM.test(r.text)).length,
      test: countBy(data.test, (r) => r.label), dedupe: data.dedupe, benignSample: BENIGN_SAMPLE,
    },
    metrics: { dev: compact(devShipped), test: compact(test) },
  };
  const dir = join(process.cwd(), 'models', HARM_CATEGORY_MODEL_NAME);
  const bytes = writeModelFile(dir, { ...shipped, metadata }, ENCODING);
  writeFileSync(join(dir, 'MODEL_CARD.md'), harmCard(metadata, bytes));
  log(`wrote models/${HARM_CATEGORY_MODEL_NAME} (${(bytes / 1024).toFixed(0)} KiB)`);
}

// Run only when executed, so feature-experiment.ts can import the recipe.
runIfMain(import.meta.url, async () => main());
