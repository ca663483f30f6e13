/**
 * Exact null distribution of the two-sample Kolmogorov-Smirnov statistic by counting lattice
 * paths from (0, 0) to (m, n), ported step for step from scipy 1.17 so the p-values agree to the
 * last digits:
 *  - two-sided, m = n: P(D >= h/n) = 2 sum_k (-1)^(k-1) C(2n, n - k h) / C(2n, n), in a
 *    Horner-like nested product (`_compute_prob_outside_square`);
 *  - two-sided, m != n: the "inside" recursion of Hodges, rewritten by Viehmann to carry 1 - p so
 *    small p-values keep their precision (`_compute_outer_prob_inside_method`);
 *  - one-sided, m = n: C(2n, n - h) / C(2n, n) as a product of h ratios;
 *  - one-sided, m != n: paths that touch the boundary, counted by Hodges' first-passage
 *    recursion (`_count_paths_outside_method`), divided by C(m + n, n). This can overflow for
 *    large m + n; the caller then falls back to the asymptotic formula, as scipy does.
 *
 * Reference: J. L. Hodges, "The significance probability of the Smirnov two-sample test", Arkiv
 * for Matematik 3(43), 1958; T. Viehmann, arXiv:2102.08037, 2021; scipy 1.17
 * scipy/stats/_stats_py.py and _stats_pythran.py.
 */

/** C(n, k) as a double (scipy.special.binom for integer arguments, to ~1 ulp per factor). */
export function binomialCoefficient(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= kk; i++) {
    r = (r * (n - kk + i)) / i;
    if (!Number.isFinite(r)) return Infinity;
  }
  return r;
}

export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

export function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)));
  }
  return A[maxj - minj - 1] as number;
}

/** Number of lattice paths that reach the one-sided boundary; NaN or Infinity on overflow. */
export function countPathsOutside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  const lxj = n + Math.floor((mg - h) / mg);
  if (lxj <= 0) return binomialCoefficient(m + n, n);
  const xj: number[] = [];
  for (let j = 0; j < lxj; j++) xj.push(Math.floor((h + mg * j + ng - 1) / ng));
  const B = new Float64Array(lxj);
  B[0] = 1;
  for (let j = 1; j < lxj; j++) {
    const xjj = xj[j] as number;
    let Bj = binomialCoefficient(xjj + j, j);
    for (let i = 0; i < j; i++) {
      const bin = binomialCoefficient(xjj - (xj[i] as number) + j - i, j - i);
      Bj -= bin * (B[i] as number);
    }
    if (!Number.isFinite(Bj)) return NaN;
    B[j] = Bj;
  }
  let numPaths = 0;
  for (let j = 0; j < lxj; j++) {
    const bin = binomialCoefficient(m - (xj[j] as number) + (n - j), n - j);
    numPaths += (B[j] as number) * bin;
    if (!Number.isFinite(numPaths)) return NaN;
  }
  return numPaths;
}
