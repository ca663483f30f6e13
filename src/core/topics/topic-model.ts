import { invalidInput } from '../errors.js';
import { hashString } from '../classify/text/hash.js';
import { createRng, type Rng } from '../stats/random.js';

/**
 * Unsupervised topics: spherical k-means over hashed bag-of-words vectors, fitted when a baseline
 * is built so that every later window has a topic histogram to compare with the baseline's.
 *
 * Vector of a text: lower-cased word tokens (letters/digits, length >= 3, minus a short stop list),
 * each hashed (MurmurHash3, seed 17) to one of `dims` buckets with a sign from a second hash, value
 * 1 + ln(tf), then scaled to unit length. Fit: k-means++ seeding (Arthur & Vassilvitskii 2007) with
 * the seeded PRNG, then Lloyd iterations on cosine similarity (Dhillon & Modha 2001): assign each
 * vector to the centroid with the largest dot product, recompute each centroid as the normalised
 * mean of its members, stop when no assignment changes or after `maxIterations`.
 *
 * Example: 40 texts about cooking and 40 about networking with k = 2 split into the two groups,
 * and assign('how long should pasta boil') returns the cooking topic's index.
 */
export interface TopicModel {
  kind: 'spherical-kmeans';
  dims: number;
  /** k unit vectors, dense, `dims` long each. */
  centroids: number[][];
  /** Three most weighted words seen per topic, for people reading a report. */
  labels: string[][];
  seed: number;
}

const STOP = new Set(('the and for you your are with that this from have can not but what how why when which who will would '
  + 'there their they them then than was were been being its also just into about more some any all our out use get').split(' '));
const TOKEN = /[\p{L}\p{N}]{3,}/gu;

export function topicTokens(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []).filter((w) => !STOP.has(w));
}

