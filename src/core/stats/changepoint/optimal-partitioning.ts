import type { SegmentCost } from './costs.js';
import { backtrack, checkSearchSpace, segmentEnds, type SearchSpace } from './grid.js';
import type { SegmentationResult } from './pelt.js';

/**
 * Optimal partitioning without pruning (Jackson et al. 2005, IEEE SPL 12(2)): the O(n^2)
 * dynamic programme F(T) = min_t F(t) + C(t, T) + beta over every admissible t. It is the
 * brute-force reference PELT is tested against; use PELT in practice.
 */
export function optimalPartitioning(cost: SegmentCost, penalty: number, space: SearchSpace): SegmentationResult {
  const n = cost.length;
  checkSearchSpace(n, space);
  if (n === 0) return { changepoints: [], objective: 0 };
  const f = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1).fill(-1);
  f[0] = -penalty;
  for (const end of segmentEnds(n, space)) {
    for (let t = 0; t <= end - space.minSize; t += space.jump) {
      if (f[t] === Infinity) continue;
      const v = f[t]! + cost.cost(t, end) + penalty;
      if (v < f[end]!) { f[end] = v; last[end] = t; }
    }
  }
  return { changepoints: backtrack(last, n), objective: f[n]! };
}
