import { invalidInput } from '../../errors.js';
import { logGamma } from '../special/index.js';

export interface BocpdOptions {
  /** Expected run length lambda of the constant hazard H = 1 / lambda (default 250). */
  expectedRunLength?: number;
  /** Normal-gamma prior: mean mu0, pseudo-count kappa0, shape alpha0, rate beta0 (defaults 0, 1, 1, 1). */
  mu0?: number; kappa0?: number; alpha0?: number; beta0?: number;
  /** Run-length hypotheses kept per step (the oldest are dropped): bounds the work at O(R) (default 1000). */
  maxRunLength?: number;
  /** Hypotheses whose posterior falls below this probability are dropped (default 1e-12). */
  minProbability?: number;
}

export interface BocpdStep {
  /** Most probable number of points in the current run, counting this one (1 = a change here). */
  mapRunLength: number;
  /** Posterior probability that the current run holds at most `recentWindow` points. */
  recentChangeProbability: number;
}

export interface BocpdDetector {
  update(x: number, recentWindow?: number): BocpdStep;
  /** Run lengths (points in the current run, this one included) and their posterior probabilities. */
  posterior(): { runLengths: number[]; probabilities: number[] };
}

const logSumExp = (a: Float64Array, n: number) => {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (a[i]! > m) m = a[i]!;
  if (m === -Infinity) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(a[i]! - m);
  return m + Math.log(s);
};

/**
 * Bayesian online change-point detection (Adams & MacKay 2007, arXiv:0710.3742) for a Gaussian
 * stream with unknown mean and variance. Each run-length hypothesis r carries the normal-gamma
 * posterior of the points in its run; the predictive is Student-t with 2 alpha degrees of freedom,
 * location mu and scale^2 = beta (kappa + 1) / (alpha kappa). With constant hazard H, per step:
 *   prior(0) = H * sum_r post(r),  prior(r + 1) = (1 - H) post(r),
 *   post(r) ∝ prior(r) * t_{2 alpha_r}(x | mu_r, scale_r),
 * all in log space (log-sum-exp), so long quiet runs do not underflow. Hypotheses below
 * `minProbability` and beyond `maxRunLength` are dropped and the rest renormalised: O(R) per step.
 * Example: 100 points of N(0,1) then 100 of N(5,1), default options: the MAP run length falls to
 * a few points within three steps of index 100.
 */
