import { invalidInput } from '../../errors.js';
import type { SparseVector } from '../text/sparse.js';
import { softmaxInPlace } from './linear.js';

/**
 * A one-hidden-layer network over the shared sparse vector, for multi-class tasks:
 *   a = W1ᵀx + b1,  h = act(a),  P(k | x) = softmax(W2ᵀh + b2)_k
 * with act = ReLU ('relu') or the identity ('bag': a fastText-style averaged embedding bag, a
 * low-rank linear model; Joulin et al., "Bag of Tricks for Efficient Text Classification", 2017).
 * W1 is feature-major (`w1[j * hidden + u]`) so one input feature reads one contiguous row; W2 is
 * hidden-major (`w2[u * classes + k]`). Cost per text: nnz(x) · hidden + hidden · classes.
 * Example: hidden 1, relu, w1 = [1], b1 = 0, w2 = [2, -2], b2 = [0, 0], x = {0: 1}:
 * a = 1, h = 1, z = [2, -2], P = [0.982, 0.018].
 * No shipped model uses it yet: measured against the linear models in
 * scripts/models/experiments/RESULTS.md (a small harm-category gain for about 1.4–2× the CPU).
 */
export interface MlpModel {
  readonly activation: 'relu' | 'bag';
  readonly classes: readonly string[];
  readonly dim: number;
  readonly hidden: number;
  readonly w1: Float32Array;
  readonly b1: Float64Array;
  readonly w2: Float32Array;
  readonly b2: Float64Array;
}

export function createMlpModel(activation: MlpModel['activation'], classes: readonly string[], dim: number, hidden: number): MlpModel {
  if (classes.length < 2 || new Set(classes).size !== classes.length) {
    throw invalidInput(`an MLP needs at least two distinct classes, got ${JSON.stringify(classes)}`);
  }
  if (!Number.isInteger(dim) || dim < 1) throw invalidInput(`MLP dim must be a positive integer, got ${dim}`);
  if (!Number.isInteger(hidden) || hidden < 1) throw invalidInput(`MLP hidden size must be a positive integer, got ${hidden}`);
  const k = classes.length;
  return {
    activation, classes: [...classes], dim, hidden,
    w1: new Float32Array(dim * hidden), b1: new Float64Array(hidden),
    w2: new Float32Array(hidden * k), b2: new Float64Array(k),
  };
}

/** Pre-activations a = W1ᵀx + b1 into `a`; indices ≥ dim are ignored (as linearScores). */
export function mlpHiddenInput(model: MlpModel, vec: SparseVector, a: Float64Array): Float64Array {
  const { hidden, w1, dim } = model;
  for (let u = 0; u < hidden; u++) a[u] = model.b1[u]!;
  const { indices, values } = vec;
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i]!;
    if (j >= dim) continue;
    const v = values[i]!;
    const base = j * hidden;
    for (let u = 0; u < hidden; u++) a[u] = a[u]! + v * w1[base + u]!;
  }
  return a;
}

/** Output logits from the hidden pre-activations: h = act(a) is written into `h`, logits into `z`. */
export function mlpLogits(model: MlpModel, a: Float64Array, h: Float64Array, z: Float64Array): Float64Array {
  const { hidden, w2 } = model;
  const k = model.classes.length;
  for (let u = 0; u < hidden; u++) h[u] = model.activation === 'relu' && a[u]! < 0 ? 0 : a[u]!;
  for (let c = 0; c < k; c++) z[c] = model.b2[c]!;
  for (let u = 0; u < hidden; u++) {
    const hu = h[u]!;
    if (hu === 0) continue;
    const base = u * k;
    for (let c = 0; c < k; c++) z[c] = z[c]! + hu * w2[base + c]!;
  }
  return z;
}

/** Class probabilities in `model.classes` order. */
export function mlpPredictProba(model: MlpModel, vec: SparseVector): Float64Array {
  const a = mlpHiddenInput(model, vec, new Float64Array(model.hidden));
  const z = mlpLogits(model, a, new Float64Array(model.hidden), new Float64Array(model.classes.length));
  return softmaxInPlace(z);
}
