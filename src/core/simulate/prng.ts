import { mulberry32 } from '../stats/random.js';

/**
 * Seeded randomness for the simulation. The core may not call Math.random(): every random choice
 * comes from a `Rng` built from a seed, so one seed replays one run.
 *
 * Generator: mulberry32 from the statistics core (src/core/stats/random.ts), a 32-bit state
 * generator with a period of 2^32; ample for choosing templates.
 * String hashing: cyrb53 (bryc, 2018, public domain) folded to 32 bits, used to derive a seed per
 * request from (seed, prompt, occurrence) so the answer does not depend on request interleaving.
 *
 * Example: `createRng(42).next()` always returns 0.6011037519201636.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** true with probability p. */
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
  };
}

/** cyrb53 over the parts joined by U+001F, returned as an unsigned 32-bit integer. */
export function hashSeed(...parts: (string | number)[]): number {
  const text = parts.join('\u001f');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return ((h2 & 0x1fffff) * 4294967296 + (h1 >>> 0)) >>> 0;
}

/** Fills `{slot}` markers in a template from `values`; an unknown slot is left as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
