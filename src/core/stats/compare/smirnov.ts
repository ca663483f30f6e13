import { logGamma } from '../special/gamma.js';

/**
 * One-sided Kolmogorov-Smirnov (Smirnov) survival function Pr(D+_n >= x) for a sample of n, as
 * scipy.special.smirnov 1.17 computes it. Birnbaum-Tingey sum
 *   Pr(D+_n >= x) = x sum_{v=0}^{floor(n(1-x))} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v),
 * all terms positive. Each term is the binomial pmf b(v; n, x + v/n) / (x + v/n) in Loader's
 * saddle-point form (stirlerr and bd0), so it keeps its relative accuracy over 1e5 terms; x + v/n
 * is formed from the exact integer and fractional parts of n x, as xsf does. Special cases
 * follow xsf: n = 1, x <= 1/n, x >= 1 - 1/n, underflow, and an approximation for n > 1e6.
 *
 * Example: smirnovSf(10, 0.3) = 0.1354635556... (scipy.special.smirnov(10, 0.3)).
 *
 * References: Z. W. Birnbaum and F. H. Tingey, Ann. Math. Statist. 22(4), 1951; P. van Mulbregt,
 * arXiv:1802.06966; C. Loader, "Fast and accurate computation of binomial probabilities", 2000;
 * xsf cephes/kolmogorov.h (scipy 1.17).
 */

const LOG_2PI = Math.log(2 * Math.PI);
const MINLOG = -745.1332191019412;

function clip01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** Exact product x*y as hi + lo (Dekker), so floor(n x) and its fraction are exact. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const split = (v: number): [number, number] => {
    const c = 134217729 * v;
    const hi = c - (c - v);
    return [hi, v - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const err = ah * bh - p + ah * bl + al * bh + al * bl;
  return [p, err];
}

/** floor(n x) and the fractional part alpha, computed exactly. */
function floorAndFraction(n: number, x: number): { nxFloor: number; alpha: number } {
  const [hi, lo] = twoProduct(n, x);
  let nxFloor = Math.floor(hi);
  let alpha = hi - nxFloor + lo;
  if (alpha < 0) {
    nxFloor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    nxFloor += 1;
    alpha -= 1;
  }
  return { nxFloor, alpha };
}

export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { nxFloor, alpha } = floorAndFraction(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return clip01(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxFloor >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > 1000000) {
    // scipy's approximation for huge n: p ~ exp(-(6 n x + 1)^2 / (18 n))
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // Lower Birnbaum-Tingey sum, v = 0 .. last (all terms positive). Each term is a binomial pmf
  // b(v; n, p_v) / p_v with p_v = x + v/n, evaluated by Loader's saddle-point form so it keeps
  // its relative accuracy even when the sum runs over 1e5 terms.
  const last = n - nxFloor - (alpha === 0 ? 2 : 1);
  let sum = Math.exp(n * Math.log1p(-x)) / x;
  const stirN = stirlingError(n);
  for (let v = 1; v <= last; v++) {
    const up = nxFloor + v + alpha; // n p_v
    const down = n - nxFloor - v - alpha; // n (1 - p_v)
    const lc = stirN - stirlingError(v) - stirlingError(n - v) - devianceTerm(v, up) - devianceTerm(n - v, down);
    const lf = LOG_2PI + Math.log(v) + Math.log1p(-v / n);
    const term = (Math.exp(lc - 0.5 * lf) * n) / up;
    sum += term;
    if (term !== 0 && 4 * (last + 1 - v) * term < Number.EPSILON * sum && v !== last) break;
    if (term === 0 && v > n / 2) break;
  }
  return clip01(x * sum);
}

/** stirlerr(k) = ln(k!) - ln(sqrt(2 pi k) (k/e)^k) (Loader 2000). */
function stirlingError(k: number): number {
  if (k > 15) {
    const k2 = k * k;
    return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / k2) / k2) / k2) / k2) / k;
  }
  return logGamma(k + 1) - (k + 0.5) * Math.log(k) + k - LOG_2PI / 2;
}

/** bd0(k, m) = k ln(k/m) + m - k, by its series when k is near m (Loader 2000). */
function devianceTerm(k: number, m: number): number {
  if (Math.abs(k - m) < 0.1 * (k + m)) {
    let v = (k - m) / (k + m);
    let s = (k - m) * v;
    let ej = 2 * k * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return k * Math.log(k / m) + m - k;
}
