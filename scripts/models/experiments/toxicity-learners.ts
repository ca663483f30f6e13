/**
 * Toxicity: stronger learners than the shipped logistic regression, on the same rows, source
 * weights and vectoriser as scripts/models/build-toxicity.ts.
 *   npx tsx scripts/models/experiments/toxicity-learners.ts [variant ...]
 * Variants: linear (the shipped recipe), mlp-<hidden>[-bag][-e<epochs>][-lr<step>][-d<dropout>]
 * (two-class softmax MLP), ens-<hidden>... (mean of the linear and MLP scores). Prints AUROC on the
 * dev sets (TweetEval offensive and hate validation, all dev) and on the test sets the issue names
 * (TweetEval offensive test, Wikipedia Talk test), plus scoring CPU µs per text (vectorisation
 * excluded). Results: docs/classifiers.md, "Accuracy experiments".
 */
import { mlpPredictProba } from '../../../src/core/classify/model/mlp.js';
import { trainMlp } from '../../../src/core/classify/model/mlp-train.js';
import { predictProba } from '../../../src/core/classify/model/linear.js';
import { trainLinear } from '../../../src/core/classify/model/train.js';
import type { SparseVector } from '../../../src/core/classify/text/sparse.js';
import { TOXICITY_TRAINING } from '../build-toxicity.js';
import type { LabelledText } from '../data-content/split.js';
import { loadToxicitySplits, reportOn } from '../data-content/toxicity-eval.js';
import { createVectorCache, sharedVectorizer } from '../data-content/train-helpers.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
const family = (s: string) => s.split('/')[0] ?? s;

function parse(variant: string): { hidden: number; bag: boolean; epochs: number; lr: number; dropout: number } {
  const num = (re: RegExp, d: number) => Number(re.exec(variant)?.[1] ?? d);
  return { hidden: num(/^(?:mlp|ens)-(\d+)/, 32), bag: variant.includes('-bag'), epochs: num(/-e(\d+)/, 6), lr: num(/-lr([\d.]+)/, 0.05), dropout: num(/-d([\d.]+)/, 0) };
}

function main(): void {
  const data = loadToxicitySplits();
  const vec = createVectorCache(sharedVectorizer());
  const dim = sharedVectorizer().config.dim;
  const t = TOXICITY_TRAINING;
  const rows = data.train.map((r) => vec(r.text));
  const labels = data.train.map((r) => r.label);
  const sampleWeights = data.train.map((r) => t.sourceWeights[r.source] ?? t.sourceWeights[family(r.source)] ?? 1);
  const classes = ['clean', 'toxic'];
  const linear = (): ((v: SparseVector) => number) => {
    const m = trainLinear({ rows, labels, classes, dim, l2: t.l2, epochs: t.epochs, learningRate: t.learningRate, seed: t.seed, classWeights: 'balanced', sampleWeights });
    return (v) => predictProba(m, v)[1]!;
  };
  const mlp = (variant: string): ((v: SparseVector) => number) => {
    const p = parse(variant);
    const m = trainMlp({ rows, labels, classes, dim, hidden: p.hidden, activation: p.bag ? 'bag' : 'relu', epochs: p.epochs, learningRate: p.lr, dropout: p.dropout, l2: 1e-6, seed: t.seed, classWeights: 'balanced', sampleWeights });
    return (v) => mlpPredictProba(m, v)[1]!;
  };
  const variants = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['linear', 'mlp-32', 'ens-32'];
  for (const variant of variants) {
    let score: (v: SparseVector) => number;
    if (variant === 'linear') score = linear();
    else if (variant.startsWith('mlp-')) score = mlp(variant);
    else {
      const a = linear();
      const b = mlp(variant.replace(/^ens-/, 'mlp-'));
      score = (v) => (a(v) + b(v)) / 2;
    }
    const auc = (rs: readonly LabelledText[]) => reportOn(rs, (text) => score(vec(text))).auroc.toFixed(3);
    const vs = data.tweetOffensiveTest.map((r) => vec(r.text));
    const c0 = process.cpuUsage();
    for (let rep = 0; rep < 5; rep++) for (const v of vs) score(v);
    const c = process.cpuUsage(c0);
    log(`${variant}: dev offensive-val ${auc(data.dev.filter((r) => r.source === 'tweeteval/offensive/val'))}, hate-val ${auc(data.dev.filter((r) => r.source === 'tweeteval/hate/val'))}, dev all ${auc(data.dev)}; test offensive ${auc(data.tweetOffensiveTest)}, wikipedia talk ${auc(data.wikiTest)}, held-out hash ${auc(data.test)}; score ${((c.user + c.system) / (5 * vs.length)).toFixed(1)} µs CPU/tweet`);
  }
}

main();
