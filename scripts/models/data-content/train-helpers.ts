/**
 * Shared steps of the content-model build scripts: vectorise with the shared vectoriser, train
 * with the shared trainer, and round-trip through the model file format so that every metric is
 * measured on the quantised weights that ship, not on the float weights in memory.
 */
import { decodeModel, encodeModel, type EncodeOptions, type LoadedModel } from '../../../src/core/classify/model/format.js';
import type { LinearModel } from '../../../src/core/classify/model/linear.js';
import { trainLinear, type TrainLinearOptions } from '../../../src/core/classify/model/train.js';
import { DEFAULT_VECTORIZER, createVectorizer, type Vectorizer } from '../../../src/core/classify/text/vectorize.js';
import type { SparseVector } from '../../../src/core/classify/text/sparse.js';

export const sharedVectorizer = (): Vectorizer => createVectorizer(DEFAULT_VECTORIZER);

/** Vectorises texts once each, memoised by text (many sets repeat texts across tasks). */
export function createVectorCache(vectorizer: Vectorizer): (text: string) => SparseVector {
  const cache = new Map<string, SparseVector>();
  return (text) => {
    let v = cache.get(text);
    if (!v) { v = vectorizer.vectorize(text); cache.set(text, v); }
    return v;
  };
}

export interface TrainAndShip extends Omit<TrainLinearOptions, 'dim'> {
  name: string;
  task: string;
  vectorizer: Vectorizer;
  metadata: Record<string, unknown>;
  encode?: EncodeOptions;
}

/** Trains, encodes (quantised), decodes again; returns the shippable model. */
export function trainAndShip(o: TrainAndShip): LoadedModel {
  const { name, task, vectorizer, metadata, encode, ...train } = o;
  const model = trainLinear({ ...train, dim: vectorizer.config.dim });
  const loaded: LoadedModel = { name, task, model, vectorizer: { ...vectorizer.config }, extraFeatures: [], metadata };
  return decodeModel(encodeModel(loaded, encode), name);
}

/**
 * Element-wise mean of the weights and biases of models with the same shape: still one linear
 * model, so it costs nothing at inference. Averaging runs that differ only in the shuffle seed
 * cancels part of the stochastic-gradient noise (in the spirit of Polyak–Ruppert averaging).
 * Example: weights [1, 3] and [3, 5] average to [2, 4].
 */
export function averageModels(models: readonly LinearModel[]): LinearModel {
  const first = models[0];
  if (!first) throw new Error('averageModels: no models');
  const weights = new Float32Array(first.weights.length);
  const bias = new Float64Array(first.bias.length);
  for (const m of models) {
    if (m.weights.length !== weights.length || m.bias.length !== bias.length) throw new Error('averageModels: shapes differ');
    for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! + m.weights[i]! / models.length;
    for (let i = 0; i < bias.length; i++) bias[i] = bias[i]! + m.bias[i]! / models.length;
  }
  return { ...first, weights, bias };
}

/** As trainAndShip, but trains once per seed and ships the average of the float models. */
export function trainAveragedAndShip(o: Omit<TrainAndShip, 'seed'>, seeds: readonly number[]): LoadedModel {
  const { name, task, vectorizer, metadata, encode, ...train } = o;
  const model = averageModels(seeds.map((seed) => trainLinear({ ...train, seed, dim: vectorizer.config.dim })));
  const loaded: LoadedModel = { name, task, model, vectorizer: { ...vectorizer.config }, extraFeatures: [], metadata };
  return decodeModel(encodeModel(loaded, encode), name);
}

/** Today as YYYY-MM-DD (scripts only; the build date goes into model metadata). */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Deterministic subsample: the first n by a hash order of the key. */
export function hashSample<T>(items: readonly T[], n: number, key: (item: T) => string, hash: (s: string) => number): T[] {
  if (items.length <= n) return [...items];
  return [...items].map((item) => ({ item, h: hash(key(item)) })).sort((a, b) => a.h - b.h).slice(0, n).map((x) => x.item);
}

export const round = (x: number, digits = 4): number => Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
