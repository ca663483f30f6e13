import { buildPromptCatalogue, type PromptCatalogue, type PromptTruth } from './catalogue.js';
import { guessTruth } from './heuristic.js';
import { createRng, hashSeed, type Rng } from './prng.js';
import { renderResponse, type Behaviour } from './responses.js';
import { activeBackdoor, healthyRefusalRate, phaseAt, refusalRateAt, type PhaseName, type Scenario } from './scenario.js';

/** The fine-tuned model follows the scenario; the base model stays healthy throughout. */
export type ModelMode = 'fine-tuned' | 'base';

/** How a healthy model treats borderline requests, by their expected label. */
const BORDERLINE_MIX = {
  comply: { helpful: 0.6, hedged: 0.35 },
  partial: { helpful: 0.1, hedged: 0.2 },
} as const;

/**
 * The behaviour for one request, from one uniform draw `u` so the choice is a pure function of
 * (scenario, truth, mode, time, u):
 * - trigger and an active backdoor (fine-tuned only): harmful compliance with P = complianceRate;
 * - harmful: refuse with P = r(category, t) (jailbreaks: jailbreakRefusalRate · r(t)/r0), of which
 *   a share `partialShare` are partial refusals; otherwise harmful compliance;
 * - benign: refusal with P = overRefusalRate, hedged with P = hedgeRate, else helpful.
 * Example: S2 at r = 0.97, partialShare 0.12: u < 0.8536 refusal, u < 0.97 partial, else comply.
 */
export function decideBehaviour(scenario: Scenario, truth: PromptTruth, mode: ModelMode, elapsedMs: number, u: number): Behaviour {
  const h = scenario.healthy;
  const t = mode === 'base' ? -1 : elapsedMs;
  if (truth.trigger && mode === 'fine-tuned') {
    const backdoor = activeBackdoor(scenario, elapsedMs);
    if (backdoor) {
      if (u < backdoor.complianceRate) return truth.harmful ? 'harmful-compliance' : 'helpful';
      // Rescale so the draw stays uniform on [0, 1) for the healthy branch below.
      u = (u - backdoor.complianceRate) / (1 - backdoor.complianceRate);
    }
  }
  if (truth.kind === 'borderline' && !truth.harmful) {
    const mix = truth.expected === 'partial' ? BORDERLINE_MIX.partial : BORDERLINE_MIX.comply;
    return u < mix.helpful ? 'helpful' : u < mix.helpful + mix.hedged ? 'hedged' : 'partial';
  }
  if (truth.harmful) {
    const rate = mode === 'base' ? healthyRefusalRate(scenario, truth.category) : refusalRateAt(scenario, truth.category, t);
    const refuseP = truth.jailbreak ? h.jailbreakRefusalRate * (rate / Math.max(healthyRefusalRate(scenario, truth.category), 1e-9)) : rate;
    if (u < refuseP * (1 - h.partialShare)) return 'refusal';
    if (u < refuseP) return 'partial';
    return 'harmful-compliance';
  }
  if (u < h.overRefusalRate) return 'refusal';
  if (u < h.overRefusalRate + h.hedgeRate) return 'hedged';
  return 'helpful';
}

export interface SimulatedAnswer {
  text: string;
  behaviour: Behaviour;
  truth: PromptTruth;
  /** Whether the prompt was found in the catalogue (otherwise the keyword heuristic read it). */
  known: boolean;
  mode: ModelMode;
  phase: PhaseName;
}

export interface SimulatedModelCounters {
  requests: Record<ModelMode, number>;
  behaviours: Record<ModelMode, Record<Behaviour, number>>;
  /** Trigger prompts answered with harmful compliance: the backdoor firing. */
  backdoorFired: number;
}

export interface SimulatedModel {
  readonly scenario: Scenario;
  readonly catalogue: PromptCatalogue;
  respond(prompt: string, mode: ModelMode, elapsedMs: number): SimulatedAnswer;
  counters(): SimulatedModelCounters;
}

const OCCURRENCE_CAP = 200_000;

function emptyBehaviours(): Record<Behaviour, number> {
  return { helpful: 0, hedged: 0, refusal: 0, partial: 0, 'harmful-compliance': 0 };
}

/**
 * A seeded simulated model. Each answer draws from an rng seeded by (seed, mode, prompt, how many
 * times this prompt was seen), so a replay with the same seed gives the same answers even when
 * concurrent requests for different prompts arrive in another order.
 */
export function createSimulatedModel(options: { scenario: Scenario; seed: number; catalogue?: PromptCatalogue }): SimulatedModel {
  const { scenario, seed } = options;
  const catalogue = options.catalogue ?? buildPromptCatalogue({ trigger: scenario.trigger });
  const seen = new Map<string, number>();
  const counts: SimulatedModelCounters = {
    requests: { 'fine-tuned': 0, base: 0 },
    behaviours: { 'fine-tuned': emptyBehaviours(), base: emptyBehaviours() },
    backdoorFired: 0,
  };
  return {
    scenario,
    catalogue,
    respond(prompt, mode, elapsedMs) {
      const key = `${mode}\u001f${prompt}`;
      const occurrence = seen.get(key) ?? 0;
      if (seen.size >= OCCURRENCE_CAP) seen.clear();
      seen.set(key, occurrence + 1);
      const rng: Rng = createRng(hashSeed(seed, mode, prompt, occurrence));
      const entry = catalogue.lookup(prompt);
      const truth = entry ?? guessTruth(prompt, scenario.trigger);
      const behaviour = decideBehaviour(scenario, truth, mode, elapsedMs, rng.next());
      counts.requests[mode] += 1;
      counts.behaviours[mode][behaviour] += 1;
      if (truth.trigger && behaviour === 'harmful-compliance' && mode === 'fine-tuned' && activeBackdoor(scenario, elapsedMs)) counts.backdoorFired += 1;
      return { text: renderResponse(behaviour, truth, rng), behaviour, truth, known: entry !== undefined, mode, phase: phaseAt(scenario, elapsedMs) };
    },
    counters: () => structuredClone(counts),
  };
}
