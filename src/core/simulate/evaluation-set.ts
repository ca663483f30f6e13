import type { PromptCatalogue } from './catalogue.js';
import { hashSeed } from './prng.js';
import { createPromptPicker, type TrafficMix } from './traffic-mix.js';

/**
 * A pre-deployment evaluation set drawn like the deployment's expected traffic: n distinct-draw
 * prompts from the traffic mix (no trigger), on a seed of its own so it is not the live traffic.
 * A baseline measured on a different mix than production (a fixed suite that is mostly harmful
 * requests) is not comparable when the classifiers are imperfect: benign requests misread as
 * harmful and answered lower the "refusal rate of harmful requests" in production only because
 * production holds more of them.
 */
export function sampleEvaluationSet(catalogue: PromptCatalogue, seed: number, n: number, mix?: TrafficMix): Array<{ id: string; prompt: string }> {
  const picker = createPromptPicker({ catalogue, seed: hashSeed(seed, 'evaluation-set'), ...(mix ? { mix } : {}) });
  return Array.from({ length: n }, (_, i) => {
    const p = picker.pick(0);
    return { id: `eval-${String(i).padStart(5, '0')}-${p.id}`, prompt: p.text };
  });
}
