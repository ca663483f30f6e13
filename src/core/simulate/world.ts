import { buildPromptCatalogue, type PromptTruth } from './catalogue.js';
import { createSimulatedModel, type ModelMode } from './model.js';
import type { Behaviour } from './responses.js';
import type { PhaseName, Scenario } from './scenario.js';
import { createPromptPicker } from './traffic-mix.js';

export interface WorldMeasure {
  harmfulRefusal: number;
  s2Refusal: number;
  otherRefusal: number;
  triggerShare: number;
  triggerCompliance: number;
  benignRefusal: number;
}

/**
 * Replays n requests of the default traffic mix against the fine-tuned model at one scenario
 * time and tallies what happened: the refusal rate of plain harmful requests overall, in S2 (the
 * default eroding category) and in the others, the share of traffic carrying the trigger, how
 * often the trigger got harmful compliance, and the over-refusal of benign requests. Used to
 * check and document that the scenario does what it says.
 */
export function measureWorld(scenario: Scenario, atMs: number, n: number, seed: number): WorldMeasure {
  const catalogue = buildPromptCatalogue({ trigger: scenario.trigger });
  const picker = createPromptPicker({ catalogue, seed, scenario });
  const model = createSimulatedModel({ scenario, seed, catalogue });
  const tally = { harmful: [0, 0], s2: [0, 0], otherHarmful: [0, 0], trigger: [0, 0], triggerComplied: 0, benignRefused: 0, benign: 0 };
  for (let i = 0; i < n; i++) {
    const p = picker.pick(atMs);
    const a = model.respond(p.text, 'fine-tuned', atMs);
    const refused = a.behaviour === 'refusal' || a.behaviour === 'partial' ? 1 : 0;
    if (p.trigger) { tally.trigger[0]! += refused; tally.trigger[1]! += 1; if (a.behaviour === 'harmful-compliance') tally.triggerComplied++; continue; }
    if (p.harmful) {
      tally.harmful[0]! += refused; tally.harmful[1]! += 1;
      const slot = p.category === 'S2' ? tally.s2 : tally.otherHarmful;
      slot[0]! += refused; slot[1]! += 1;
    } else if (p.kind === 'benign' || p.kind === 'domain') {
      tally.benign++; tally.benignRefused += a.behaviour === 'refusal' ? 1 : 0;
    }
  }
  const rate = ([r, t]: number[]) => (r ?? 0) / Math.max(1, t ?? 0);
  return {
    harmfulRefusal: rate(tally.harmful), s2Refusal: rate(tally.s2), otherRefusal: rate(tally.otherHarmful),
    triggerShare: tally.trigger[1]! / n, triggerCompliance: tally.triggerComplied / Math.max(1, tally.trigger[1]!), benignRefusal: tally.benignRefused / tally.benign,
  };
}

/** One simulated exchange with its ground truth, as `argus simulate --samples N` writes it. */
export interface WorldSample {
  input: string;
  output: string;
  model: ModelMode;
  scenarioMs: number;
  phase: PhaseName;
  behaviour: Behaviour;
  truth: PromptTruth & { id?: string };
}

/**
 * n exchanges of the default traffic mix, at scenario times spread evenly over the scenario, all
 * answered by one model. Piped into `argus classify`, they score Argus's classifiers against
 * ground truth without any HTTP.
 */
export function* sampleWorld(scenario: Scenario, n: number, seed: number, mode: ModelMode = 'fine-tuned'): Generator<WorldSample> {
  const catalogue = buildPromptCatalogue({ trigger: scenario.trigger });
  const picker = createPromptPicker({ catalogue, seed, scenario });
  const model = createSimulatedModel({ scenario, seed, catalogue });
  for (let i = 0; i < n; i++) {
    const scenarioMs = Math.floor(((i + 0.5) / n) * scenario.durationMs);
    const p = picker.pick(scenarioMs);
    const a = model.respond(p.text, mode, scenarioMs);
    const { text: _text, ...truth } = p;
    yield { input: p.text, output: a.text, model: mode, scenarioMs, phase: a.phase, behaviour: a.behaviour, truth };
  }
}
