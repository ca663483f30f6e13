import type { SegmentCost } from './costs.js';
import { backtrack, checkSearchSpace, segmentEnds, type SearchSpace } from './grid.js';
import { invalidInput } from '../../errors.js';

export interface SegmentationResult {
  /** 0-based index of the first point of each new segment, increasing, never 0 or n. */
  changepoints: number[];
  /** sum of segment costs + penalty * number of change points, at the optimum. */
  objective: number;
}

/**
 * PELT: exact minimiser of  sum_j C(segment_j) + beta * (number of change points)  over every
 * segmentation allowed by `space`, by optimal partitioning
 *   F(T) = min_{t admissible} F(t) + C(t, T) + beta,   F(0) = -beta,
 * with the pruning rule of Killick, Fearnhead & Eckley (2012, JASA 107(500), Theorem 3.1): if
 * F(t) + C(t, s) > F(s) then t is never the last change point for any T >= s + minSize. The
 * "+ minSize" is the fix for minimum segment lengths: s is only a usable rival from that point on,
 * so a pruned t is dropped then, not at once (ruptures prunes at once and can miss the optimum).
 * Cost: O(n) cost evaluations when change points are spread through the series, O(n^2) without.
 * Example: [0,0,0,5,5,5], l2 cost, beta = 1, minSize 1 -> change point [3], objective 1.
 */
export function pelt(cost: SegmentCost, penalty: number, space: SearchSpace): SegmentationResult {
  const n = cost.length;
  checkSearchSpace(n, space);
  if (!Number.isFinite(penalty) || penalty < 0) throw invalidInput(`penalty must be a finite number >= 0, got ${penalty}`);
  if (n === 0) return { changepoints: [], objective: 0 };
  const { minSize, jump } = space;
  const f = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1).fill(-1);
  f[0] = -penalty;
  let cand = new Int32Array(64);
  let prunedAt = new Int32Array(64);
  let size = 0;
  let costs = new Float64Array(64);
  let nextStart = 0; // next grid point (multiple of jump) not yet offered as a candidate

  for (const end of segmentEnds(n, space)) {
    while (nextStart <= end - minSize) {
      if (f[nextStart] !== Infinity) {
        if (size === cand.length) {
          const c2 = new Int32Array(size * 2); c2.set(cand); cand = c2;
          const p2 = new Int32Array(size * 2); p2.set(prunedAt); prunedAt = p2;
        }
        cand[size] = nextStart; prunedAt[size] = -1; size++;
      }
      nextStart += jump;
    }
    let best = Infinity;
    let bestStart = -1;
    if (costs.length < size) costs = new Float64Array(cand.length);
    if (cost.costsTo) cost.costsTo(cand, size, end, costs);
    else for (let i = 0; i < size; i++) costs[i] = cost.cost(cand[i]!, end);
    for (let i = 0; i < size; i++) {
      const t = cand[i]!;
      const v = f[t]! + costs[i]!;
      costs[i] = v;
      if (v + penalty < best) { best = v + penalty; bestStart = t; }
    }
    if (bestStart < 0) continue;
    f[end] = best;
    last[end] = bestStart;
    // Mark newly prunable candidates, and drop those whose pruner is now a usable rival.
    let kept = 0;
    for (let i = 0; i < size; i++) {
      let p = prunedAt[i]!;
      if (p < 0 && costs[i]! > best) p = end;
      if (p >= 0 && end >= p + minSize) continue;
      cand[kept] = cand[i]!; prunedAt[kept] = p; kept++;
    }
    size = kept;
  }
  return { changepoints: backtrack(last, n), objective: f[n]! };
}