/** The unit-length hashed vector of a text (all zeros for a text with no tokens). */
export function topicVector(text: string, dims: number): Float64Array {
  const v = new Float64Array(dims);
  const tf = new Map<string, number>();
  for (const w of topicTokens(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  for (const [w, c] of tf) {
    const h = hashString(w, 17);
    const sign = (hashString(w, 29) & 1) === 0 ? 1 : -1;
    v[h % dims] = (v[h % dims] ?? 0) + sign * (1 + Math.log(c));
  }
  return unit(v);
}

function unit(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x * x;
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function nearest(v: Float64Array, centroids: readonly ArrayLike<number>[]): number {
  let best = 0;
  let bestSim = -Infinity;
  centroids.forEach((c, j) => { const s = dot(v, c); if (s > bestSim) { bestSim = s; best = j; } });
  return best;
}

function seedCentroids(vectors: Float64Array[], k: number, rng: Rng): Float64Array[] {
  const first = vectors[Math.floor(rng() * vectors.length)] as Float64Array;
  const centroids = [Float64Array.from(first)];
  const dist = vectors.map((v) => 1 - dot(v, first));
  while (centroids.length < k) {
    const total = dist.reduce((s, d) => s + Math.max(0, d), 0);
    let pick: number;
    if (total > 0) {
      let r = rng() * total;
      for (pick = 0; pick < dist.length - 1; pick++) { r -= Math.max(0, dist[pick] as number); if (r <= 0) break; }
    } else {
      pick = Math.floor(rng() * vectors.length);
    }
    const c = Float64Array.from(vectors[pick] as Float64Array);
    centroids.push(c);
    vectors.forEach((v, i) => { dist[i] = Math.min(dist[i] as number, 1 - dot(v, c)); });
  }
  return centroids;
}

export function fitTopicModel(texts: readonly string[], options: { k?: number; dims?: number; seed?: number; maxIterations?: number } = {}): TopicModel {
  const dims = options.dims ?? 512;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(dims) || dims < 8) throw invalidInput(`dims must be an integer >= 8, got ${dims}`);
  if (texts.length === 0) throw invalidInput('fitTopicModel needs at least one text, got none');
  const k = Math.max(1, Math.min(options.k ?? 8, texts.length));
  const vectors = texts.map((t) => topicVector(t, dims));
  const rng = createRng(seed);
  let centroids = seedCentroids(vectors, k, rng);
  const assign = new Int32Array(vectors.length).fill(-1);
  for (let iter = 0; iter < (options.maxIterations ?? 30); iter++) {
    let changed = 0;
    vectors.forEach((v, i) => { const j = nearest(v, centroids); if (j !== assign[i]) { assign[i] = j; changed++; } });
    const sums = centroids.map(() => new Float64Array(dims));
    vectors.forEach((v, i) => { const s = sums[assign[i] as number] as Float64Array; for (let d = 0; d < dims; d++) s[d] = (s[d] as number) + (v[d] as number); });
    centroids = sums.map((s, j) => (s.some((x) => x !== 0) ? unit(s) : (centroids[j] as Float64Array)));
    if (changed === 0) break;
  }
  const labels = centroids.map((_, j) => topWords(texts.filter((_t, i) => assign[i] === j)));
  return { kind: 'spherical-kmeans', dims, centroids: centroids.map((c) => Array.from(c, (x) => Math.round(x * 1e6) / 1e6)), labels, seed };
}

function topWords(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of texts.slice(0, 500)) for (const w of new Set(topicTokens(t))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([w]) => w);
}

/**
 * A token's two hashes, 2 * hashString(w, 17) + (hashString(w, 29) & 1), remembered: hashing every
 * character twice was most of the cost of assigning a topic, and a deployment's outputs draw on
 * a vocabulary far smaller than their count. Forgotten at 200,000 tokens, so memory stays bounded.
 */
const tokenHashes = new Map<string, number>();
function tokenHash(w: string): number {
  let hs = tokenHashes.get(w);
  if (hs === undefined) {
    if (tokenHashes.size >= 200_000) tokenHashes.clear();
    hs = hashString(w, 17) * 2 + (hashString(w, 29) & 1);
    tokenHashes.set(w, hs);
  }
  return hs;
}

/**
 * The topic by its definition: the centroid with the largest dot product with the text's full
 * `dims`-bucket vector (the first on ties). assignTopic gives the same answer faster; tests and
 * the detection-read bench hold it to this one.
 */
export function assignTopicDense(model: TopicModel, text: string): number {
  return nearest(topicVector(text, model.dims), model.centroids);
}

/**
 * Index of the topic whose centroid is most similar to the text's vector. Computed on the vector's
 * non-zero buckets only (a few dozen of `dims`), in bucket order, which gives the same sums, bit
 * for bit, as `nearest(topicVector(text))`: the skipped terms are exact zeros.
 */
export function assignTopic(model: TopicModel, text: string): number {
  const tf = new Map<string, number>();
  for (const w of topicTokens(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  // (bucket, term) in the order topicVector adds them; a stable sort by bucket keeps that order
  // within a bucket, so a bucket two tokens share sums as it does there.
  const terms: Array<[number, number]> = [];
  for (const [w, c] of tf) {
    const hs = tokenHash(w);
    terms.push([Math.floor(hs / 2) % model.dims, (hs % 2 === 0 ? 1 : -1) * (1 + Math.log(c))]);
  }
  terms.sort((a, b) => a[0] - b[0]);
  const buckets: number[] = [];
  const values: number[] = [];
  for (const [h, x] of terms) {
    if (buckets.at(-1) === h) values[values.length - 1] = (values.at(-1) as number) + x;
    else { buckets.push(h); values.push(0 + x); }
  }
  let ss = 0;
  for (const x of values) ss += x * x;
  if (ss !== 0) {
    const inv = 1 / Math.sqrt(ss);
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * inv;
  }
  let best = 0;
  let bestSim = -Infinity;
  model.centroids.forEach((c, j) => {
    let s = 0;
    for (let i = 0; i < buckets.length; i++) s += (values[i] as number) * (c[buckets[i] as number] as number);
    if (s > bestSim) { bestSim = s; best = j; }
  });
  return best;
}

/** Counts of texts per topic (length k). */
export function topicHistogram(model: TopicModel, texts: readonly string[]): number[] {
  const h = new Array<number>(model.centroids.length).fill(0);
  for (const t of texts) { const j = assignTopic(model, t); h[j] = (h[j] as number) + 1; }
  return h;
}
