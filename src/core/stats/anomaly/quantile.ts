/**
 * Quantile with linear interpolation between order statistics, numpy's default
 * (`np.percentile(a, 100 q)`, method 'linear'): position h = (n - 1) q, value
 * x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)). Example: [1, 2, 3, 4], q 0.1 -> 1.3.
 */
export function quantileLinear(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}
