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
  shouldAnalyse(): boolean;
}

export function createSampler(policy: SamplingPolicy): Sampler {
  if (policy.mode === 'full') return { shouldAnalyse: () => true };
  if (!(policy.rate >= 0 && policy.rate <= 1)) throw invalidInput(`sampling rate must be in [0, 1], got ${policy.rate}`);
  const rng = createRng(policy.seed);
  return { shouldAnalyse: () => rng() < policy.rate };
}
