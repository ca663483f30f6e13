/**
 * AUROC of the isolation forest and the robust Mahalanobis distance on synthetic outlier sets:
 * a Gaussian blob N(0, I_d) (1000 points) plus 50 outliers, either uniform on [-6, 6]^d or a
 * tight cluster at distance 4 along the diagonal (the case masking hurts). Seeds are fixed.
 *
 *   npx tsx scripts/eval-anomaly-auroc.ts
 */
import { createRng, sampleNormal } from '../src/core/stats/random.js';
import { fitIsolationForest, scoreSamples } from '../src/core/stats/anomaly/isolation-forest.js';
import { fitRobustMahalanobis, mahalanobisDistances } from '../src/core/stats/anomaly/mahalanobis.js';

function auroc(pos: ArrayLike<number>, neg: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < pos.length; i++) for (let j = 0; j < neg.length; j++) w += pos[i]! > neg[j]! ? 1 : pos[i] === neg[j] ? 0.5 : 0;
  return w / (pos.length * neg.length);
}

const lines = ['| outliers | d | isolation forest AUROC | robust Mahalanobis AUROC |', '|---|---|---|---|'];
for (const kind of ['uniform', 'cluster'] as const) {
  for (const d of [2, 5, 10, 20]) {
    const rng = createRng(1000 * d + (kind === 'uniform' ? 1 : 2));
    const inliers = Array.from({ length: 1000 }, () => Array.from({ length: d }, () => sampleNormal(rng)));
    const outliers = Array.from({ length: 50 }, () => Array.from({ length: d }, () =>
      kind === 'uniform' ? -6 + 12 * rng() : 4 / Math.sqrt(d) * 1.5 + 0.2 * sampleNormal(rng)));
    const rows = [...inliers, ...outliers];
    const forest = fitIsolationForest(rows, { seed: d });
    const s = scoreSamples(forest, rows).map((v) => -v);
    const maha = fitRobustMahalanobis(rows, { seed: d });
    const m = mahalanobisDistances(maha, rows);
    lines.push(`| ${kind} | ${d} | ${auroc(s.subarray(1000), s.subarray(0, 1000)).toFixed(3)} | ${auroc(m.subarray(1000), m.subarray(0, 1000)).toFixed(3)} |`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
