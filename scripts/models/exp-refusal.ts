import { createVectorizer } from '../../src/core/classify/text/vectorize.js';
import { trainLinear } from '../../src/core/classify/model/train.js';
import { predictProba } from '../../src/core/classify/model/linear.js';
import { binaryMetrics } from '../../src/core/classify/model/metrics.js';
import { refusalFeatures, REFUSAL_FEATURE_NAMES } from '../../src/core/classify/refusal/features.js';
import { REFUSAL_CLASSES } from '../../src/core/classify/refusal/refusal.js';
import { featurize, fmt } from './common.js';
import { loadGptfuzzResponses } from './data/gptfuzz.js';
import { refusalRows } from './build-refusal.js';

const vz = createVectorizer();
const all = refusalRows(1);
const train = all.filter((r) => !r.dev);
const dev = all.filter((r) => r.dev && r.source === 'gptfuzz');
const ev = loadGptfuzzResponses('evaluate');
for (const useExtras of [true, false]) {
  const ex = useExtras ? refusalFeatures : (_: string) => new Float64Array(REFUSAL_FEATURE_NAMES.length);
  const X = featurize(train.map((r) => r.text), vz, ex);
  const D = featurize(dev.map((r) => r.text), vz, ex);
  const E = featurize(ev.map((r) => r.response), vz, ex);
  for (const [l2, epochs, lr] of [[1e-6, 12, 0.3], [1e-5, 8, 0.3], [1e-4, 8, 0.3], [1e-6, 4, 0.1]] as const) {
    const m = trainLinear({ rows: X, labels: train.map((r) => r.label), classes: REFUSAL_CLASSES, dim: vz.config.dim + REFUSAL_FEATURE_NAMES.length, kind: 'softmax', sampleWeights: train.map((r) => r.weight), l2, epochs, learningRate: lr, seed: 1 });
    const d = binaryMetrics(D.map((v) => 1 - predictProba(m, v)[0]!), dev.map((r) => r.label !== 'comply'));
    const e = binaryMetrics(E.map((v) => 1 - predictProba(m, v)[0]!), ev.map((r) => !r.jailbroken));
    console.log(`extras=${useExtras} l2=${l2} ep=${epochs} lr=${lr}: dev F1 ${fmt(d.f1)} AUROC ${fmt(d.auroc)} | eval F1 ${fmt(e.f1)} AUROC ${fmt(e.auroc)} P ${fmt(e.precision)} R ${fmt(e.recall)}`);
  }
}
