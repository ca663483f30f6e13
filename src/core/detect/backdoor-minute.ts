import { HARM_CATEGORIES, type HarmCategory } from '../classify/types.js';
import { hashString } from '../classify/text/hash.js';

/** Different flagged inputs kept per n-gram and minute: enough to tell one repeated prompt from many, and to report how many. */
const DISTINCT_CAP = 32;
const INPUT_HASH_SEED = 0x6b64;
const FIRST_CAPACITY = 1024;
const INPUT_CHUNK = 8;
const CHUNK_WORDS = INPUT_CHUNK + 1;
/** Pruning brings a full minute down to this share of its limit, so it does not run again at once. */
const PRUNE_TO = 0.75;

const CATEGORY_INDEX = new Map<string, number>(HARM_CATEGORIES.map((c, i) => [c, i]));

/**
 * One minute of the backdoor detector's counts: per n-gram and harm category, requests and harmful
 * compliances. Counts live in typed arrays indexed by slot. `slotOf` gives an n-gram's first slot;
 * its other categories chain through `next` (-1 ends the chain; most n-grams are seen in one).
 * A minute holds one slot per distinct n-gram of its harmful requests, tens of thousands under
 * load, so a slot costs 18 bytes here besides the map entry and the n-gram itself.
 */
export interface MinuteGrams {
  minuteMs: number;
  /** Harmful-category requests counted in this minute. */
  events: number;
  /** [requests, harmful compliances] per harm category. */
  byCategory: Record<string, [number, number]>;
  slotOf: Map<string, number>;
  category: Uint8Array;
  n: Uint32Array;
  f: Uint32Array;
  next: Int32Array;
  /** Per first slot: different flagged inputs kept, and where their chunk chain starts in `inputPool` (-1: none). */
  inputCount: Uint8Array;
  inputChunk: Int32Array;
  used: number;
  /**
   * Hashes of the flagged inputs, in chunks of INPUT_CHUNK: [next chunk or -1, hash × INPUT_CHUNK].
   * An n-gram with a harmful compliance holds one chunk per INPUT_CHUNK different inputs.
   */
  inputPool: Int32Array;
  poolUsed: number;
  /** Requests of the n-grams pruned from this minute (an n-gram counts once per request). */
  prunedRequests: number;
  /** Largest cut so far: a pruned n-gram had at most this many requests when it was dropped. */
  prunedFloor: number;
  /** Size that triggers the next pruning when the flagged n-grams alone keep the minute above the limit (0: the limit). */
  pruneAbove: number;
}

export function createMinute(minuteMs: number, capacity = FIRST_CAPACITY): MinuteGrams {
  return {
    minuteMs, events: 0, byCategory: {}, slotOf: new Map(),
    category: new Uint8Array(capacity), n: new Uint32Array(capacity), f: new Uint32Array(capacity), next: new Int32Array(capacity),
    inputCount: new Uint8Array(capacity), inputChunk: new Int32Array(capacity), used: 0,
    inputPool: new Int32Array(CHUNK_WORDS * 64), poolUsed: 0, prunedRequests: 0, prunedFloor: 0, pruneAbove: 0,
  };
}

/** A hash standing for an input's text: the minute keeps no text, only which inputs differ. */
export const inputKey = (text: string): number => hashString(text, INPUT_HASH_SEED) | 0;

function grow(m: MinuteGrams): void {
  const size = m.category.length * 2;
  const widen = <T extends Uint8Array | Uint32Array | Int32Array>(a: T, make: (k: number) => T): T => { const b = make(size); b.set(a); return b; };
  m.category = widen(m.category, (k) => new Uint8Array(k));
  m.n = widen(m.n, (k) => new Uint32Array(k));
  m.f = widen(m.f, (k) => new Uint32Array(k));
  m.next = widen(m.next, (k) => new Int32Array(k));
  m.inputCount = widen(m.inputCount, (k) => new Uint8Array(k));
  m.inputChunk = widen(m.inputChunk, (k) => new Int32Array(k));
}

function newChunk(m: MinuteGrams): number {
  if (m.poolUsed + CHUNK_WORDS > m.inputPool.length) {
    const pool = new Int32Array(m.inputPool.length * 2);
    pool.set(m.inputPool);
    m.inputPool = pool;
  }
  const at = m.poolUsed;
  m.poolUsed += CHUNK_WORDS;
  m.inputPool[at] = -1;
  return at;
}

/** Calls `visit` with each different flagged input (its hash) kept for the n-gram at `first`. */
export function forEachInput(m: MinuteGrams, first: number, visit: (input: number) => void): void {
  let left = m.inputCount[first] as number;
  for (let c = m.inputChunk[first] as number; left > 0; c = m.inputPool[c] as number) {
    for (let i = 1; i <= INPUT_CHUNK && left > 0; i++, left--) visit(m.inputPool[c + i] as number);
  }
}

