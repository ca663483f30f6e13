import { invalidInput } from '../../errors.js';
import { createRng, type Rng } from '../random.js';
import { checkMatrix } from './standardizer.js';
import { quantileLinear } from './quantile.js';

const EULER_GAMMA = 0.5772156649;

/**
 * Average path length of an unsuccessful search in a binary search tree of n points, the depth
 * correction for a leaf still holding n points (Liu, Ting & Zhou 2008, eq. 1; scikit-learn 1.x
 * `_average_path_length`): c(n) = 2 (ln(n - 1) + gamma) - 2 (n - 1) / n, with c(1) = 0, c(2) = 1.
 * Example: c(256) = 2 (ln 255 + 0.5772) - 2 * 255 / 256 = 10.2448.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n <= 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** One tree as flat arrays: feature < 0 marks a leaf holding `size` training points. */
export interface IsolationTree { feature: number[]; threshold: number[]; left: number[]; right: number[]; size: number[] }

export interface IsolationForestModel {
  kind: 'isolation-forest';
  nFeatures: number;
  maxSamples: number;
  trees: IsolationTree[];
  /** decision_function = score - offset; below 0 is an outlier. -0.5 for contamination 'auto'. */
  offset: number;
  contamination: number | 'auto';
  seed: number;
}

export interface IsolationForestOptions {
  nEstimators?: number;
  /** Points per tree; default min(256, n). */
  maxSamples?: number;
  contamination?: number | 'auto';
  seed?: number;
}

function buildTree(x: Float64Array, d: number, idx: Int32Array, maxDepth: number, rng: Rng): IsolationTree {
  const t: IsolationTree = { feature: [], threshold: [], left: [], right: [], size: [] };
  const grow = (lo: number, hi: number, depth: number): number => {
    const id = t.feature.length;
    t.feature.push(-1); t.threshold.push(0); t.left.push(-1); t.right.push(-1); t.size.push(hi - lo);
    if (depth >= maxDepth || hi - lo <= 1) return id;
    // Draw features without replacement until one is not constant in this node (scikit-learn's
    // random splitter with max_features = 1); a node constant in every feature is a leaf.
    const features = Array.from({ length: d }, (_, j) => j);
    for (let remaining = d; remaining > 0; remaining--) {
      const pick = Math.floor(rng() * remaining);
      const f = features[pick]!;
      features[pick] = features[remaining - 1]!;
      let min = Infinity, max = -Infinity;
      for (let i = lo; i < hi; i++) { const v = x[idx[i]! * d + f]!; if (v < min) min = v; if (v > max) max = v; }
      if (!(max > min)) continue;
      let thr = min + rng() * (max - min);
      if (thr >= max) thr = min; // guard the open interval against rounding
      let mid = lo;
      for (let i = lo; i < hi; i++) {
        if (x[idx[i]! * d + f]! <= thr) { const tmp = idx[i]!; idx[i] = idx[mid]!; idx[mid] = tmp; mid++; }
      }
      t.feature[id] = f; t.threshold[id] = thr;
      t.left[id] = grow(lo, mid, depth + 1);
      t.right[id] = grow(mid, hi, depth + 1);
      return id;
    }
    return id;
  };
  grow(0, idx.length, 0);
  return t;
}

/**
 * Isolation forest (Liu, Ting & Zhou 2008, ICDM) with scikit-learn 1.x's semantics and defaults:
 * 100 trees, each on min(256, n) points drawn without replacement, every feature available, a
 * random feature and a uniform split between its node min and max, depth limit ceil(log2 psi).
 * Path length h(x) = leaf depth + c(leaf size); score s(x) = -2^(-E[h(x)] / c(psi)) (scikit-learn's
 * `score_samples`, lower is more abnormal). offset = -0.5 for contamination 'auto', else the
 * contamination quantile of the training scores; decision = s - offset, an outlier below 0.
 * Example: 1000 points of N(0, I_2) plus one at (8, 8): that point scores about -0.75, the
 * inliers about -0.4.
 */
