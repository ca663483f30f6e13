import { invalidInput } from '../../../src/core/errors.js';
import { murmurBlock, murmurFinish, murmurMix } from '../../../src/core/classify/text/hash.js';
import { normalizeText } from './normalize.js';
import type { SparseVector } from '../../../src/core/classify/text/sparse.js';
import { FeatureAccumulator } from './accumulator.js';

/** How text becomes a hashed feature vector. Stored in every model file; models that share it share one vectorisation. */
export interface VectorizerConfig {
  /** Number of hash buckets; a power of two. */
  dim: number;
  /** Hash seed (murmur3); changing it changes every feature index. */
  seed: number;
  /** Longest word n-gram (1 = unigrams, 2 = uni- and bigrams). */
  wordNgramMax: number;
  /** Character n-gram lengths, inclusive. 0 for charNgramMax disables character features. */
  charNgramMin: number;
  charNgramMax: number;
  /** Share of the squared norm given to word features; the rest goes to character features. */
  wordWeight: number;
}

export const DEFAULT_VECTORIZER: Readonly<VectorizerConfig> = Object.freeze({
  dim: 1 << 18,
  seed: 0x9e3779b1 | 0,
  wordNgramMax: 2,
  charNgramMin: 3,
  charNgramMax: 5,
  wordWeight: 0.5,
});

/** A stable string naming a configuration; equal ids mean interchangeable vectors. */
export function vectorizerId(c: VectorizerConfig): string {
  return `hash-v1:d${c.dim}:s${c.seed >>> 0}:w${c.wordNgramMax}:c${c.charNgramMin}-${c.charNgramMax}:ww${c.wordWeight}`;
}

export interface Vectorizer {
  readonly config: Readonly<VectorizerConfig>;
  readonly id: string;
  /** normalizeText, then `vectorizeNormalized`. */
  vectorize(text: string): SparseVector;
  /** Features of an already-normalised text. */
  vectorizeNormalized(normalized: string): SparseVector;
}

/** SUBLINEAR[k] = 1 + ln k for k ≥ 1, and 0 for k = 0. */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, k) => (k === 0 ? 0 : 1 + Math.log(k)));

const TOKEN = /[\p{L}\p{N}']+|[^\s\p{L}\p{N}']/gu;

/** Word tokens of a normalised text: runs of letters, digits and apostrophes; each other symbol alone. */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

/**
 * Signed feature hashing (Weinberger et al., "Feature Hashing for Large Scale Multitask
 * Learning", ICML 2009) over word 1..n-grams and character n-grams of the normalised text.
 * Per block: count c per bucket with a ±1 sign from the hash, value sign(c)·(1 + ln|c|)
 * (sublinear tf, as scikit-learn's `sublinear_tf`), then L2-normalise the block and scale it by
 * √wordWeight (words) or √(1 − wordWeight) (characters), so the whole vector has norm 1 when both
 * blocks are non-empty.
 * Example: "hi" with defaults yields one word unigram and the char n-grams " hi", "hi ", " hi ".
 *
 * The returned vectorizer reuses scratch buffers: it is not re-entrant, which is fine in one
 * JavaScript thread; create one per worker.
 */
