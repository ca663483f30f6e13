import { invalidInput } from '../errors.js';
import { logGamma } from './special/gamma.js';

/**
 * Seeded pseudo-random numbers for simulations and tests: core code never calls Math.random().
 *
 * - `xoshiro128ss(seed)`: xoshiro128** 1.1 (Blackman & Vigna 2018), state seeded by SplitMix32 from
 *   a 32-bit seed; period 2^128 - 1. The default (`createRng`).
 * - `mulberry32(seed)`: Tommy Ettinger's 32-bit generator; smaller and faster, period 2^32.
 * Both return uniforms in [0, 1) with 32 random bits.
 *
 * Samplers (exact in distribution, given a perfect uniform source):
 * - `sampleNormal`: Marsaglia's polar method, mean + sd * u * sqrt(-2 ln s / s) (one of the pair is
 *   discarded so the sampler keeps no state).
 * - `sampleBinomial(n, p)` and `samplePoisson(lambda)`: inversion by sequential search outward from
 *   the mode, always taking the more probable neighbour next; expected steps O(sqrt(variance)).
 *   pmf(mode) comes from log-gamma, the rest from the ratio recurrences
 *   f(k+1)/f(k) = (n-k)/(k+1) * p/(1-p) and f(k+1)/f(k) = lambda/(k+1).
 *
 * Example: `const rng = createRng(42); sampleBinomial(rng, 1000, 0.05)` gives a count near 50,
 * the same on every run and machine.
 *
 * References: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators", ACM
 * TOMS 47(4), 2021 (https://prng.di.unimi.it/xoshiro128starstar.c); G. Marsaglia and T. A. Bray,
 * "A convenient method for generating normal variables", SIAM Review 6(3), 1964; L. Devroye,
 * "Non-Uniform Random Variate Generation", 1986, chapter X (inversion for discrete laws).
 */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128**: uniforms in [0, 1) from a 32-bit integer seed. */
export function xoshiro128ss(seed: number): Rng {
  if (!Number.isFinite(seed)) throw invalidInput(`Invalid seed: ${seed}`);
  const init = splitmix32(Math.trunc(seed));
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3 >>> 0, 11);
    s0 >>>= 0;
    s1 >>>= 0;
    s2 >>>= 0;
    return result / TWO_POW_32;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** mulberry32: uniforms in [0, 1) from a 32-bit integer seed. */
export function mulberry32(seed: number): Rng {
  if (!Number.isFinite(seed)) throw invalidInput(`Invalid seed: ${seed}`);
  let a = Math.trunc(seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/** The project's default generator (xoshiro128**). */
export function createRng(seed: number): Rng {
  return xoshiro128ss(seed);
}

/** A normal variate with the given mean and standard deviation (Marsaglia polar method). */
export function sampleNormal(rng: Rng, mean = 0, sd = 1): number {
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** An integer uniform on [0, n). */
export function sampleIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * Inversion searching outward from the mode. `pmfMode` is pmf(mode); `up(k)` = pmf(k+1)/pmf(k),
 * `down(k)` = pmf(k-1)/pmf(k); `max` is the largest support point (Infinity for Poisson).
 */
function searchFromMode(u: number, mode: number, pmfMode: number, max: number, up: (k: number) => number, down: (k: number) => number): number {
  let acc = pmfMode;
  if (u < acc) return mode;
  let lo = mode;
  let hi = mode;
  let fLo = lo > 0 ? pmfMode * down(lo) : 0;
  let fHi = hi < max ? pmfMode * up(hi) : 0;
  for (;;) {
    if (fLo <= 0 && fHi <= 0) return mode; // u beyond the total mass after rounding: vanishingly rare
    if (fHi >= fLo) {
      hi += 1;
      acc += fHi;
      if (u < acc) return hi;
      fHi = hi < max ? fHi * up(hi) : 0;
    } else {
      lo -= 1;
      acc += fLo;
      if (u < acc) return lo;
      fLo = lo > 0 ? fLo * down(lo) : 0;
    }
  }
}

/** A binomial variate: successes in n independent trials of probability p. */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw invalidInput(`Invalid binomial n: ${n}`);
  if (!(p >= 0 && p <= 1)) throw invalidInput(`Invalid binomial p: ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logPmf = logGamma(n + 1) - logGamma(mode + 1) - logGamma(n - mode + 1) + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
  const odds = p / q;
  return searchFromMode(rng(), mode, Math.exp(logPmf), n, (k) => ((n - k) / (k + 1)) * odds, (k) => (k / (n - k + 1)) / odds);
}

/** A Poisson variate with mean lambdaMean. */
export function samplePoisson(rng: Rng, lambdaMean: number): number {
  if (!(lambdaMean >= 0) || !Number.isFinite(lambdaMean)) throw invalidInput(`Invalid Poisson mean: ${lambdaMean}`);
  if (lambdaMean === 0) return 0;
  const mode = Math.floor(lambdaMean);
  const logPmf = mode * Math.log(lambdaMean) - lambdaMean - logGamma(mode + 1);
  return searchFromMode(rng(), mode, Math.exp(logPmf), Infinity, (k) => lambdaMean / (k + 1), (k) => k / lambdaMean);
}
