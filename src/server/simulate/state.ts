import type { SimulatedModel, SimulatedModelCounters } from '../../core/simulate/model.js';
import type { ScenarioTime } from '../../core/simulate/scenario-time.js';
import { isPhaseActive, phaseAt, refusalRatesAt, type PhaseName } from '../../core/simulate/scenario.js';

/** One injected fault as ground truth for scoring: what, where, and when it started. */
export interface FaultTruth {
  id: string;
  kind: 'erosion' | 'backdoor';
  category?: string;
  trigger?: string;
  /** Backdoor only: the share of traffic that should carry the trigger while it is active. */
  triggerShare?: number;
  startMs: number;
  endMs?: number;
  /** Clock time at which the fault starts (ms since the epoch, or the clock's own origin); null before the scenario starts. */
  startsAtWallMs: number | null;
  active: boolean;
  started: boolean;
}

/** The body of `GET /simulate/state`. */
export interface SimulateState {
  scenario: { name: string; durationMs: number; trigger: string };
  models: { fineTuned: string; base: string; baseOnly: boolean };
  speed: number;
  /** Clock time the scenario started; null while it waits for start(). */
  startedAtWallMs: number | null;
  elapsedMs: number;
  ended: boolean;
  phase: PhaseName;
  faults: FaultTruth[];
  /** The fine-tuned model's current refusal probability per harm category. */
  refusalRates: Record<string, number>;
  counters: SimulatedModelCounters;
}

export function simulateState(model: SimulatedModel, time: ScenarioTime, models: SimulateState['models']): SimulateState {
  const s = model.scenario;
  const elapsedMs = time.nowMs();
  return {
    scenario: { name: s.name, durationMs: s.durationMs, trigger: s.trigger },
    models,
    speed: time.speed,
    startedAtWallMs: time.started ? time.startMs : null,
    elapsedMs,
    ended: elapsedMs >= s.durationMs,
    phase: phaseAt(s, elapsedMs),
    faults: s.phases.map((p) => ({
      id: p.id,
      kind: p.kind,
      ...(p.kind === 'erosion' ? { category: p.category } : { trigger: s.trigger, triggerShare: p.triggerShare }),
      startMs: p.startMs,
      ...(p.endMs === undefined ? {} : { endMs: p.endMs }),
      startsAtWallMs: time.started ? time.wallMsAt(p.startMs) : null,
      active: isPhaseActive(p, elapsedMs),
      started: elapsedMs >= p.startMs,
    })),
    refusalRates: refusalRatesAt(s, elapsedMs),
    counters: model.counters(),
  };
}