export function createVectorizer(config: Partial<VectorizerConfig> = {}): Vectorizer {
  const c: VectorizerConfig = { ...DEFAULT_VECTORIZER, ...config };
  if (!Number.isInteger(c.dim) || c.dim < 2 || (c.dim & (c.dim - 1)) !== 0 || c.dim > 1 << 24) {
    throw invalidInput(`vectorizer dim must be a power of two in [2, 2^24], got ${c.dim}`);
  }
  if (c.wordNgramMax < 0 || c.charNgramMin < 1 || c.charNgramMax < 0 || c.wordWeight < 0 || c.wordWeight > 1) {
    throw invalidInput(`invalid vectorizer config ${JSON.stringify(c)}`);
  }
  const mask = c.dim - 1;
  const acc = new FeatureAccumulator();
  let blocks = new Int32Array(0);
  const outBuffer = new PairBuffer();
  const extraBuffer = new PairBuffer();
  const seedWord = c.seed | 0;
  const seedChar = murmurMix(c.seed, 0x43484152);

  /** Moves the block in `acc` into the out-arrays with sublinear tf and block scaling. */
  const flush = (weight: number, out: PairBuffer) => {
    let sumSq = 0;
    for (let i = 0; i < acc.size; i++) {
      const v = acc.valueAt(i);
      const m = v < 0 ? -v : v;
      // Counts are integers; small ones read 1 + ln|c| from a table (same values as Math.log).
      const a = m < SUBLINEAR.length ? SUBLINEAR[m]! : 1 + Math.log(m);
      const s = v < 0 ? -a : a;
      acc.setValueAt(i, s);
      sumSq += s * s;
    }
    const scale = sumSq > 0 ? Math.sqrt(weight / sumSq) : 0;
    for (let i = 0; i < acc.size; i++) {
      const v = acc.valueAt(i) * scale;
      if (v !== 0) {
        out.push(acc.keyAt(i), v);
      }
    }
    acc.reset();
  };

  const vectorizeNormalized = (text: string): SparseVector => {
    const out = outBuffer;
    out.n = 0;
    if (c.wordNgramMax > 0 && c.wordWeight > 0) {
      const tokens = tokenize(text);
      acc.reserve(tokens.length * c.wordNgramMax);
      const hashes = new Int32Array(tokens.length);
      for (let t = 0; t < tokens.length; t++) {
        const tok = tokens[t]!;
        let h = seedWord;
        for (let i = 0; i < tok.length; i++) h = murmurMix(h, tok.charCodeAt(i));
        hashes[t] = h;
        let f = murmurFinish(h, 1) | 0;
        acc.add(f & mask, f < 0 ? -1 : 1);
        let g = h;
        for (let n = 2; n <= c.wordNgramMax && t - n + 1 >= 0; n++) {
          g = murmurMix(g, hashes[t - n + 1]!);
          f = murmurFinish(g, n) | 0;
          acc.add(f & mask, f < 0 ? -1 : 1);
        }
      }
      flush(c.wordWeight, out);
    }
    const wordCount = out.n;
    if (c.charNgramMax >= c.charNgramMin && c.wordWeight < 1) {
      const padded = ` ${text} `;
      const len = padded.length;
      acc.reserve(len * (c.charNgramMax - c.charNgramMin + 1));
      // The block step of murmurMix depends only on the code unit: compute it once per position.
      if (blocks.length < len) blocks = new Int32Array(len * 2);
      for (let i = 0; i < len; i++) blocks[i] = murmurBlock(padded.charCodeAt(i));
      const maxN = c.charNgramMax;
      const minN = c.charNgramMin;
      for (let i = 0; i < len; i++) {
        let h = seedChar;
        const top = Math.min(maxN, len - i);
        for (let n = 1; n <= top; n++) {
          h ^= blocks[i + n - 1]!;
          h = (h << 13) | (h >>> 19);
          h = (Math.imul(h, 5) + 0xe6546b64) | 0;
          if (n >= minN) {
            const f = murmurFinish(h, n) | 0;
            acc.add(f & mask, f < 0 ? -1 : 1);
          }
        }
      }
      flush(1 - c.wordWeight, out);
    }
    return mergeDuplicates(out, wordCount, acc, extraBuffer);
  };

  return {
    config: Object.freeze(c),
    id: vectorizerId(c),
    vectorize: (text) => vectorizeNormalized(normalizeText(text)),
    vectorizeNormalized,
  };
}

/**
 * Word and char blocks may land in the same bucket: sum them. The word block (a few hundred
 * entries) goes into the accumulator; each char entry is looked up there and either added to its
 * word twin or appended. Order and sums equal a full merge (word entries first, then new char
 * entries, in insertion order).
 */
function mergeDuplicates(out: PairBuffer, wordCount: number, acc: FeatureAccumulator, extra: PairBuffer): SparseVector {
  acc.reserve(wordCount);
  for (let i = 0; i < wordCount; i++) acc.add(out.idx[i]!, out.val[i]!);
  extra.n = 0;
  for (let i = wordCount; i < out.n; i++) {
    if (!acc.addIfPresent(out.idx[i]!, out.val[i]!)) extra.push(out.idx[i]!, out.val[i]!);
  }
  const n = acc.size + extra.n;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  for (let k = 0; k < acc.size; k++) {
    indices[k] = acc.keyAt(k);
    values[k] = acc.valueAt(k);
  }
  for (let k = 0; k < extra.n; k++) {
    indices[acc.size + k] = extra.idx[k]!;
    values[acc.size + k] = extra.val[k]!;
  }
  acc.reset();
  return { indices, values };
}

/** A growable list of (index, value) pairs in typed arrays, reused across calls. */
class PairBuffer {
  idx = new Int32Array(1024);
  val = new Float64Array(1024);
  n = 0;

  push(i: number, v: number): void {
    if (this.n === this.idx.length) {
      const idx = new Int32Array(this.n * 2);
      const val = new Float64Array(this.n * 2);
      idx.set(this.idx);
      val.set(this.val);
      this.idx = idx;
      this.val = val;
    }
    this.idx[this.n] = i;
    this.val[this.n] = v;
    this.n++;
  }
}
