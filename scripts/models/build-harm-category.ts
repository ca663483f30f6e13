/**
 * Rebuilds models/harm-category from ../shared/data:
 *   npx tsx scripts/models/build-harm-category.ts
 * Picks the L2 strength and epoch count on the dev split (macro-F1 over S1–S13, one seed), measures
 * the shipped recipe (the average of SEEDS runs) on dev and reports the test split once, on the
 * quantised weights written to disk. With `--refit` the shipped model is refit on train + dev
 * (off by default: scripts/eval-classifiers.ts would then score training rows as "dev (held out)"). Deterministic (hash
 * splits, seeds). Experiments behind these choices: scripts/models/data-content/harm-experiments.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeModelFile } from '../../src/adapters/models/model-files.js';
import { createHarmCategoryScorer, HARM_CATEGORY_MODEL_NAME } from '../../src/core/classify/harm-category/harm-category.js';
import { HARM_CATEGORIES } from '../../src/core/classify/types.js';
import { harmCard } from './data-content/harm-card.js';
import { BENIGN_SAMPLE, harmReport, loadHarmSplits, type HarmReport } from './data-content/harm-eval.js';
import { countBy } from './data-content/split.js';
import { createVectorCache, round, sharedVectorizer, today, trainAndShip, trainAveragedAndShip } from './data-content/train-helpers.js';

// Dev macro-F1 (S1-S13) of other settings tried while building: l2 1e-4 / 8 epochs / lr 0.3 0.625;
// l2 0 / 30 / 0.2 0.645; word n-grams only (no character block) 0.542. The grid keeps the two best.
const GRID = [
  { l2: 1e-5, epochs: 8, learningRate: 0.3 },
  { l2: 1e-5, epochs: 15, learningRate: 0.2 },
];
const SEED = 5;
// Dev macro-F1 (S1-S13) of the chosen config: one seed 0.652; mean of 5 seeds 0.663, of 3 seeds
// 0.654. An 82 % share of train scored 0.631 on dev against 0.652 for all of it, so more rows
// help: --refit adds dev (15 % more rows) once the recipe is chosen (test 0.633 -> 0.658 when tried).
const SEEDS = [5, 6, 7, 8, 9];
// 25k kept features cost 0.03 dev macro-F1 against 60k (0.612 vs 0.643); 60k is 1.3 MB.
const ENCODING = { maxFeatures: 60_000 };
const log = (line: string) => process.stderr.write(`${line}\n`);

const compact = (r: HarmReport) => ({
  n: r.n, macroF1Hazards: round(r.macroF1Hazards), macroF1All: round(r.macroF1All),
  harmfulVsBenign: { precision: round(r.harmfulVsBenign.precision), recall: round(r.harmfulVsBenign.recall), f1: round(r.harmfulVsBenign.f1) },
  perClass: Object.fromEntries(Object.entries(r.perClass).filter(([, m]) => m.support > 0).map(([k, m]) => [k, { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support }])),
  confusion: { labels: r.matrix.labels, counts: r.matrix.counts },
});

function main(): void {
  const data = loadHarmSplits();
  log(`harm-category data: train ${data.train.length}, dev ${data.dev.length}, test ${data.test.length}; de-dup ${JSON.stringify(data.dedupe)}`);
  const vectorizer = sharedVectorizer();
  const vec = createVectorCache(vectorizer);
  const rows = data.train.map((r) => vec(r.text));
  const labels = data.train.map((r) => r.label);
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
  const refit = process.argv.includes('--refit');
  const full = refit ? [...data.train, ...data.dev] : data.train;
  const shipped = refit ? trainAveragedAndShip({ ...recipe, rows: full.map((r) => vec(r.text)), labels: full.map((r) => r.label) }, SEEDS) : averaged;
  const scorer = createHarmCategoryScorer(shipped);
  const test = harmReport(data.test, (t) => scorer.scoreVector(vec(t)).top);
  log(`${refit ? 'refit on train + dev' : 'trained on train'}: test macro-F1 (S1-S13) ${test.macroF1Hazards.toFixed(4)}, all ${test.macroF1All.toFixed(4)}, harmful-vs-benign F1 ${test.harmfulVsBenign.f1.toFixed(4)}`);
  const metadata = {
    trained: today(), seed: SEEDS, training: { ...best.config, classWeights: 'balanced', averagedSeeds: SEEDS, trainedOn: refit ? 'train+dev' : 'train', grid: devScores },
    data: {
      train: countBy(full, (r) => r.label), trainBySource: countBy(full, (r) => r.source.split('/')[0] ?? r.source),
      test: countBy(data.test, (r) => r.label), dedupe: data.dedupe, benignSample: BENIGN_SAMPLE,
    },
    metrics: { dev: compact(dev), test: compact(test) },
  };
  const dir = join(process.cwd(), 'models', HARM_CATEGORY_MODEL_NAME);
  const bytes = writeModelFile(dir, { ...shipped, metadata }, ENCODING);
  writeFileSync(join(dir, 'MODEL_CARD.md'), harmCard(metadata, bytes));
  log(`wrote models/${HARM_CATEGORY_MODEL_NAME} (${(bytes / 1024).toFixed(0)} KiB)`);
}

main();
