import { invalidInput } from '../../errors.js';

/**
 * Bin edges for numeric drift statistics, computed on the reference sample, and counts.
 *
 * Rules (numpy 2.4 `histogram_bin_edges` semantics for the data-driven ones):
 *  - 'sturges': width = range / (log2 n + 1); k = ceil(range / width) equal bins.
 *  - 'doane': width = range / (1 + log2 n + log2(1 + |g1| / s_g1)), with g1 the sample skewness
 *    (population moments) and s_g1 = sqrt(6 (n - 2) / ((n + 1)(n + 3))); one bin when n <= 2 or
 *    the data are constant.
 *  - 'quantile': edges at the reference quantiles i/k (numpy 'linear' interpolation), repeated
 *    edges merged, so each bin holds about n/k reference values (the usual PSI practice).
 *  - 'equal': k equal-width bins over [min, max].
 * Constant data get [x - 0.5, x + 0.5], as numpy does. Edges are linspace(first, last, k + 1).
 * Counting (`histogramCounts`): bin i is [e_i, e_(i+1)); the outer bins are open-ended
 * (-inf, e_1) and [e_(k-1), +inf), so current values outside the reference range are counted,
 * never dropped. On the reference sample this equals numpy.histogram(ref, edges).
 *
 * Example: sturgesEdges([1, 2, 3, 4, 5, 6, 7, 8]) = [1, 2.75, 4.5, 6.25, 8] (4 bins).
 *
 * References: H. A. Sturges, JASA 21(153), 1926; D. P. Doane, "Aesthetic frequency
 * classifications", Am. Statistician 30(4), 1976; numpy.histogram_bin_edges and numpy.quantile 2.4.
 */
export type BinningRule = 'quantile' | 'doane' | 'sturges' | 'equal';

function finiteSorted(values: readonly number[], fn: string): Float64Array {
  if (values.length === 0) throw invalidInput(`${fn}: no values to bin`);
  for (const v of values) if (!Number.isFinite(v)) throw invalidInput(`${fn}: values must be finite, got ${v}`);
  return Float64Array.from(values).sort();
}

function outerEdges(sorted: Float64Array): [number, number] {
  let first = sorted[0] as number;
  let last = sorted[sorted.length - 1] as number;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  return [first, last];
}

/** numpy.linspace(first, last, count + 1) */
export function linspaceEdges(first: number, last: number, count: number): number[] {
  const step = (last - first) / count;
  const edges: number[] = [];
  for (let i = 0; i < count; i++) edges.push(i * step + first);
  edges.push(last);
  return edges;
}

function edgesFromWidth(sorted: Float64Array, width: number): number[] {
  const [first, last] = outerEdges(sorted);
  const count = width ? Math.ceil((last - first) / width) : 1;
  return linspaceEdges(first, last, Math.max(1, count));
}

export function sturgesEdges(values: readonly number[]): number[] {
  const s = finiteSorted(values, 'sturgesEdges');
  const ptp = (s[s.length - 1] as number) - (s[0] as number);
  return edgesFromWidth(s, ptp / (Math.log2(s.length) + 1));
}

export function doaneEdges(values: readonly number[]): number[] {
  const s = finiteSorted(values, 'doaneEdges');
  const n = s.length;
  let width = 0;
  if (n > 2) {
    const sg1 = Math.sqrt((6 * (n - 2)) / ((n + 1) * (n + 3)));
    let mean = 0;
    for (const v of values) mean += v;
    mean /= n;
    let ss = 0;
    for (const v of values) ss += (v - mean) ** 2;
    const sigma = Math.sqrt(ss / n);
    if (sigma > 0) {
      let g1 = 0;
      for (const v of values) g1 += ((v - mean) / sigma) ** 3;
      g1 /= n;
      const ptp = (s[n - 1] as number) - (s[0] as number);
      width = ptp / (1 + Math.log2(n) + Math.log2(1 + Math.abs(g1) / sg1));
    }
  }
  return edgesFromWidth(s, width);
}

export function equalWidthEdges(values: readonly number[], bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw invalidInput(`equalWidthEdges: bins must be an integer >= 1, got ${bins}`);
  const [first, last] = outerEdges(finiteSorted(values, 'equalWidthEdges'));
  return linspaceEdges(first, last, bins);
}

/** numpy.quantile(sorted, q) with the default 'linear' method. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const index = q * (n - 1);
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, n - 1);
  const t = index - lo;
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

export function quantileEdges(values: readonly number[], bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw invalidInput(`quantileEdges: bins must be an integer >= 1, got ${bins}`);
  const s = finiteSorted(values, 'quantileEdges');
  const qs = linspaceEdges(0, 1, bins);
  const edges: number[] = [];
  for (const q of qs) {
    const e = quantileSorted(s, q);
    if (edges.length === 0 || e !== edges[edges.length - 1]) edges.push(e);
  }
  if (edges.length === 1) return outerEdges(s).slice();
  return edges;
}

export function binEdges(values: readonly number[], rule: BinningRule, bins = 10): number[] {
  switch (rule) {
    case 'quantile':
      return quantileEdges(values, bins);
    case 'doane':
      return doaneEdges(values);
    case 'sturges':
      return sturgesEdges(values);
    case 'equal':
      return equalWidthEdges(values, bins);
    default:
      throw invalidInput(`Unknown binning rule: ${String(rule)}`);
  }
}

/** Counts per bin with open-ended outer bins; NaN values are rejected. */
export function histogramCounts(values: readonly number[], edges: readonly number[]): number[] {
  const k = edges.length - 1;
  if (k < 1) throw invalidInput(`histogramCounts: need at least 2 edges, got ${edges.length}`);
  const counts = new Array<number>(k).fill(0);
  for (const x of values) {
    if (Number.isNaN(x)) throw invalidInput('histogramCounts: values contain NaN');
    // number of interior edges e_1..e_(k-1) that are <= x
    let lo = 1;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((edges[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    counts[lo - 1] = (counts[lo - 1] as number) + 1;
  }
  return counts;
}
