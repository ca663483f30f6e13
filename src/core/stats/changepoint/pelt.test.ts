import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COST_KINDS, createCost, type CostKind } from './costs.js';
import { pelt } from './pelt.js';
import { optimalPartitioning } from './optimal-partitioning.js';
import { binarySegmentation } from './binseg.js';

/** Random short series suited to each cost: reals, 0/1 trials, or counts, with planted shifts. */
const seriesFor = (kind: CostKind) => {
  const point = kind === 'bernoulli' ? fc.integer({ min: 0, max: 1 })
    : kind === 'poisson' ? fc.integer({ min: 0, max: 9 })
      : fc.oneof(fc.integer({ min: -20, max: 20 }).map((v) => v / 4), fc.double({ min: -5, max: 5, noNaN: true }));
  return fc.array(point, { minLength: 0, maxLength: 40 });
};

const segmentCost = (kind: CostKind, values: number[], cps: number[], penalty: number) => {
  const cost = createCost(kind, values);
  const bounds = [0, ...cps, values.length];
  let total = penalty * cps.length;
  for (let i = 0; i + 1 < bounds.length; i++) total += cost.cost(bounds[i]!, bounds[i + 1]!);
  return total;
};

describe('pelt', () => {
  for (const kind of COST_KINDS) {
    it(`finds the optimal segmentation of brute-force optimal partitioning (${kind}, minSize, jump)`, () => {
      fc.assert(fc.property(seriesFor(kind), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0, max: 12, noNaN: true }), (values, minSize, jump, penalty) => {
          const cost = createCost(kind, values);
          const space = { minSize, jump };
          if (values.length < minSize) return; // no admissible segmentation
          const exact = optimalPartitioning(cost, penalty, space);
          const fast = pelt(cost, penalty, space);
          const tol = 1e-9 * Math.max(1, Math.abs(exact.objective));
          expect(Math.abs(fast.objective - exact.objective)).toBeLessThanOrEqual(tol);
          // The reported change points achieve the reported optimum and respect the search space.
          expect(Math.abs(segmentCost(kind, values, fast.changepoints, penalty) - fast.objective)).toBeLessThanOrEqual(tol);
          const bounds = [0, ...fast.changepoints, values.length];
          for (let i = 0; i + 1 < bounds.length; i++) expect(bounds[i + 1]! - bounds[i]!).toBeGreaterThanOrEqual(minSize);
          for (const t of fast.changepoints) expect(t % jump).toBe(0);
        }), { numRuns: 300 });
    });
  }

  it('recovers planted mean shifts', () => {
    const values = [...Array(50).fill(0), ...Array(50).fill(4), ...Array(50).fill(1)].map((v, i) => v + 0.1 * Math.sin(i * 7.3));
    expect(pelt(createCost('l2', values), 5, { minSize: 2, jump: 1 }).changepoints).toEqual([50, 100]);
    expect(binarySegmentation(createCost('l2', values), 5, { minSize: 2, jump: 1 }).changepoints).toEqual([50, 100]);
  });

  it('matches the worked example in the doc comment', () => {
    const r = pelt(createCost('l2', [0, 0, 0, 5, 5, 5]), 1, { minSize: 1, jump: 1 });
    expect(r.changepoints).toEqual([3]);
    expect(r.objective).toBeCloseTo(1, 12);
  });
});