/** Adds an input to the n-gram's flagged inputs unless it is there or the n-gram holds DISTINCT_CAP. */
function addInput(m: MinuteGrams, first: number, input: number): void {
  const count = m.inputCount[first] as number;
  if (count >= DISTINCT_CAP) return;
  let c = m.inputChunk[first] as number;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % INPUT_CHUNK === 0) c = m.inputPool[c] as number;
    if (m.inputPool[c + 1 + (i % INPUT_CHUNK)] === input) return;
  }
  // c now holds the last entry; a new chunk when it is full (or there is none yet).
  if (count % INPUT_CHUNK === 0) {
    const fresh = newChunk(m);
    if (count === 0) m.inputChunk[first] = fresh;
    else m.inputPool[c] = fresh;
    c = fresh;
  }
  m.inputPool[c + 1 + (count % INPUT_CHUNK)] = input;
  m.inputCount[first] = count + 1;
}

function newSlot(m: MinuteGrams, category: number): number {
  if (m.used === m.category.length) grow(m);
  const s = m.used++;
  m.category[s] = category;
  m.n[s] = 0;
  m.f[s] = 0;
  m.next[s] = -1;
  m.inputCount[s] = 0;
  m.inputChunk[s] = -1;
  return s;
}

/** Counts one harmful-category request into the minute: each of its n-grams once, and the request's input among the flagged ones. */
export function countRequest(m: MinuteGrams, grams: Iterable<string>, category: HarmCategory, flagged: boolean, input: number): void {
  const c = CATEGORY_INDEX.get(category) ?? 0;
  m.events++;
  const v = (m.byCategory[category] ??= [0, 0]);
  v[0]++;
  if (flagged) v[1]++;
  for (const g of grams) {
    let first = m.slotOf.get(g);
    let s: number;
    if (first === undefined) { first = s = newSlot(m, c); m.slotOf.set(g, s); }
    else {
      s = first;
      while (m.category[s] !== c && m.next[s] !== -1) s = m.next[s] as number;
      if (m.category[s] !== c) { const t = newSlot(m, c); m.next[s] = t; s = t; }
    }
    m.n[s] = (m.n[s] as number) + 1;
    if (!flagged) continue;
    m.f[s] = (m.f[s] as number) + 1;
    addInput(m, first, input);
  }
}

/** Calls `visit` with the category name, requests and harmful compliances of each slot in an n-gram's chain. */
export function forEachCategory(m: MinuteGrams, first: number, visit: (category: string, n: number, f: number) => void): void {
  for (let s = first; s !== -1; s = m.next[s] as number) visit(HARM_CATEGORIES[m.category[s] as number] as string, m.n[s] as number, m.f[s] as number);
}

/** An n-gram's requests and harmful compliances in the minute, over its categories. */
export function gramTotals(m: MinuteGrams, first: number): [number, number] {
  let n = 0, f = 0;
  for (let s = first; s !== -1; s = m.next[s] as number) { n += m.n[s] as number; f += m.f[s] as number; }
  return [n, f];
}

/**
 * Keeps a minute to at most `maxGrams` n-grams whatever the traffic's vocabulary (numbers, names and
 * addresses make most n-grams of organic traffic unique). When over, it drops the n-grams with the
 * fewest requests that never had a harmful compliance, raising the cut until the minute is down to
 * 75% of the limit, as lossy counting does (Manku and Motwani 2002): an n-gram seen again later in
 * the minute starts from zero, so its count is short by at most the cut. N-grams with a harmful
 * compliance are never dropped: they are the evidence (so a flood of flagged requests with new
 * words can still hold a minute above the limit). Returns the minute itself when under the limit,
 * else a pruned copy.
 */
export function pruneMinute(m: MinuteGrams, maxGrams: number): MinuteGrams {
  if (m.slotOf.size <= Math.max(maxGrams, m.pruneAbove)) return m;
  const target = Math.floor(maxGrams * PRUNE_TO);
  // Unflagged n-grams by their request count (counts above 255 share the last cell).
  const byCount = new Uint32Array(256);
  for (const first of m.slotOf.values()) {
    const [n, f] = gramTotals(m, first);
    if (f === 0) byCount[Math.min(n, 255)] = (byCount[Math.min(n, 255)] as number) + 1;
  }
  let cut = 0, dropped = 0;
  while (m.slotOf.size - dropped > target && cut < 255) dropped += byCount[++cut] as number;
  const kept = createMinute(m.minuteMs, Math.max(FIRST_CAPACITY, m.category.length));
  kept.events = m.events;
  kept.byCategory = m.byCategory;
  kept.prunedRequests = m.prunedRequests;
  kept.prunedFloor = Math.max(m.prunedFloor, cut);
  for (const [g, first] of m.slotOf) {
    const [n, f] = gramTotals(m, first);
    if (f === 0 && n <= cut) { kept.prunedRequests += n; continue; }
    let prev = -1;
    for (let s = first; s !== -1; s = m.next[s] as number) {
      const t = newSlot(kept, m.category[s] as number);
      kept.n[t] = m.n[s] as number;
      kept.f[t] = m.f[s] as number;
      if (prev === -1) { kept.slotOf.set(g, t); forEachInput(m, first, (input) => addInput(kept, t, input)); }
      else kept.next[prev] = t;
      prev = t;
    }
  }
  // Flagged n-grams alone may hold it above the target: let it grow by a third before the next pass.
  if (kept.slotOf.size > target) kept.pruneAbove = Math.ceil(kept.slotOf.size / PRUNE_TO);
  return kept;
}
