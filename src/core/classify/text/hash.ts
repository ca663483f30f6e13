/**
 * MurmurHash3 (x86, 32-bit) building blocks, used incrementally over UTF-16 code units so an
 * n-gram is hashed without building a substring. Reference: Austin Appleby, MurmurHash3.cpp
 * (public domain), functions `MurmurHash3_x86_32` and `fmix32`.
 *
 * Feeding one 16-bit unit at a time is not the byte-wise MurmurHash3 of the string, but it has
 * the same mixing quality and is stable across platforms, which is all feature hashing needs.
 * Example: hashString('kill', 0) is a fixed 32-bit value; hashString('kill', 1) differs.
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** The scrambled block murmurMix folds in: rotl(k·c1, 15)·c2. */
export function murmurBlock(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

/** Mixes one 32-bit block `k` into the running hash `h` (the body step of MurmurHash3_x86_32). */
export function murmurMix(h: number, k: number): number {
  h ^= murmurBlock(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Final avalanche (fmix32), with the length folded in as MurmurHash3 does. */
export function murmurFinish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a whole string, code unit by code unit. */
export function hashString(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = murmurMix(h, text.charCodeAt(i));
  return murmurFinish(h, text.length);
}
