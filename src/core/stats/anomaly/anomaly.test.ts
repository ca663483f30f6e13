import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRng, sampleNormal, type Rng } from '../random.js';
import { averagePathLength, decisionFunction, fitIsolationForest, isOutlier, scoreSamples, type IsolationForestModel } from './isolation-forest.js';
import { fitRobustMahalanobis, ledoitWolf, mahalanobisDistances } from './mahalanobis.js';
import { fitStandardizer, transformStandardizer } from './standardizer.js';
import { quantileLinear } from './quantile.js';

interface Refs {
  ledoitWolf: Array<{ X: number[][]; shrinkage: number; covariance: number[][] }>;
  averagePathLength: Record<string, number>;
  quantile: { values: number[]; cases: Array<{ q: number; value: number }> };
}
const refs = JSON.parse(readFileSync(new URL('../../../../test/fixtures/stats/anomaly_refs.json', import.meta.url), 'utf8')) as Refs;

/** AUROC = P(score of a random outlier > score of a random inlier), ties counting half. */
export function auroc(outlierScores: ArrayLike<number>, inlierScores: ArrayLike<number>): number {
  let wins = 0;
  for (let i = 0; i < outlierScores.length; i++) {
    for (let j = 0; j < inlierScores.length; j++) {
      const a = outlierScores[i]!, b = inlierScores[j]!;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return wins / (outlierScores.length * inlierScores.length);
}

/** Gaussian blob N(0, I_d) plus uniform outliers on [-6, 6]^d. */
export function blobWithOutliers(rng: Rng, d: number, nIn: number, nOut: number): { inliers: number[][]; outliers: number[][] } {
  return {
    inliers: Array.from({ length: nIn }, () => Array.from({ length: d }, () => sampleNormal(rng))),
    outliers: Array.from({ length: nOut }, () => Array.from({ length: d }, () => -6 + 12 * rng())),
  };
}

describe('isolation forest', () => {
  it('c(n) agrees with the numpy reference', () => {
    for (const [n, v] of Object.entries(refs.averagePathLength)) expect(averagePathLength(Number(n))).toBeCloseTo(v, 12);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 4);
  });

  it('scores follow s = -2^(-E[h] / c(psi)) on a hand-built forest', () => {
    // One tree, psi = 4: root splits feature 0 at 0.5 into a leaf of 1 point and a leaf of 3.
    const model: IsolationForestModel = {
      kind: 'isolation-forest', nFeatures: 1, maxSamples: 4, offset: -0.5, contamination: 'auto', seed: 0,
      trees: [{ feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], size: [4, 1, 3] }],
    };
    const c4 = averagePathLength(4);
    const s = scoreSamples(model, [[0], [1]]);
    expect(s[0]).toBeCloseTo(-Math.pow(2, -1 / c4), 14);
    expect(s[1]).toBeCloseTo(-Math.pow(2, -(1 + averagePathLength(3)) / c4), 14);
    expect(decisionFunction(model, [[0]])[0]).toBeCloseTo(s[0]! + 0.5, 14);
  });

  it('separates uniform outliers from a gaussian blob (AUROC floors, d = 2, 5, 10)', () => {
    const floors: Record<number, number> = { 2: 0.9, 5: 0.97, 10: 0.97 };
    for (const d of [2, 5, 10]) {
      const rng = createRng(100 + d);
      const { inliers, outliers } = blobWithOutliers(rng, d, 1000, 50);
      const model = fitIsolationForest([...inliers, ...outliers], { seed: d });
      const neg = (rows: number[][]) => Array.from(scoreSamples(model, rows), (v) => -v);
      expect(auroc(neg(outliers), neg(inliers))).toBeGreaterThan(floors[d]!);
    }
  });

  it('sets the offset from a contamination rate and round-trips through JSON', () => {
    const rng = createRng(11);
    const { inliers, outliers } = blobWithOutliers(rng, 3, 950, 50);
    const rows = [...inliers, ...outliers];
    const model = fitIsolationForest(rows, { contamination: 0.05, seed: 1 });
    const flagged = isOutlier(model, rows).filter(Boolean).length;
    expect(flagged).toBeGreaterThanOrEqual(48);
    expect(flagged).toBeLessThanOrEqual(52);
    const copy = JSON.parse(JSON.stringify(model)) as IsolationForestModel;
    expect(Array.from(scoreSamples(copy, rows.slice(0, 20)))).toEqual(Array.from(scoreSamples(model, rows.slice(0, 20))));
    // Seeded: the same seed gives the same forest.
    expect(fitIsolationForest(rows, { contamination: 0.05, seed: 1 })).toEqual(model);
  });

  it('rejects bad input naming the value', () => {
    expect(() => fitIsolationForest([[1, 2], [3]])).toThrow(/rows\[1\] has 1 features, expected 2/);
    expect(() => fitIsolationForest([[1]], { contamination: 0.7 })).toThrow(/contamination must be/);
  });
});

describe('robust Mahalanobis', () => {
  it('Ledoit-Wolf agrees with the numpy reference', () => {
    for (const c of refs.ledoitWolf) {
      const d = c.X[0]!.length;
      const lw = ledoitWolf(Float64Array.from(c.X.flat()), c.X.length, d);
      expect(lw.shrinkage).toBeCloseTo(c.shrinkage, 10);
      c.covariance.flat().forEach((v, k) => expect(Math.abs(lw.covariance[k]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v))));
    }
  });

  it('finds planted outliers that a non-robust fit would mask', () => {
    const rng = createRng(21);
    const rows = Array.from({ length: 500 }, () => [sampleNormal(rng), sampleNormal(rng), sampleNormal(rng)]);
    for (let i = 0; i < 25; i++) rows.push([6 + 0.1 * sampleNormal(rng), 6, 6]);
    const model = fitRobustMahalanobis(rows, { contamination: 0.05, seed: 3 });
    const d2 = mahalanobisDistances(model, rows);
    for (let i = 500; i < 525; i++) expect(d2[i]).toBeGreaterThan(50);
    expect(quantileLinear(d2.subarray(0, 500), 0.5)).toBeGreaterThan(1.8);
    expect(quantileLinear(d2.subarray(0, 500), 0.5)).toBeLessThan(3.0);
    expect(d2.filter((v) => v > model.threshold).length).toBeLessThanOrEqual(Math.ceil(0.05 * 525) + 1);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('standardizer and quantile', () => {
  it('z-scores per feature with the sample sd, constant features to 0', () => {
    const m = fitStandardizer([[1, 5], [2, 5], [3, 5]]);
    expect(transformStandardizer(m, [[1, 5], [3, 6]])).toEqual([[-1, 0], [1, 1]]);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
  it('quantile matches numpy.percentile (linear)', () => {
    for (const c of refs.quantile.cases) expect(quantileLinear(refs.quantile.values, c.q)).toBeCloseTo(c.value, 12);
    expect(quantileLinear([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
  });
});
