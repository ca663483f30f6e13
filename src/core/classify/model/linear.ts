import { invalidInput } from '../../errors.js';
import type { SparseVector } from '../text/sparse.js';

/**
 * A linear classifier over sparse features.
 * - `binary`: one weight row; P(classes[1] | x) = σ(w·x + b), P(classes[0]) = 1 − that.
 * - `softmax`: one row per class; P(k | x) = exp(w_k·x + b_k) / Σ_j exp(w_j·x + b_j).
 * Weights are stored feature-major (`weights[j * rows + r]`) so one feature index touches all
 * class rows in one cache line. Reference: Bishop, Pattern Recognition and Machine Learning,
 * §4.3.2 (logistic regression) and §4.3.4 (multiclass).
 * Example: binary, w = [2], b = −1, x = {0: 1} → σ(1) = 0.731 for classes[1].
 */
export interface LinearModel {
  readonly kind: 'binary' | 'softmax';
  readonly classes: readonly string[];
  /** Input dimension: hash buckets plus any appended extra features. */
  readonly dim: number;
  /** dim × rows, feature-major; rows = 1 (binary) or classes.length (softmax). */
  readonly weights: Float32Array;
  readonly bias: Float64Array;
}

export function modelRows(model: Pick<LinearModel, 'kind' | 'classes'>): number {
  return model.kind === 'binary' ? 1 : model.classes.length;
}

export function createLinearModel(kind: 'binary' | 'softmax', classes: readonly string[], dim: number): LinearModel {
  if (classes.length < 2 || new Set(classes).size !== classes.length) {
    throw invalidInput(`a model needs at least two distinct classes, got ${JSON.stringify(classes)}`);
  }
  if (kind === 'binary' && classes.length !== 2) {
    throw invalidInput(`a binary model has exactly two classes, got ${classes.length}`);
  }
  if (!Number.isInteger(dim) || dim < 1) throw invalidInput(`model dim must be a positive integer, got ${dim}`);
  const rows = kind === 'binary' ? 1 : classes.length;
  return { kind, classes: [...classes], dim, weights: new Float32Array(dim * rows), bias: new Float64Array(rows) };
}

/** Raw scores w_r·x + b_r, one per row, written into `out`. Indices ≥ dim are ignored. */
export function linearScores(model: LinearModel, vec: SparseVector, out: Float64Array = new Float64Array(modelRows(model))): Float64Array {
  const rows = out.length;
  const { weights, dim } = model;
  for (let r = 0; r < rows; r++) out[r] = model.bias[r]!;
  const { indices, values } = vec;
  if (rows === 1) {
    let s = out[0]!;
    for (let i = 0; i < indices.length; i++) {
      const j = indices[i]!;
      if (j < dim) s += values[i]! * weights[j]!;
    }
    out[0] = s;
    return out;
  }
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i]!;
    if (j >= dim) continue;
    const v = values[i]!;
    const base = j * rows;
    for (let r = 0; r < rows; r++) out[r] = out[r]! + v * weights[base + r]!;
  }
  return out;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Softmax in place, shifted by the max for numerical safety. */
export function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i]! - max);
    sum += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i] = z[i]! / sum;
  return z;
}

/** Class probabilities in `model.classes` order. */
export function predictProba(model: LinearModel, vec: SparseVector): Float64Array {
  const z = linearScores(model, vec);
  if (model.kind === 'binary') {
    const p = sigmoid(z[0]!);
    return Float64Array.of(1 - p, p);
  }
  return softmaxInPlace(z);
}

/** Probabilities keyed by class name. */
export function predictProbaRecord(model: LinearModel, vec: SparseVector): Record<string, number> {
  const p = predictProba(model, vec);
  const out: Record<string, number> = {};
  model.classes.forEach((c, i) => (out[c] = p[i]!));
  return out;
}

/** Index of the most probable class. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
