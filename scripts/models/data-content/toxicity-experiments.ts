/**
 * Dev-split experiments for the main toxicity model (scores only dev rows):
 *   npx tsx scripts/models/data-content/toxicity-experiments.ts
 * Dev = TweetEval offensive and hate validation + the hashed dev split of the other sets.
 */
import { predictProba } from '../../../src/core/classify/model/linear.js';
import type { LabelledText } from './split.js';
import { loadToxicitySplits, reportOn } from './toxicity-eval.js';
import { createVectorCache, sharedVectorizer, trainAndShip, trainAveragedAndShip } from './train-helpers.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const data = loadToxicitySplits();
const vectorizer = sharedVectorizer();
const vec = createVectorCache(vectorizer);
const family = (s: string) => s.split('/')[0] ?? s;

interface Variant { name: string; keep: (r: LabelledText) => boolean; weight: (r: LabelledText) => number; l2?: number; epochs?: number; clean?: boolean; seeds?: number[] }
/** Davidson tweets in TweetEval's register: entities decoded, handles and links masked, retweet markers dropped. */
const tweetClean = (t: string) => t.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
  .replace(/\bRT\b:?/g, ' ').replace(/@\w+/g, '@user').replace(/https?:\/\/\S+/g, 'URL').replace(/\s+/g, ' ').trim();
const davidson = (w: number) => (r: LabelledText) => (family(r.source) === 'davidson' ? w : 1);
const notHateNegative = (r: LabelledText) => !(r.source === 'tweeteval/hate/train' && r.label === 'clean');
const offensive = (k: number, d = 0.2) => (r: LabelledText) => (r.source === 'tweeteval/offensive/train' ? k : davidson(d)(r));
const variants: Variant[] = [
  { name: 'current', keep: () => true, weight: davidson(0.2) },
  { name: 'davidson cleaned', keep: () => true, weight: davidson(0.2), clean: true },
  { name: 'davidson cleaned, offensive train x2, l2 3e-5 6 epochs', keep: () => true, weight: offensive(2), l2: 3e-5, epochs: 6, clean: true },
  { name: 'offensive train x2', keep: () => true, weight: offensive(2) },
  { name: 'offensive train x3', keep: () => true, weight: offensive(3) },
  { name: 'offensive train x2, l2 3e-5 6 epochs', keep: () => true, weight: offensive(2), l2: 3e-5, epochs: 6 },
  { name: 'shipped recipe, mean of 4 seeds', keep: () => true, weight: offensive(2), l2: 3e-5, epochs: 6, seeds: [7, 8, 9, 10] },
  // Helps offensive val (0.767 -> 0.780) but hate val falls 0.784 -> 0.683 and all dev 0.909 -> 0.863: identity terms turn toxic.
  // Upper bound for an in-domain model: TweetEval offensive train alone (Wikipedia Talk will suffer).
  { name: 'tweeteval offensive train only', keep: (r) => r.source === 'tweeteval/offensive/train', weight: () => 1, l2: 3e-5, epochs: 6 },
  { name: 'offensive train x4, l2 3e-5 6 epochs', keep: () => true, weight: offensive(4), l2: 3e-5, epochs: 6 },
  { name: 'drop tweeteval-hate negatives', keep: notHateNegative, weight: davidson(0.2) },
];
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
for (const v of variants) {
  if (only && !v.name.includes(only)) continue;
  const train = data.train.filter(v.keep).map((r) => (v.clean && family(r.source) === 'davidson' ? { ...r, text: tweetClean(r.text) } : r));
  const options = {
    name: 'x', task: 'toxicity', vectorizer, metadata: {}, rows: train.map((r) => vec(r.text)), labels: train.map((r) => r.label),
    classes: ['clean', 'toxic'], l2: v.l2 ?? 1e-4, epochs: v.epochs ?? 4, learningRate: 0.1, classWeights: 'balanced' as const,
    sampleWeights: train.map(v.weight), encode: { maxFeatures: 120_000 },
  };
  const model = (v.seeds ? trainAveragedAndShip(options, v.seeds) : trainAndShip({ ...options, seed: 7 })).model;
  const score = (t: string) => predictProba(model, vec(t))[1]!;
  const auc = (rows: readonly LabelledText[]) => reportOn(rows, score).auroc.toFixed(4);
  log(`${v.name} (n=${train.length}): dev offensive-val AUROC ${auc(data.dev.filter((r) => r.source === 'tweeteval/offensive/val'))}, hate-val ${auc(data.dev.filter((r) => r.source === 'tweeteval/hate/val'))}, dev all ${auc(data.dev)}`);
  if (process.argv.includes('--wiki')) log(`  wikipedia talk test AUROC ${auc(data.wikiTest)} (test set: read to check the 0.90 floor is kept, not to tune)`);
}
