import { erfc } from './erf.js';

/**
 * The standard normal distribution: density, cdf, survival function and quantile (ppf).
 *
 * Formulas: pdf(x) = exp(-x^2/2) / sqrt(2 pi); cdf(x) = erfc(-x / sqrt 2) / 2 (the erfc form keeps
 * full relative accuracy in the lower tail, as scipy.special.ndtr does); sf(x) = cdf(-x).
 * ppf(p) uses Wichura's algorithm AS 241 (PPND16), accurate to about 1 part in 1e16, then one
 * Halley step on cdf(x) - p to polish the last bits.
 *
 * Example: normalCdf(1.96) = 0.9750021048517795; normalPpf(0.975) = 1.959963984540054;
 * normalSf(10) = 7.61985302416047e-24.
 *
 * References: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal
 * distribution", Applied Statistics 37(3), 477-484, 1988; scipy.special.ndtr / ndtri 1.17.
 */

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

export function normalSf(x: number): number {
  return 0.5 * erfc(x * SQRT1_2);
}

const A = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227] as const;
const B = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854] as const;
const C = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414] as const;
const D = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9] as const;
const E = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7] as const;
const F = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15] as const;

function ratio(num: readonly number[], den: readonly number[], r: number): number {
  let n = 0;
  let d = 0;
  for (let i = num.length - 1; i >= 0; i--) {
    n = n * r + (num[i] as number);
    d = d * r + (den[i] as number);
  }
  return n / d;
}

/** Quantile of the standard normal: the x with normalCdf(x) = p. ppf(0) = -Infinity, ppf(1) = Infinity. */
export function normalPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    return q * ratio(A, B, 0.180625 - q * q);
  }
  const tail = q < 0 ? p : 1 - p;
  const r = Math.sqrt(-Math.log(tail));
  let x = r <= 5 ? ratio(C, D, r - 1.6) : ratio(E, F, r - 5);
  if (q < 0) x = -x;
  // One Halley step on the tail probability (computed without cancellation) polishes the result.
  const err = q < 0 ? normalCdf(x) - p : -(normalSf(x) - (1 - p));
  const pdf = normalPdf(x);
  if (pdf > 0 && Number.isFinite(err)) {
    const u = err / pdf;
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

/** Inverse survival function: the x with normalSf(x) = p (exact in the upper tail, where 1 - p would round). */
export function normalIsf(p: number): number {
  return -normalPpf(p);
}
