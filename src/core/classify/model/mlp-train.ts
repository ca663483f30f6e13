import { invalidInput } from '../../errors.js';
import type { SparseVector } from '../text/sparse.js';
import { softmaxInPlace } from './linear.js';
import { createMlpModel, mlpHiddenInput, mlpLogits, type MlpModel } from './mlp.js';
import { createPrng, shuffleInPlace } from './prng.js';
import { encodeLabels, rowWeights, type ClassWeights } from './train.js';

export interface TrainMlpOptions {
  rows: readonly SparseVector[];
  labels: readonly (string | number)[];
  classes: readonly string[];
  dim: number;
  /** Hidden units. Default 32. */
  hidden?: number;
  /** 'relu' (default) or 'bag' (identity: a fastText-style embedding bag). */
  activation?: MlpModel['activation'];
  /** L2 strength on touched weights, as trainLinear. Default 1e-6. */
  l2?: number;
  /** Share of hidden units zeroed per training row (inverted dropout). Default 0. */
  dropout?: number;
  classWeights?: ClassWeights;
  sampleWeights?: readonly number[];
  /** Default 10. */
  epochs?: number;
  /** AdaGrad base step. Default 0.1. */
  learningRate?: number;
  /** Seeds the output-layer initialisation, the shuffle and dropout. Default 1. */
  seed?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/**
 * Trains an MlpModel by AdaGrad SGD on the class-weighted cross-entropy, back-propagating through
 * the hidden layer; L2 is applied lazily to the W1 rows a text touches (as trainLinear).
 *
 * Initialisation: W1 = 0, so a feature never seen in training adds nothing at inference (random
 * rows for the many unseen hash buckets would add noise to every test text); b1 = 0.1 keeps ReLU
 * units open at the start; W2 is uniform in ±√(6 / (hidden + classes)) (Glorot), which breaks the
 * symmetry between hidden units because each unit's W1 gradient is x · (W2ᵀ(p − y))_u.
 * Deterministic for a seed: one mulberry32 stream draws W2, the shuffles and the dropout masks.
 */
export function trainMlp(options: TrainMlpOptions): MlpModel {
  const { rows, labels, classes, dim } = options;
  if (rows.length === 0) throw invalidInput('trainMlp: no training rows');
  if (rows.length !== labels.length) throw invalidInput(`trainMlp: ${rows.length} rows but ${labels.length} labels`);
  const hidden = options.hidden ?? 32;
  const l2 = options.l2 ?? 1e-6;
  const epochs = options.epochs ?? 10;
  const eta = options.learningRate ?? 0.1;
  const dropout = options.dropout ?? 0;
  if (!(l2 >= 0) || !(epochs >= 1) || !(eta > 0) || !(dropout >= 0 && dropout < 1)) {
    throw invalidInput(`trainMlp: need l2 >= 0, epochs >= 1, learningRate > 0, 0 <= dropout < 1; got ${l2}, ${epochs}, ${eta}, ${dropout}`);
  }
  const y = encodeLabels(labels, classes);
  const weightOf = rowWeights(y, classes, options.classWeights ?? 'balanced', options.sampleWeights);
  const model = createMlpModel(options.activation ?? 'relu', classes, dim, hidden);
  const k = classes.length;
  const rng = createPrng(options.seed ?? 1);
  const scale = Math.sqrt(6 / (hidden + k));
  const w2 = model.w2;
  const w1 = model.w1;
  const b1 = model.b1 as Float64Array;
  const b2 = model.b2 as Float64Array;
  for (let i = 0; i < w2.length; i++) w2[i] = (2 * rng() - 1) * scale;
  if (model.activation === 'relu') b1.fill(0.1);
  const g1 = new Float32Array(w1.length);
  const g2 = new Float64Array(w2.length);
  const gb1 = new Float64Array(hidden);
  const gb2 = new Float64Array(k);
  const a = new Float64Array(hidden);
  const h = new Float64Array(hidden);
  const z = new Float64Array(k);
  const dh = new Float64Array(hidden);
  const keep = new Float64Array(hidden);
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  const step = (g: number, sumSq: number) => (eta * g) / (Math.sqrt(sumSq) + 1e-8);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffleInPlace(order, rng);
    let lossSum = 0;
    let weightSum = 0;
    for (let o = 0; o < order.length; o++) {
      const i = order[o]!;
      const cw = weightOf[i]!;
      if (cw === 0) continue;
      const x = rows[i]!;
      mlpHiddenInput(model, x, a);
      for (let u = 0; u < hidden; u++) keep[u] = dropout > 0 ? (rng() < dropout ? 0 : 1 / (1 - dropout)) : 1;
      for (let u = 0; u < hidden; u++) a[u] = a[u]! * keep[u]!;
      mlpLogits(model, a, h, z);
      softmaxInPlace(z);
      lossSum -= cw * Math.log(Math.max(1e-15, z[y[i]!]!));
      weightSum += cw;
      // z becomes the output gradient cw · (p − onehot(y)).
      for (let c = 0; c < k; c++) z[c] = cw * (z[c]! - (c === y[i] ? 1 : 0));
      for (let u = 0; u < hidden; u++) {
        let s = 0;
        const base = u * k;
        for (let c = 0; c < k; c++) s += w2[base + c]! * z[c]!;
        const open = model.activation === 'bag' || a[u]! > 0;
        dh[u] = open ? s * keep[u]! : 0;
        const hu = h[u]!;
        if (hu !== 0) {
          for (let c = 0; c < k; c++) {
            const g = hu * z[c]!;
            g2[base + c] = g2[base + c]! + g * g;
            w2[base + c] = w2[base + c]! - step(g, g2[base + c]!);
          }
        }
        gb1[u] = gb1[u]! + dh[u]! * dh[u]!;
        b1[u] = b1[u]! - step(dh[u]!, gb1[u]!);
      }
      for (let c = 0; c < k; c++) {
        gb2[c] = gb2[c]! + z[c]! * z[c]!;
        b2[c] = b2[c]! - step(z[c]!, gb2[c]!);
      }
      const { indices, values } = x;
      for (let q = 0; q < indices.length; q++) {
        const base = indices[q]! * hidden;
        const v = values[q]!;
        for (let u = 0; u < hidden; u++) {
          const at = base + u;
          const g = dh[u]! * v + l2 * w1[at]!;
          if (g === 0) continue;
          g1[at] = g1[at]! + g * g;
          w1[at] = w1[at]! - step(g, g1[at]!);
        }
      }
    }
    options.onEpoch?.(epoch, weightSum > 0 ? lossSum / weightSum : 0);
  }
  return model;
}
