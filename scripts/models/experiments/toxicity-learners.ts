/**
 * Toxicity: stronger learners than the shipped logistic regression, on the same rows, source
 * weights and vectoriser as scripts/models/build-toxicity.ts.
 *   npx tsx scripts/models/experiments/toxicity-learners.ts [variant ...]
 * Variants: linear (the shipped recipe), mlp-<hidden>[-bag][-e<epochs>][-lr<step>][-d<dropout>][-s<seed>]
 * (two-class softmax MLP), ens-<hidden>... (mean of the linear and MLP scores); a trailing `-tw` applies
 * `tweetText` to every text (train and evaluation) before the shared vectoriser; `--ww=X` uses a
 * vectoriser whose word features get share X of the norm instead of 0.5. Prints AUROC on the
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
import { DEFAULT_VECTORIZER, createVectorizer } from '../../../src/core/classify/text/vectorize.js';
import { runIfMain } from '../common.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
const family = (s: string) => s.split('/')[0] ?? s;

/**
 * Tweet-specific clean-up, measured here before asking for it as a vectoriser option: @-handles and
 * links carry no toxicity, and a hashtag is words written together ("#BuildTheWall" → "Build The Wall").
 */
export const tweetText = (t: string): string => t
  .replace(/@\w+/g, ' ').replace(/https?:\/\/\S+|\bURL\b/g, ' ')
  .replace(/#(\w+)/g, (_, tag: string) => ` ${tag.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ')} `)
  .replace(/\s+/g, ' ').trim();

function parse(variant: string): { hidden: number; bag: boolean; epochs: number; lr: number; dropout: number; seed?: number } {
  const num = (re: RegExp, d: number) => Number(re.exec(variant)?.[1] ?? d);
  return { hidden: num(/^(?:mlp|ens)-(\d+)/, 32), bag: variant.includes('-bag'), epochs: num(/-e(\d+)/, 6), lr: num(/-lr([\d.]+)/, 0.05), dropout: num(/-d([\d.]+)/, 0), ...(/-s\d+/.test(variant) ? { seed: num(/-s(\d+)/, 0) } : {}) };
}

function main(): void {
  const data = loadToxicitySplits();
  // --ww=X: a vectoriser whose word block gets share X of the squared norm (shared default 0.5).
  const ww = process.argv.find((a) => a.startsWith('--ww='));
  const vectorizer = ww ? createVectorizer({ ...DEFAULT_VECTORIZER, wordWeight: Number(ww.slice(5)) }) : sharedVectorizer();
  const cache = createVectorCache(vectorizer);
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const tweetMode = names.some((v) => v.endsWith('-tw'));
  if (tweetMode && !names.every((v) => v.endsWith('-tw'))) throw new Error('run -tw variants on their own');
  const vec = tweetMode ? (t: string) => cache(tweetText(t)) : cache;
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
    const m = trainMlp({ rows, labels, classes, dim, hidden: p.hidden, activation: p.bag ? 'bag' : 'relu', epochs: p.epochs, learningRate: p.lr, dropout: p.dropout, l2: 1e-6, seed: p.seed ?? t.seed, classWeights: 'balanced', sampleWeights });
    return (v) => mlpPredictProba(m, v)[1]!;
  };
  const variants = names.length > 0 ? names : ['linear', 'mlp-32', 'ens-32'];
  for (const variant of variants) {
    let score: (v: SparseVector) => number;
    if (variant.replace(/-tw$/, '') === 'linear') score = linear();
    else if (variant.startsWith('mlp-')) score = mlp(variant.replace(/-tw$/, ''));
    else {
      const a = linear();
      const b = mlp(variant.replace(/^ens-/, 'mlp-').replace(/-tw$/, ''));
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

runIfMain(import.meta.url, async () => main());