export function fitIsolationForest(rows: readonly (readonly number[])[], options: IsolationForestOptions = {}): IsolationForestModel {
  const d = checkMatrix(rows);
  const n = rows.length;
  const nEstimators = options.nEstimators ?? 100;
  const contamination = options.contamination ?? 'auto';
  const seed = options.seed ?? 0;
  if (!Number.isInteger(nEstimators) || nEstimators < 1) throw invalidInput(`nEstimators must be an integer >= 1, got ${nEstimators}`);
  if (contamination !== 'auto' && !(contamination > 0 && contamination <= 0.5)) throw invalidInput(`contamination must be 'auto' or in (0, 0.5], got ${contamination}`);
  const maxSamples = Math.min(options.maxSamples ?? 256, n);
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw invalidInput(`maxSamples must be an integer >= 1, got ${options.maxSamples}`);
  const x = new Float64Array(n * d);
  rows.forEach((r, i) => r.forEach((v, j) => { x[i * d + j] = v; }));
  const rng = createRng(seed);
  const maxDepth = Math.ceil(Math.log2(Math.max(maxSamples, 2)));
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const trees: IsolationTree[] = [];
  for (let k = 0; k < nEstimators; k++) {
    for (let i = 0; i < maxSamples; i++) { // partial Fisher-Yates: a sample without replacement
      const j = i + Math.floor(rng() * (n - i));
      const tmp = pool[i]!; pool[i] = pool[j]!; pool[j] = tmp;
    }
    trees.push(buildTree(x, d, pool.slice(0, maxSamples), maxDepth, rng));
  }
  const model: IsolationForestModel = { kind: 'isolation-forest', nFeatures: d, maxSamples, trees, offset: -0.5, contamination, seed };
  if (contamination !== 'auto') model.offset = quantileLinear(scoreSamples(model, rows), contamination);
  return model;
}

/** Trees packed into typed arrays, each leaf holding depth + c(size); built once per model. */
interface PackedForest { feature: Int32Array; threshold: Float64Array; left: Int32Array; right: Int32Array; leafValue: Float64Array; roots: Int32Array }
const packedCache = new WeakMap<IsolationForestModel, PackedForest>();

function pack(model: IsolationForestModel): PackedForest {
  const cached = packedCache.get(model);
  if (cached) return cached;
  const total = model.trees.reduce((a, t) => a + t.feature.length, 0);
  const p: PackedForest = {
    feature: new Int32Array(total), threshold: new Float64Array(total), left: new Int32Array(total),
    right: new Int32Array(total), leafValue: new Float64Array(total), roots: new Int32Array(model.trees.length),
  };
  let base = 0;
  model.trees.forEach((t, k) => {
    p.roots[k] = base;
    const depth = new Int32Array(t.feature.length);
    for (let i = 0; i < t.feature.length; i++) {
      p.feature[base + i] = t.feature[i]!;
      p.threshold[base + i] = t.threshold[i]!;
      p.left[base + i] = base + t.left[i]!;
      p.right[base + i] = base + t.right[i]!;
      if (t.feature[i]! >= 0) { depth[t.left[i]!] = depth[i]! + 1; depth[t.right[i]!] = depth[i]! + 1; }
      else p.leafValue[base + i] = depth[i]! + averagePathLength(t.size[i]!);
    }
    base += t.feature.length;
  });
  packedCache.set(model, p);
  return p;
}

/** scikit-learn's `score_samples`: -2^(-mean path length / c(maxSamples)); in [-1, 0), lower = more abnormal. */
export function scoreSamples(model: IsolationForestModel, rows: readonly (readonly number[])[]): Float64Array {
  const d = checkMatrix(rows);
  if (d !== model.nFeatures) throw invalidInput(`rows have ${d} features, the forest was fitted on ${model.nFeatures}`);
  const p = pack(model);
  const out = new Float64Array(rows.length);
  const norm = averagePathLength(model.maxSamples) * model.trees.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let total = 0;
    for (let k = 0; k < p.roots.length; k++) {
      let node = p.roots[k]!;
      let f = p.feature[node]!;
      while (f >= 0) {
        node = r[f]! <= p.threshold[node]! ? p.left[node]! : p.right[node]!;
        f = p.feature[node]!;
      }
      total += p.leafValue[node]!;
    }
    out[i] = -Math.pow(2, -total / (norm > 0 ? norm : 1));
  }
  return out;
}

/** score - offset: negative for outliers (scikit-learn's `decision_function`). */
export function decisionFunction(model: IsolationForestModel, rows: readonly (readonly number[])[]): Float64Array {
  return scoreSamples(model, rows).map((s) => s - model.offset);
}

/** true where a row is an outlier (decision < 0), scikit-learn's `predict` == -1. */
export function isOutlier(model: IsolationForestModel, rows: readonly (readonly number[])[]): boolean[] {
  return Array.from(decisionFunction(model, rows), (v) => v < 0);
}
