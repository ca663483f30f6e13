import { invalidInput } from '../../errors.js';
import { murmurMix } from './hash.js';
import { normalizeText } from './normalize.js';
import type { SparseVector } from './sparse.js';
import { NgramTable } from './ngram-table.js';
import { NgramHasher } from './ngram-hash.js';

export { tokenize } from './ngram-hash.js';

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
  /**
   * Character n-grams only inside each white-space-delimited word, padded with one space each
   * side (as scikit-learn's `char_wb`), instead of across the whole padded text. Absent or false
   * (every shipped model): across the whole text.
   */
  charWordBoundary?: boolean;
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
  return `hash-v1:d${c.dim}:s${c.seed >>> 0}:w${c.wordNgramMax}:c${c.charNgramMin}-${c.charNgramMax}:ww${c.wordWeight}${c.charWordBoundary ? ':wb' : ''}`;
}

export interface Vectorizer {
  readonly config: Readonly<VectorizerConfig>;
  readonly id: string;
  /** normalizeText, then `vectorizeNormalized`. */
  vectorize(text: string): SparseVector;
  /** Features of an already-normalised text. */
  vectorizeNormalized(normalized: string): SparseVector;
  /**
   * As vectorizeNormalized, but the vector's arrays are views of this vectoriser's own buffers,
   * overwritten by its next call: for callers that use the vector at once and drop it (the
   * classifier suite). It saves allocating (and zeroing, and later collecting) two arrays of a few
   * thousand entries per text.
   */
  vectorizeNormalizedTransient(normalized: string): SparseVector;
}

/** SUBLINEAR[k] = 1 + ln k for k ≥ 1, and 0 for k = 0. */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, k) => (k === 0 ? 0 : 1 + Math.log(k)));

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
  const table = new NgramTable();
  const scratch = new EmitScratch();
  const words = c.wordNgramMax > 0 && c.wordWeight > 0;
  const chars = c.charNgramMax >= c.charNgramMin && c.wordWeight < 1;
  const hasher = new NgramHasher({
    mask: c.dim - 1,
    seedWord: c.seed | 0,
    seedChar: murmurMix(c.seed, 0x43484152),
    wordNgramMax: c.wordNgramMax,
    charNgramMin: c.charNgramMin,
    charNgramMax: c.charNgramMax,
  });
  const vectorizeInto = (text: string, transient: boolean): SparseVector => {
    const tokenCount = words ? hasher.tokens(text) : 0;
    // Upper bound on character keys: within words, each word adds two padding spaces.
    const charKeys = chars ? (c.charWordBoundary ? 2 * text.length + 2 : text.length + 2) * (c.charNgramMax - c.charNgramMin + 1) : 0;
    table.begin(tokenCount * c.wordNgramMax + charKeys);
    if (words) hasher.addWords(tokenCount, table);
    if (chars) {
      if (c.charWordBoundary) hasher.charsInWords(text, table);
      else hasher.chars(text, table);
    }
    return emitVector(table, scratch, c.wordWeight, 1 - c.wordWeight, transient);
  };
  const vectorizeNormalized = (text: string) => vectorizeInto(text, false);
  return {
    config: Object.freeze(c),
    id: vectorizerId(c),
    vectorize: (text) => vectorizeNormalized(normalizeText(text)),
    vectorizeNormalized,
    vectorizeNormalizedTransient: (text) => vectorizeInto(text, true),
  };
}

/** ±(1 + ln|count|), the sublinear term frequency of a signed count. */
function sublinear(count: number): number {
  // Branch-free sign and magnitude (counts are int32): the sign of a hashed count is a coin flip,
  // so branching on it mispredicts half the time. a · ±1 is exact, the same value as ±a.
  const sign = count >> 31;
  const m = (count ^ sign) - sign;
  const a = m < SUBLINEAR.length ? SUBLINEAR[m]! : 1 + Math.log(m);
  return a * (sign | 1);
}

/** Per-text scratch for emitVector, grown as needed. */
class EmitScratch {
  wordKey = new Int32Array(1024);
  wordValue = new Float64Array(1024);
  wordCharValue = new Float64Array(1024);
  charKey = new Int32Array(4096);
  charValue = new Float64Array(4096);
  /** The vector's own arrays for transient vectors. */
  outIndices = new Int32Array(4096);
  outValues = new Float32Array(4096);
  ensure(words: number, chars: number): void {
    if (this.wordKey.length < words) {
      this.wordKey = new Int32Array(words * 2);
      this.wordValue = new Float64Array(words * 2);
      this.wordCharValue = new Float64Array(words * 2);
    }
    if (this.charKey.length < chars) {
      this.charKey = new Int32Array(chars * 2);
      this.charValue = new Float64Array(chars * 2);
    }
    if (this.outIndices.length < words + chars) {
      this.outIndices = new Int32Array((words + chars) * 2);
      this.outValues = new Float32Array((words + chars) * 2);
    }
  }
}

/**
 * Sublinear tf and block scaling, then one vector: word entries in the order first seen (plus
 * the char value of the same bucket, if any), then char entries whose bucket has no word value.
 * Sums run in the same order as the separate-table implementation did, so values are identical.
 * The table is read once per order list (it is larger than L1); the rest runs over scratch.
 */
function emitVector(table: NgramTable, scratch: EmitScratch, wordWeight: number, charWeight: number, transient: boolean): SparseVector {
  const { cells, wordOrder, wordSize, charOrder, charSize } = table;
  scratch.ensure(wordSize, charSize);
  const { wordKey, wordValue, wordCharValue, charKey, charValue } = scratch;
  let wordSq = 0;
  let nw = 0;
  for (let i = 0; i < wordSize; i++) {
    const o = wordOrder[i]!;
    const s = sublinear(cells[o + 2]!);
    wordSq += s * s;
    if (s === 0) continue;
    wordKey[nw] = cells[o + 1]!;
    wordValue[nw] = s;
    wordCharValue[nw++] = sublinear(cells[o + 3]!);
  }
  let charSq = 0;
  let nc = 0;
  for (let i = 0; i < charSize; i++) {
    const o = charOrder[i]!;
    const s = sublinear(cells[o + 3]!);
    charSq += s * s;
    if (s === 0 || cells[o + 2] !== 0) continue;
    charKey[nc] = cells[o + 1]!;
    charValue[nc++] = s;
  }
  const wordScale = wordSq > 0 ? Math.sqrt(wordWeight / wordSq) : 0;
  const charScale = charSq > 0 ? Math.sqrt(charWeight / charSq) : 0;
  const indices = transient ? scratch.outIndices.subarray(0, nw + nc) : new Int32Array(nw + nc);
  const values = transient ? scratch.outValues.subarray(0, nw + nc) : new Float32Array(nw + nc);
  indices.set(wordKey.subarray(0, nw));
  for (let k = 0; k < nw; k++) {
    const ch = wordCharValue[k]!;
    values[k] = ch === 0 ? wordValue[k]! * wordScale : wordValue[k]! * wordScale + ch * charScale;
  }
  indices.set(charKey.subarray(0, nc), nw);
  for (let k = 0; k < nc; k++) values[nw + k] = charValue[k]! * charScale;
  return { indices, values };
}
