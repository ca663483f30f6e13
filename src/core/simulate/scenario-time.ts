import type { Clock } from '../clock.js';
import { invalidInput } from '../errors.js';

/**
 * Scenario time: milliseconds since the scenario started, running `speed` times faster than the
 * clock. elapsed(t) = max(0, (clock.now() − startMs) · speed). Example: speed 20, 9 s after the
 * start the scenario is at 180,000 ms (minute 3). Created with `autoStart: false`, the scenario
 * stays at 0 (healthy) until `start()`, so the demo can build its baseline first.
 */
export interface ScenarioTime {
  readonly speed: number;
  /** Clock time of the start; NaN until started. */
  readonly startMs: number;
  readonly started: boolean;
  /** Scenario milliseconds elapsed now (0 before the start). */
  nowMs(): number;
  /** The clock time at which the scenario reaches `scenarioMs` (NaN until started). */
  wallMsAt(scenarioMs: number): number;
  /** Starts (or restarts) the scenario at the given clock time, default now. */
  start(atWallMs?: number): void;
}

export function createScenarioTime(clock: Clock, options: { speed?: number; startMs?: number; autoStart?: boolean } = {}): ScenarioTime {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw invalidInput(`speed must be a positive number, got ${speed}`);
  let startMs = options.autoStart === false ? Number.NaN : options.startMs ?? clock.now();
  return {
    speed,
    get startMs() { return startMs; },
    get started() { return !Number.isNaN(startMs); },
    nowMs: () => (Number.isNaN(startMs) ? 0 : Math.max(0, (clock.now() - startMs) * speed)),
    wallMsAt: (scenarioMs) => startMs + scenarioMs / speed,
    start: (atWallMs) => { startMs = atWallMs ?? clock.now(); },
  };
}