export function createBocpd(options: BocpdOptions = {}): BocpdDetector {
  const lambda = options.expectedRunLength ?? 250;
  if (!(lambda > 1)) throw invalidInput(`expectedRunLength must be > 1, got ${lambda}`);
  const mu0 = options.mu0 ?? 0, kappa0 = options.kappa0 ?? 1, alpha0 = options.alpha0 ?? 1, beta0 = options.beta0 ?? 1;
  if (!(kappa0 > 0 && alpha0 > 0 && beta0 > 0)) throw invalidInput(`prior needs kappa0, alpha0, beta0 > 0, got ${kappa0}, ${alpha0}, ${beta0}`);
  const cap = Math.max(2, options.maxRunLength ?? 1000);
  const logMin = Math.log(options.minProbability ?? 1e-12);
  const logH = Math.log(1 / lambda);
  const log1mH = Math.log1p(-1 / lambda);

  // Hypothesis i: run of `len[i]` earlier points with posterior (mu, kappa, alpha, beta), log prob.
  let size = 0;
  // Current state, and the transition buffers (n*) the next step builds before folding in x.
  const len = new Int32Array(cap + 1), mu = new Float64Array(cap + 1), kappa = new Float64Array(cap + 1);
  const alpha = new Float64Array(cap + 1), beta = new Float64Array(cap + 1), logp = new Float64Array(cap + 1);
  const nLen = new Int32Array(cap + 1), nMu = new Float64Array(cap + 1), nKappa = new Float64Array(cap + 1);
  const nAlpha = new Float64Array(cap + 1), nBeta = new Float64Array(cap + 1), nLogp = new Float64Array(cap + 1);
  const work = new Float64Array(cap + 1);
  let started = false;

  // lgamma(alpha + 1/2) - lgamma(alpha) for alpha = alpha0 + r/2, cached by run length r.
  let lgDiff = new Float64Array(0);
  const lgFor = (r: number) => {
    if (r >= lgDiff.length) {
      const grown = new Float64Array(Math.max(2 * lgDiff.length, r + 64)).fill(NaN);
      grown.set(lgDiff); lgDiff = grown;
    }
    let v = lgDiff[r]!;
    if (Number.isNaN(v)) { const a = alpha0 + r / 2; v = logGamma(a + 0.5) - logGamma(a); lgDiff[r] = v; }
    return v;
  };
  const logStudent = (x: number, r: number, m: number, k: number, a: number, b: number) => {
    const nu = 2 * a;
    const scale2 = (b * (k + 1)) / (a * k);
    const z = ((x - m) * (x - m)) / (nu * scale2);
    return lgFor(r) - 0.5 * Math.log(nu * Math.PI * scale2) - ((nu + 1) / 2) * Math.log1p(z);
  };

  return {
    update(x, recentWindow = 5) {
      if (!Number.isFinite(x)) throw invalidInput(`bocpd update: value is ${x}, expected a finite number`);
      // Transition: a new run (prior) first, then every run grows by one; then weight by predictive.
      let m = 0;
      nLen[m] = 0; nMu[m] = mu0; nKappa[m] = kappa0; nAlpha[m] = alpha0; nBeta[m] = beta0;
      nLogp[m] = started ? logH : 0; m++;
      for (let i = 0; i < size && m <= cap; i++) {
        nLen[m] = len[i]!; nMu[m] = mu[i]!; nKappa[m] = kappa[i]!; nAlpha[m] = alpha[i]!; nBeta[m] = beta[i]!;
        nLogp[m] = logp[i]! + log1mH; m++;
      }
      started = true;
      for (let i = 0; i < m; i++) work[i] = nLogp[i]! + logStudent(x, nLen[i]!, nMu[i]!, nKappa[i]!, nAlpha[i]!, nBeta[i]!);
      const z = logSumExp(work, m);
      // Normalise, prune, and fold x into each surviving run's posterior.
      let kept = 0;
      let best = 0, bestLp = -Infinity, recent = 0;
      for (let i = 0; i < m; i++) {
        const lp = work[i]! - z;
        if (lp < logMin && i > 0) continue;
        const k = nKappa[i]!;
        const d = x - nMu[i]!;
        len[kept] = nLen[i]! + 1;
        mu[kept] = (k * nMu[i]! + x) / (k + 1);
        kappa[kept] = k + 1;
        alpha[kept] = nAlpha[i]! + 0.5;
        beta[kept] = nBeta[i]! + (k * d * d) / (2 * (k + 1));
        logp[kept] = lp;
        if (lp > bestLp) { bestLp = lp; best = len[kept]!; }
        if (len[kept]! <= recentWindow) recent += Math.exp(lp);
        kept++;
      }
      size = kept;
      // Renormalise after pruning so probabilities keep summing to one.
      const z2 = logSumExp(logp, size);
      for (let i = 0; i < size; i++) logp[i] = logp[i]! - z2;
      return { mapRunLength: best, recentChangeProbability: Math.min(1, recent / Math.exp(z2)) };
    },
    posterior() {
      return { runLengths: Array.from(len.subarray(0, size)), probabilities: Array.from(logp.subarray(0, size), Math.exp) };
    },
  };
}

/**
 * Offline segmentation with BOCPD: run the stream, keep the MAP run length at every point, then
 * read segments back from the end (each segment is the MAP run at its own last point), merging
 * any shorter than `minSize` into the segment before it.
 */
export function bocpdSegment(values: ArrayLike<number>, minSize: number, options: BocpdOptions = {}): number[] {
  const det = createBocpd(options);
  const runs = new Int32Array(values.length);
  for (let t = 0; t < values.length; t++) runs[t] = det.update(values[t]!).mapRunLength;
  const cps: number[] = [];
  let t = values.length - 1;
  while (t >= 0) {
    const start = t - runs[t]! + 1;
    if (start > 0) cps.push(start);
    t = start - 1;
  }
  cps.reverse();
  const kept: number[] = [];
  let prev = 0;
  for (const c of cps) {
    if (c - prev >= minSize && values.length - c >= minSize) { kept.push(c); prev = c; }
  }
  return kept;
}
