/**
 * Shared steps of the content-model build scripts: vectorise with the shared vectoriser, train
 * with the shared trainer, and round-trip through the model file format so that every metric is
 * measured on the quantised weights that ship, not on the float weights in memory.
 */
import { decodeModel, encodeModel, type EncodeOptions, type LoadedModel } from '../../../src/core/classify/model/format.js';
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

/** Today as YYYY-MM-DD (scripts only; the build date goes into model metadata). */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Deterministic subsample: the first n by a hash order of the key. */
export function hashSample<T>(items: readonly T[], n: number, key: (item: T) => string, hash: (s: string) => number): T[] {
  if (items.length <= n) return [...items];
  return [...items].map((item) => ({ item, h: hash(key(item)) })).sort((a, b) => a.h - b.h).slice(0, n).map((x) => x.item);
}

export const round = (x: number, digits = 4): number => Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
