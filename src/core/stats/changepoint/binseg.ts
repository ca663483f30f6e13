import type { SegmentCost } from './costs.js';
import { checkSearchSpace, type SearchSpace } from './grid.js';
import type { SegmentationResult } from './pelt.js';
import { invalidInput } from '../../errors.js';

interface Split { start: number; end: number; at: number; gain: number }

/** Best single split of [start, end) on the grid, or undefined when no split is admissible. */
function bestSplit(cost: SegmentCost, start: number, end: number, space: SearchSpace): Split | undefined {
  const whole = cost.cost(start, end);
  let best: Split | undefined;
  const first = Math.ceil((start + space.minSize) / space.jump) * space.jump;
  for (let t = first; t <= end - space.minSize; t += space.jump) {
    const gain = whole - cost.cost(start, t) - cost.cost(t, end);
    if (best === undefined || gain > best.gain) best = { start, end, at: t, gain };
  }
  return best;
}

/**
 * Binary segmentation (Scott & Knott 1974; Vostrikova 1981): repeatedly split the segment whose
 * best split lowers the total cost the most, while that gain C(a,b) - C(a,t) - C(t,b) exceeds the
 * penalty and fewer than `maxChangepoints` change points are found. Greedy, so not always the
 * optimum PELT finds, but O(n log n) cost evaluations for well-spread changes.
 * Same search space as PELT (multiples of jump, segments >= minSize), as in ruptures 1.1 Binseg.
 * Example: [0,0,0,5,5,5,9,9,9], l2, penalty 1, minSize 1 -> [3, 6].
 */
export function binarySegmentation(cost: SegmentCost, penalty: number, space: SearchSpace,
  maxChangepoints = Infinity): SegmentationResult {
  const n = cost.length;
  checkSearchSpace(n, space);
  if (!Number.isFinite(penalty) || penalty < 0) throw invalidInput(`penalty must be a finite number >= 0, got ${penalty}`);
  const changepoints: number[] = [];
  let objective = cost.cost(0, n);
  const open: Split[] = [];
  const push = (s: Split | undefined) => { if (s !== undefined && s.gain > penalty) open.push(s); };
  push(bestSplit(cost, 0, n, space));
  while (open.length > 0 && changepoints.length < maxChangepoints) {
    let k = 0;
    for (let i = 1; i < open.length; i++) if (open[i]!.gain > open[k]!.gain) k = i;
    const s = open.splice(k, 1)[0]!;
    changepoints.push(s.at);
    objective += penalty - s.gain;
    push(bestSplit(cost, s.start, s.at, space));
    push(bestSplit(cost, s.at, s.end, space));
  }
  changepoints.sort((a, b) => a - b);
  return { changepoints, objective };
}
