import { invalidInput } from '../../errors.js';
import type { SparseVector } from '../text/sparse.js';
import { createLinearModel, linearScores, modelRows, sigmoid, softmaxInPlace, type LinearModel } from './linear.js';
import { createPrng, shuffleInPlace } from './prng.js';

export type ClassWeights = 'balanced' | 'none' | Readonly<Record<string, number>>;

export interface TrainLinearOptions {
  rows: readonly SparseVector[];
  /** One label per row: a class name, or an index into `classes`. */
  labels: readonly (string | number)[];
  classes: readonly string[];
  /** Input dimension (hash buckets + extras). Defaults to 1 + the largest index seen. */
  dim?: number;
  /** 'binary' needs two classes; default: binary for two classes, softmax otherwise. */
  kind?: 'binary' | 'softmax';
  /** L2 strength λ (see below). Default 1e-6. */
  l2?: number;
  /** 'balanced' weighs class k by n / (K · n_k), as scikit-learn. Default 'balanced'. */
  classWeights?: ClassWeights;
  /** Per-row weights multiplied into the class weight. */
  sampleWeights?: readonly number[];
  /** Passes over the data. Default 10. */
  epochs?: number;
  /** AdaGrad base step. Default 0.5. */
  learningRate?: number;
  /** Seed for the per-epoch shuffle. Default 1. */
  seed?: number;
  /** Called after each epoch with the mean weighted log-loss of that epoch. */
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/**
 * Trains a logistic (binary) or softmax (multinomial) regression by AdaGrad stochastic gradient
 * descent (Duchi, Hazan & Singer, JMLR 2011).
 *
 * Loss per row i with class weight c_i: c_i · (−log p(y_i | x_i)). Gradient of row i for class row
 * r: g_r = c_i · (p_r − [y_i = r]); the update for feature j present in x_i is
 *   G_rj += (g_r x_ij + λ w_rj)²,  w_rj −= η (g_r x_ij + λ w_rj) / (√G_rj + 1e-8).
 * The L2 term is applied to the features a row touches (the usual sparse-SGD shortcut, as in
 * Vowpal Wabbit), so rare features are shrunk less often than common ones. Biases are not
 * regularised.
 *
 * Deterministic: the only randomness is the shuffle, drawn from mulberry32(seed), and the float
 * operations run in a fixed order, so the same inputs and seed give the same weights bit for bit.
 * Example: two rows {0:1}→"b" and {1:1}→"a" give w_0 > 0 > w_1 after a few epochs.
 */
export function trainLinear(options: TrainLinearOptions): LinearModel {
  const { rows, labels, classes } = options;
  if (rows.length === 0) throw invalidInput('trainLinear: no training rows');
  if (rows.length !== labels.length) throw invalidInput(`trainLinear: ${rows.length} rows but ${labels.length} labels`);
  const kind = options.kind ?? (classes.length === 2 ? 'binary' : 'softmax');
  const y = encodeLabels(labels, classes);
  let maxIndex = 0;
  for (const r of rows) for (let i = 0; i < r.indices.length; i++) maxIndex = Math.max(maxIndex, r.indices[i]!);
  const dim = options.dim ?? maxIndex + 1;
  if (maxIndex >= dim) throw invalidInput(`trainLinear: feature index ${maxIndex} is outside dim ${dim}`);
  const l2 = options.l2 ?? 1e-6;
  const epochs = options.epochs ?? 10;
  const eta = options.learningRate ?? 0.5;
  if (!(l2 >= 0) || !(epochs >= 1) || !(eta > 0)) {
    throw invalidInput(`trainLinear: need l2 >= 0, epochs >= 1, learningRate > 0; got ${l2}, ${epochs}, ${eta}`);
  }
  const weightOf = rowWeights(y, classes, options.classWeights ?? 'balanced', options.sampleWeights);

  const model = createLinearModel(kind, classes, dim);
  const nRows = modelRows(model);
  const w = model.weights;
  const b = model.bias as Float64Array;
  const gsq = new Float64Array(w.length);
  const bsq = new Float64Array(nRows);
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  const rng = createPrng(options.seed ?? 1);
  const z = new Float64Array(nRows);
  const g = new Float64Array(nRows);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffleInPlace(order, rng);
    let lossSum = 0;
    let weightSum = 0;
    for (let o = 0; o < order.length; o++) {
      const i = order[o]!;
      const cw = weightOf[i]!;
      if (cw === 0) continue;
      const x = rows[i]!;
      const yi = y[i]!;
      linearScores(model, x, z);
      if (kind === 'binary') {
        const p = sigmoid(z[0]!);
        const target = yi === 1 ? 1 : 0;
        g[0] = cw * (p - target);
        lossSum -= cw * Math.log(Math.max(1e-15, target === 1 ? p : 1 - p));
      } else {
        softmaxInPlace(z);
        for (let r = 0; r < nRows; r++) g[r] = cw * (z[r]! - (r === yi ? 1 : 0));
        lossSum -= cw * Math.log(Math.max(1e-15, z[yi]!));
      }
      weightSum += cw;
      for (let r = 0; r < nRows; r++) {
        const gr = g[r]!;
        bsq[r] = bsq[r]! + gr * gr;
        b[r] = b[r]! - (eta * gr) / (Math.sqrt(bsq[r]!) + 1e-8);
      }
      const { indices, values } = x;
      for (let k = 0; k < indices.length; k++) {
        const base = indices[k]! * nRows;
        const v = values[k]!;
        for (let r = 0; r < nRows; r++) {
          const at = base + r;
          const grad = g[r]! * v + l2 * w[at]!;
          if (grad === 0) continue;
          gsq[at] = gsq[at]! + grad * grad;
          w[at] = w[at]! - (eta * grad) / (Math.sqrt(gsq[at]!) + 1e-8);
        }
      }
    }
    options.onEpoch?.(epoch, weightSum > 0 ? lossSum / weightSum : 0);
  }
  return model;
}

/** Class indices of `labels` (names or indices) in `classes` order; throws naming the first bad label. */
export function encodeLabels(labels: readonly (string | number)[], classes: readonly string[]): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    const k = typeof label === 'number' ? label : index.get(label);
    if (k === undefined || !Number.isInteger(k) || k < 0 || k >= classes.length) {
      throw invalidInput(`trainLinear: label ${JSON.stringify(label)} of row ${i} is not one of ${JSON.stringify(classes)}`);
    }
    y[i] = k;
  });
  return y;
}

/** Per-row training weight: class weight ('balanced' as scikit-learn) times the sample weight. */
export function rowWeights(y: Int32Array, classes: readonly string[], cw: ClassWeights, sample?: readonly number[]): Float64Array {
  if (sample && sample.length !== y.length) throw invalidInput(`trainLinear: ${sample.length} sample weights for ${y.length} rows`);
  const counts = new Float64Array(classes.length);
  for (let i = 0; i < y.length; i++) counts[y[i]!] = counts[y[i]!]! + (sample?.[i] ?? 1);
  const total = counts.reduce((a, v) => a + v, 0);
  const present = counts.filter((v) => v > 0).length;
  const perClass = classes.map((c, k) => {
    if (cw === 'none') return 1;
    if (cw === 'balanced') return counts[k]! > 0 ? total / (present * counts[k]!) : 0;
    const v = cw[c] ?? 1;
    if (!(v >= 0)) throw invalidInput(`trainLinear: class weight for ${c} must be >= 0, got ${v}`);
    return v;
  });
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = perClass[y[i]!]! * (sample?.[i] ?? 1);
  return out;
}
