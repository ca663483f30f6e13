/**
 * Harm category: do the category-labelled sets agree with each other? Trains the shipped linear
 * recipe (one seed) on subsets of the train split and scores dev per source family:
 *   npx tsx scripts/models/experiments/harm-sources.ts
 * - all: every train row (the shipped data);
 * - ailuminate only / other sets only: harmful rows of one side only (benign rows and the keyword
 *   prior kept in both), so the other side's dev score measures transfer across sets.
 * If a set's hazards were learnable from the others, the cross scores would approach the in-set
 * ones. Dev only; the test split is not read. Results: docs/classifiers.md, "Accuracy experiments".
 */
import { confusionMatrix, macroF1 } from '../../../src/core/classify/metrics.js';
import { argmax, predictProba } from '../../../src/core/classify/model/linear.js';
import { trainLinear } from '../../../src/core/classify/model/train.js';
import { HARM_CATEGORIES } from '../../../src/core/classify/types.js';
import { LEXICON } from '../build-harm-category.js';
import { loadHarmSplits } from '../data-content/harm-eval.js';
import type { LabelledText } from '../data-content/split.js';
import { createVectorCache, sharedVectorizer } from '../data-content/train-helpers.js';

const classes = [...HARM_CATEGORIES];
const family = (r: LabelledText) => (r.source.startsWith('ailuminate/en') ? 'ail-en' : r.source.startsWith('ailuminate/fr') ? 'ail-fr' : 'other');

function main(): void {
  const data = loadHarmSplits();
  const vec = createVectorCache(sharedVectorizer());
  const dim = sharedVectorizer().config.dim;
  const subsets: Record<string, (r: LabelledText) => boolean> = {
    all: () => true,
    'ailuminate only': (r) => r.label === 'benign' || family(r) !== 'other',
    'other sets only': (r) => r.label === 'benign' || family(r) === 'other',
    'ailuminate-en only': (r) => r.label === 'benign' || family(r) === 'ail-en',
    'ailuminate-fr only': (r) => r.label === 'benign' || family(r) === 'ail-fr',
  };
  for (const [name, keep] of Object.entries(subsets)) {
    const train = [...data.train.filter(keep), ...LEXICON];
    const m = trainLinear({ rows: train.map((r) => vec(r.text)), labels: train.map((r) => r.label), classes, dim, kind: 'softmax', classWeights: 'balanced', seed: 5, l2: 1e-5, epochs: 20, learningRate: 0.1 });
    const scores: Record<string, string> = {};
    for (const f of ['ail-en', 'ail-fr', 'other']) {
      const rows = data.dev.filter((r) => r.label !== 'benign' && family(r) === f);
      const present = classes.filter((c) => c !== 'benign' && c !== 'S14' && rows.some((r) => r.label === c));
      const matrix = confusionMatrix(rows.map((r) => r.label), rows.map((r) => classes[argmax(predictProba(m, vec(r.text)))]!), HARM_CATEGORIES);
      scores[f] = `${macroF1(matrix, present).toFixed(3)} (n ${rows.length})`;
    }
    process.stdout.write(`${name} (train rows ${train.length}): dev macro-F1 by family ${JSON.stringify(scores)}\n`);
  }
}

main();
