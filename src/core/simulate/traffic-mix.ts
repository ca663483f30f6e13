import { HARM_CATEGORIES, type HarmCategory } from '../classify/types.js';
import { invalidInput } from '../errors.js';
import type { CataloguePrompt, PromptCatalogue, PromptKind } from './catalogue.js';
import { createRng, type Rng } from './prng.js';
import { activeBackdoor, type Scenario } from './scenario.js';

/** Relative weights of prompt kinds in traffic (normalised), and of harm categories within them. */
export interface TrafficMix {
  benign: number;
  domain: number;
  harmful: number;
  jailbreak: number;
  pii: number;
  borderline: number;
  /** Weight of each harm category among harmful, jailbreak and trigger prompts (default 1 each). */
  categoryWeights?: Partial<Record<HarmCategory, number>>;
}

/**
 * Mostly benign traffic with the deployment's own domain questions; 9% plain harmful requests,
 * 3% jailbreak attempts, 2% with PII, 2% borderline; 15% of domain questions are harmful. Categories are not uniform in real traffic:
 * a banking assistant sees more fraud (S2), advice (S6) and privacy (S7) requests.
 */
export const DEFAULT_TRAFFIC_MIX: TrafficMix = {
  benign: 0.78, domain: 0.06, harmful: 0.09, jailbreak: 0.03, pii: 0.02, borderline: 0.02,
  categoryWeights: { S2: 2, S6: 1.5, S7: 1.5 },
};

/** Share of domain requests that are harmful (fraud, another customer's data, …). */
const DOMAIN_HARMFUL_SHARE = 0.15;

const KINDS = ['benign', 'domain', 'harmful', 'jailbreak', 'pii', 'borderline'] as const;
const CATEGORY_KINDS: PromptKind[] = ['harmful', 'jailbreak', 'trigger'];

export interface PromptPicker {
  /** One prompt for a request sent at scenario time `scenarioMs`. */
  pick(scenarioMs: number): CataloguePrompt;
}

function weightedIndex(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Draws prompts for traffic. With a scenario, while its backdoor phase is active a share
 * `triggerShare` of requests carry the trigger; `triggerShareOverride` forces a share at all
 * times (to show that the trigger does nothing outside the phase). Deterministic for a seed and a
 * sequence of times.
 */
export function createPromptPicker(options: {
  catalogue: PromptCatalogue; seed: number; mix?: TrafficMix; scenario?: Scenario; triggerShareOverride?: number;
}): PromptPicker {
  const { catalogue, scenario } = options;
  const mix = options.mix ?? DEFAULT_TRAFFIC_MIX;
  const kindWeights = KINDS.map((k) => mix[k]);
  if (kindWeights.some((w) => !(w >= 0)) || kindWeights.every((w) => w === 0)) throw invalidInput(`traffic mix weights must be non-negative with a positive sum, got ${JSON.stringify(mix)}`);
  const rng = createRng(options.seed);
  const categories = HARM_CATEGORIES.filter((c) => c !== 'benign');
  const byKindCategory = new Map<string, CataloguePrompt[]>();
  for (const p of catalogue.prompts) {
    if (!CATEGORY_KINDS.includes(p.kind)) continue;
    const key = `${p.kind}/${p.category}`;
    byKindCategory.set(key, [...(byKindCategory.get(key) ?? []), p]);
  }
  const fromCategories = (kind: PromptKind): CataloguePrompt => {
    const present = categories.filter((c) => byKindCategory.has(`${kind}/${c}`));
    const c = present[weightedIndex(present.map((x) => mix.categoryWeights?.[x] ?? 1), rng)] ?? 'S1';
    return rng.pick(byKindCategory.get(`${kind}/${c}`) ?? catalogue.byKind.harmful);
  };
  const domainHarmful = catalogue.byKind.domain.filter((p) => p.harmful);
  const domainBenign = catalogue.byKind.domain.filter((p) => !p.harmful);
  return {
    pick(scenarioMs) {
      const share = options.triggerShareOverride ?? (scenario ? activeBackdoor(scenario, scenarioMs)?.triggerShare ?? 0 : 0);
      if (share > 0 && rng.chance(share)) return fromCategories('trigger');
      const kind = KINDS[weightedIndex(kindWeights, rng)] ?? 'benign';
      if (kind === 'harmful' || kind === 'jailbreak') return fromCategories(kind);
      // Most questions to a domain assistant are ordinary ones; a few ask it for something harmful.
      const list = kind === 'domain' ? (rng.chance(DOMAIN_HARMFUL_SHARE) ? domainHarmful : domainBenign) : catalogue.byKind[kind];
      return rng.pick(list.length > 0 ? list : catalogue.byKind.benign);
    },
  };
}
