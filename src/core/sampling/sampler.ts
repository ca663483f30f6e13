import { invalidInput } from '../errors.js';
import { createRng } from '../stats/random.js';

/**
 * Decides which captured events are analysed. Every event is stored either way; sampling only
 * bounds the classifier cost. `full` analyses all; `random` keeps each event with probability
 * `rate`, from a seeded generator so a replay makes the same choices.
 */
export type SamplingPolicy =
  | { mode: 'full' }
  | { mode: 'random'; rate: number; seed: number };

export interface Sampler {
  shouldAnalyse(deployment: string): boolean;
}

/** The raised rate for a deployment while its monitoring is boosted (a mitigation), or undefined. */
export type BoostedRate = (deployment: string) => number | undefined;

/**
 * A sampler per policy. `boosted` raises a deployment's rate while a boost_monitoring mitigation
 * is in force: the event is kept with probability max(rate, boosted rate), never less than the
 * policy's own rate. One draw per event either way, so the choices for other deployments do not
 * shift when one is boosted at the same moment in a replay.
 *
 * Example: rate 0.1 and a boost to 1 for 'bot-a': every 'bot-a' event is analysed, about one in
 * ten of 'bot-b'.
 */
export function createSampler(policy: SamplingPolicy, boosted: BoostedRate = () => undefined): Sampler {
  if (policy.mode === 'full') return { shouldAnalyse: () => true };
  const base = policy.rate;
  if (!(base >= 0 && base <= 1)) throw invalidInput(`sampling rate must be in [0, 1], got ${base}`);
  const rng = createRng(policy.seed);
  return {
    shouldAnalyse(deployment) {
      const u = rng();
      const b = boosted(deployment);
      return u < (b !== undefined && b > base ? b : base);
    },
  };
}
