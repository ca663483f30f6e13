/**
 * Small linear solvers for the Markov-chain run-length computations: the expected run lengths
 * L solve (I - Q) L = 1, where Q is the transient part of the chain's transition matrix.
 */

/**
 * Solves A x = b for a dense n x n matrix (row-major Float64Array, overwritten) by Gaussian
 * elimination with partial pivoting. `b` is overwritten with the solution and returned.
 */
export function solveDense(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = Math.abs(a[col * n + col] as number);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * n + col] as number);
      if (v > best) { best = v; piv = r; }
    }
    const pivRow = col * n;
    if (piv !== col) {
      const other = piv * n;
      for (let c = 0; c < n; c++) {
        const t = a[pivRow + c] as number;
        a[pivRow + c] = a[other + c] as number;
        a[other + c] = t;
      }
      const t = b[col] as number;
      b[col] = b[piv] as number;
      b[piv] = t;
    }
    const d = a[pivRow + col] as number;
    const bc = b[col] as number;
    for (let r = col + 1; r < n; r++) {
      const row = r * n;
      const f = (a[row + col] as number) / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) a[row + c] = (a[row + c] as number) - f * (a[pivRow + c] as number);
      b[r] = (b[r] as number) - f * bc;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    const row = r * n;
    let s = b[r] as number;
    for (let c = r + 1; c < n; c++) s -= (a[row + c] as number) * (b[c] as number);
    b[r] = s / (a[row + r] as number);
  }
  return b;
}

/**
 * Solves A x = b for a banded matrix with `lower` sub-diagonals and `upper` super-diagonals,
 * without pivoting. Safe for the nonsingular M-matrices I - Q met here (Q substochastic), for
 * which Gaussian elimination without pivoting is stable. Cost O(n * lower * upper).
 * `band` holds A in band storage: A[i][j] at band[i * (lower + upper + 1) + (j - i + lower)].
 * `band` and `b` are overwritten; returns b.
 */
export function solveBanded(n: number, lower: number, upper: number, band: Float64Array, b: Float64Array): Float64Array {
  const width = lower + upper + 1;
  for (let k = 0; k < n; k++) {
    const pivotRow = k * width;
    const pivot = band[pivotRow + lower] as number;
    const rEnd = Math.min(n - 1, k + lower);
    const cEnd = Math.min(n - 1, k + upper);
    const bk = b[k] as number;
    const kBase = pivotRow - k + lower; // band index of A[k][c] is kBase + c
    for (let r = k + 1; r <= rEnd; r++) {
      const rowBase = r * width - r + lower; // band index of A[r][c] is rowBase + c
      const idx = rowBase + k;
      const f = (band[idx] as number) / pivot;
      if (f === 0) continue;
      band[idx] = 0;
      for (let c = k + 1; c <= cEnd; c++) band[rowBase + c] = (band[rowBase + c] as number) - f * (band[kBase + c] as number);
      b[r] = (b[r] as number) - f * bk;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i] as number;
    const cEnd = Math.min(n - 1, i + upper);
    const rowBase = i * width - i + lower;
    for (let c = i + 1; c <= cEnd; c++) s -= (band[rowBase + c] as number) * (b[c] as number);
    b[i] = s / (band[rowBase + i] as number);
  }
  return b;
}

/** Extrapolates a result with error ~ c / m^2 from m and r*m states (Richardson). */
export function richardson(coarse: number, fine: number, ratio: number): number {
  const r2 = ratio * ratio;
  return (r2 * fine - coarse) / (r2 - 1);
}

/** Default number of Markov-chain states; results are Richardson-extrapolated from m and 2m states. */
export const DEFAULT_CHAIN_STATES = 150;
