import { murmurBlock, murmurMix } from './hash.js';
import type { NgramTable } from './ngram-table.js';

const TOKEN = /[\p{L}\p{N}']+|[^\s\p{L}\p{N}']/gu;

/** Word tokens of a normalised text: runs of letters, digits and apostrophes; each other symbol alone. */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

// What TOKEN sees in an ASCII code unit: part of a word, white space (\s), or a symbol token.
const SYMBOL = 0;
const WORD = 1;
const SPACE = 2;
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, u) =>
  /[A-Za-z0-9']/.test(String.fromCharCode(u)) ? WORD : /\s/.test(String.fromCharCode(u)) ? SPACE : SYMBOL);
const ASCII_BLOCK = Int32Array.from({ length: 128 }, (_, u) => murmurBlock(u));
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

const NON_ASCII_SPACE = /\s/;

/** Whether a code unit is white space as \s sees it. */
function isSpace(u: number): boolean {
  return u < 128 ? ASCII_CLASS[u] === SPACE : NON_ASCII_SPACE.test(String.fromCharCode(u));
}

/** fmix32 of MurmurHash3 with the length folded in, as a signed int32 (murmurFinish(h, n) | 0). */
function finish(h: number, n: number): number {
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export interface NgramHashConfig {
  mask: number;
  seedWord: number;
  seedChar: number;
  wordNgramMax: number;
  charNgramMin: number;
  charNgramMax: number;
}

/**
 * Feeds a text's word and character n-grams into an NgramTable without building substrings:
 * hashes run over UTF-16 code units exactly as `hashString` would over each n-gram (see
 * vectorize.ts for the feature definition). ASCII text is tokenised by a class table; anything
 * else goes through the TOKEN regex, which defines the tokens. Keeps scratch buffers: one per
 * vectoriser.
 */
export class NgramHasher {
  private hashes = new Int32Array(256);
  private blocks = new Int32Array(2048);

  constructor(private readonly c: NgramHashConfig) {}

  /** Hashes the word tokens of `text` into scratch; returns how many there are (see addWords). */
  tokens(text: string): number {
    let t = 0;
    if (NON_ASCII.test(text)) {
      for (const tok of tokenize(text)) {
        let h = this.c.seedWord;
        for (let i = 0; i < tok.length; i++) h = murmurMix(h, tok.charCodeAt(i));
        this.setToken(t++, h);
      }
      return t;
    }
    const len = text.length;
    let i = 0;
    while (i < len) {
      const cls = ASCII_CLASS[text.charCodeAt(i)]!;
      if (cls === SPACE) {
        i++;
        continue;
      }
      let h = murmurMix(this.c.seedWord, text.charCodeAt(i++));
      if (cls === WORD) {
        for (let u = text.charCodeAt(i); i < len && ASCII_CLASS[u] === WORD; u = text.charCodeAt(++i)) h = murmurMix(h, u);
      }
      this.setToken(t++, h);
    }
    return t;
  }

  private setToken(t: number, h: number): void {
    if (t >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[t] = h;
  }

  /** Adds the word 1..n-grams of the `count` tokens hashed by the last `tokens` call. */
  addWords(count: number, table: NgramTable): void {
    const hashes = this.hashes;
    const { mask, wordNgramMax } = this.c;
    for (let t = 0; t < count; t++) {
      const h = hashes[t]!;
      let f = finish(h, 1);
      table.addWord(f & mask, (f >> 31) | 1);
      let g = h;
      for (let n = 2; n <= wordNgramMax && t - n + 1 >= 0; n++) {
        g = murmurMix(g, hashes[t - n + 1]!);
        f = finish(g, n);
        table.addWord(f & mask, (f >> 31) | 1);
      }
    }
  }

  /** Character n-grams of ` text ` (padded with one space each side). */
  chars(text: string, table: NgramTable): void {
    const len = text.length + 2;
    if (this.blocks.length < len) this.blocks = new Int32Array(len * 2);
    const blocks = this.blocks;
    // The block step of murmurMix depends only on the code unit: compute it once per position.
    blocks[0] = ASCII_BLOCK[32]!;
    for (let i = 1; i < len - 1; i++) {
      const u = text.charCodeAt(i - 1);
      blocks[i] = u < 128 ? ASCII_BLOCK[u]! : murmurBlock(u);
    }
    blocks[len - 1] = ASCII_BLOCK[32]!;
    this.addCharNgrams(len, table);
  }

  /**
   * Character n-grams of each white-space-delimited word of `text`, padded with one space each
   * side: the same hashes as `chars` would give for the word alone. A padded word shorter than
   * charNgramMin gives none.
   */
  charsInWords(text: string, table: NgramTable): void {
    const n = text.length;
    if (this.blocks.length < n + 2) this.blocks = new Int32Array((n + 2) * 2);
    const blocks = this.blocks;
    let i = 0;
    while (i < n) {
      if (isSpace(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let len = 1;
      blocks[0] = ASCII_BLOCK[32]!;
      for (; i < n; i++) {
        const u = text.charCodeAt(i);
        if (isSpace(u)) break;
        blocks[len++] = u < 128 ? ASCII_BLOCK[u]! : murmurBlock(u);
      }
      blocks[len++] = ASCII_BLOCK[32]!;
      this.addCharNgrams(len, table);
    }
  }

  /** Adds the charNgramMin..charNgramMax-grams of the first `len` entries of the block scratch (for `chars` and `charsInWords`). */
  private addCharNgrams(len: number, table: NgramTable): void {
    const blocks = this.blocks;
    const { mask, seedChar, charNgramMin: minN, charNgramMax: maxN } = this.c;
    // Starts nearer the end than minN hold no n-gram: stop there.
    for (let i = 0; i + minN <= len; i++) {
      let h = seedChar;
      const top = Math.min(maxN, len - i);
      let n = 1;
      for (; n < minN; n++) {
        h ^= blocks[i + n - 1]!;
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      }
      for (; n <= top; n++) {
        h ^= blocks[i + n - 1]!;
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        const f = finish(h, n);
        // (f >> 31) | 1 is the sign of f as ±1 without a branch: the sign is a coin flip, so a
        // branch on it mispredicts half the time.
        table.addChar(f & mask, (f >> 31) | 1);
      }
    }
  }
}
