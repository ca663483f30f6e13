import type { SegmentCost } from './costs.js';

/**
 * Median shift, least absolute deviations: C(a,b) = sum |x_i - median(x_a..x_{b-1})|.
 *
 * A median has no prefix-sum form, so the series is indexed by a persistent segment tree over
 * value ranks: version v holds the first v points, each node keeps a count and a sum, and the
 * difference of versions b and a describes the multiset of [a, b). One descent finds the lower
 * median and, on the way, the count and sum of the values at or below it, so
 *   C = med * k - sumBelow + (sumAll - sumBelow) - med * (m - k)
 * costs O(log n) per segment after O(n log n) time and memory to build (PELT on l1 is therefore
 * O(n log n) per candidate rather than O(1)). Example: [1, 2, 10] costs |1-2| + |10-2| = 9.
 * Reference: ruptures 1.1 CostL1; persistent segment trees, Driscoll et al. (1989).
 */
export function createL1Cost(values: ArrayLike<number>): SegmentCost {
  const n = values.length;
  let centre = 0;
  for (let i = 0; i < n; i++) centre += values[i]!;
  centre = n > 0 ? centre / n : 0;
  const x = Float64Array.from({ length: n }, (_, i) => values[i]! - centre);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i]! - x[j]! || i - j);
  const sorted = Float64Array.from(order, (i) => x[i]!);
  const rank = new Int32Array(n);
  order.forEach((i, r) => { rank[i] = r; });

  const depth = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))) + 1);
  const capacity = 1 + n * (depth + 1);
  const left = new Int32Array(capacity);
  const right = new Int32Array(capacity);
  const count = new Int32Array(capacity);
  const sum = new Float64Array(capacity);
  let next = 1; // node 0 is the shared empty tree
  const roots = new Int32Array(n + 1);

  const insert = (node: number, lo: number, hi: number, r: number, value: number): number => {
    const id = next++;
    count[id] = count[node]! + 1;
    sum[id] = sum[node]! + value;
    if (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (r < mid) { left[id] = insert(left[node]!, lo, mid, r, value); right[id] = right[node]!; }
      else { left[id] = left[node]!; right[id] = insert(right[node]!, mid, hi, r, value); }
    }
    return id;
  };
  for (let v = 0; v < n; v++) roots[v + 1] = insert(roots[v]!, 0, n, rank[v]!, x[v]!);

  return {
    kind: 'l1', length: n, paramsPerSegment: 1,
    cost(a, b) {
      const m = b - a;
      if (m <= 1) return 0;
      let na = roots[a]!;
      let nb = roots[b]!;
      const total = sum[nb]! - sum[na]!;
      let k = (m - 1) >> 1; // 0-based order statistic of the lower median
      let lo = 0;
      let hi = n;
      let cntBelow = 0;
      let sumBelow = 0;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        const cl = count[left[nb]!]! - count[left[na]!]!;
        if (k < cl) { nb = left[nb]!; na = left[na]!; hi = mid; }
        else {
          cntBelow += cl;
          sumBelow += sum[left[nb]!]! - sum[left[na]!]!;
          k -= cl;
          nb = right[nb]!; na = right[na]!; lo = mid;
        }
      }
      const med = sorted[lo]!;
      cntBelow += 1;
      sumBelow += med;
      const c = med * cntBelow - sumBelow + (total - sumBelow) - med * (m - cntBelow);
      return c > 0 ? c : 0;
    },
  };
}
