import { invalidInput } from '../../errors.js';

/**
 * Divergences between two discrete distributions given as counts or probabilities over the same
 * categories (both vectors are normalised to sum to 1 first, as scipy does).
 *
 * Formulas (natural log; pass `base` for other units, e.g. 2 for bits):
 *  - KL:  D(p || q) = sum_i p_i ln(p_i / q_i); a term is 0 when p_i = 0 and +Infinity when
 *    p_i > 0 = q_i (scipy.special.rel_entr). `klDivergence(ref, cur)` is "reference relative to
 *    current".
 *  - Jensen-Shannon divergence: JS(p, q) = (D(p || m) + D(q || m)) / 2 with m = (p + q) / 2;
 *    bounded by ln 2 (1 bit); symmetric; JS distance = sqrt(JS), a metric, which is what
 *    scipy.spatial.distance.jensenshannon returns.
 *  - PSI (population stability index): sum_i (p_i - q_i) ln(p_i / q_i) = D(p || q) + D(q || p),
 *    symmetric, +Infinity when a category is empty on one side only.
 * Zero counts: these functions never smooth silently. `smoothCounts` offers two documented
 * choices: 'additive' adds a pseudocount to every category (Laplace / Jeffreys with 1 / 0.5),
 * 'epsilon' floors each probability at epsilon and renormalises (the 1e-4 floor common in PSI
 * practice). The CLI applies additive 0.5 only when some category is empty, and reports it.
 *
 * Example: p = [0.1, 0.2, 0.3, 0.4], q = [0.4, 0.3, 0.2, 0.1]: KL(p||q) = 0.4564348191467836,
 * PSI = 0.9128696382935673, JS distance = 0.32625164411267443 nats (scipy 1.17).
 *
 * References: S. Kullback and R. A. Leibler, Ann. Math. Statist. 22(1), 1951; J. Lin, "Divergence
 * measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1), 1991; B. Yurdakul,
 * "Statistical properties of population stability index", 2018; scipy.stats.entropy and
 * scipy.spatial.distance.jensenshannon 1.17.
 */
export interface DivergenceOptions {
  /** Logarithm base: e (default, nats) or 2 (bits), or any base > 0, != 1. */
  base?: number;
}

export type Smoothing = { kind: 'none' } | { kind: 'additive'; pseudocount: number } | { kind: 'epsilon'; epsilon: number };

function checkPair(p: readonly number[], q: readonly number[], fn: string): void {
  if (p.length !== q.length) throw invalidInput(`${fn}: distributions differ in length (${p.length} vs ${q.length})`);
  if (p.length === 0) throw invalidInput(`${fn}: distributions are empty`);
  for (const v of [...p, ...q]) if (!(v >= 0) || !Number.isFinite(v)) throw invalidInput(`${fn}: counts must be finite and >= 0, got ${v}`);
}

/** Counts or weights scaled to sum to 1. */
export function normalize(counts: readonly number[]): number[] {
  let total = 0;
  for (const c of counts) total += c;
  if (!(total > 0)) throw invalidInput(`normalize: counts sum to ${total}; need a positive total`);
  return counts.map((c) => c / total);
}

/** Applies the chosen smoothing and returns probabilities. */
export function smoothCounts(counts: readonly number[], smoothing: Smoothing): number[] {
  if (smoothing.kind === 'none') return normalize(counts);
  if (smoothing.kind === 'additive') {
    if (!(smoothing.pseudocount > 0)) throw invalidInput(`smoothCounts: pseudocount must be > 0, got ${smoothing.pseudocount}`);
    return normalize(counts.map((c) => c + smoothing.pseudocount));
  }
  if (!(smoothing.epsilon > 0 && smoothing.epsilon < 1)) throw invalidInput(`smoothCounts: epsilon must be in (0, 1), got ${smoothing.epsilon}`);
  return normalize(normalize(counts).map((p) => Math.max(p, smoothing.epsilon)));
}

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

function logBase(options: DivergenceOptions): number {
  const base = options.base ?? Math.E;
  if (!(base > 0) || base === 1) throw invalidInput(`Invalid logarithm base: ${base}`);
  return base === Math.E ? 1 : Math.log(base);
}

/** KL divergence D(p || q) (scipy.stats.entropy(p, q)). */
export function klDivergence(p: readonly number[], q: readonly number[], options: DivergenceOptions = {}): number {
  checkPair(p, q, 'klDivergence');
  const pn = normalize(p);
  const qn = normalize(q);
  let s = 0;
  for (let i = 0; i < pn.length; i++) s += relEntr(pn[i] as number, qn[i] as number);
  return s / logBase(options);
}

function jsSum(p: readonly number[], q: readonly number[], options: DivergenceOptions): number {
  checkPair(p, q, 'jensenShannon');
  const pn = normalize(p);
  const qn = normalize(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = ((pn[i] as number) + (qn[i] as number)) / 2;
    left += relEntr(pn[i] as number, m);
    right += relEntr(qn[i] as number, m);
  }
  return (left + right) / logBase(options);
}

/** Jensen-Shannon divergence (the square of the JS distance); in [0, ln 2] nats. */
export function jsDivergence(p: readonly number[], q: readonly number[], options: DivergenceOptions = {}): number {
  return Math.max(0, jsSum(p, q, options) / 2);
}

/** Jensen-Shannon distance sqrt(JS divergence) (scipy.spatial.distance.jensenshannon). */
export function jsDistance(p: readonly number[], q: readonly number[], options: DivergenceOptions = {}): number {
  return Math.sqrt(Math.max(0, jsSum(p, q, options) / 2));
}

/** Population stability index sum (p_i - q_i) ln(p_i / q_i), with p the reference. */
export function populationStabilityIndex(p: readonly number[], q: readonly number[], options: DivergenceOptions = {}): number {
  checkPair(p, q, 'populationStabilityIndex');
  const pn = normalize(p);
  const qn = normalize(q);
  let s = 0;
  for (let i = 0; i < pn.length; i++) {
    const a = pn[i] as number;
    const b = qn[i] as number;
    if (a === b) continue;
    if (a === 0 || b === 0) return Infinity;
    s += (a - b) * Math.log(a / b);
  }
  return s / logBase(options);
}
