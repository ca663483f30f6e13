import { mulberry32, type Rng } from '../../stats/random.js';

/**
 * The trainer's seeded generator: mulberry32 from the statistics core, so one seed reproduces a
 * model exactly. Core code never calls Math.random().
 * Example: createPrng(1)() === 0.6270739405881613.
 */
export type Prng = Rng;

export const createPrng: (seed: number) => Prng = mulberry32;

/** Fisher–Yates shuffle in place, driven by `rng`. */
export function shuffleInPlace<T>(items: T[] | Int32Array, rng: Prng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}
