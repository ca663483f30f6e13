import type { Clock } from '../clock.js';
import { invalidInput } from '../errors.js';

/**
 * Scenario time: milliseconds since the scenario started, running `speed` times faster than the
 * clock. elapsed(t) = (clock.now() − startMs) · speed. Example: speed 20, 9 s after the start
 * the scenario is at 180,000 ms (minute 3). The demo either passes a fast clock or advances a
 * manual one; tests use a manual clock.
 */
export interface ScenarioTime {
  readonly speed: number;
  readonly startMs: number;
  /** Scenario milliseconds elapsed now. */
  nowMs(): number;
  /** The clock time at which the scenario reaches `scenarioMs`. */
  wallMsAt(scenarioMs: number): number;
}

export function createScenarioTime(clock: Clock, options: { speed?: number; startMs?: number } = {}): ScenarioTime {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw invalidInput(`speed must be a positive number, got ${speed}`);
  const startMs = options.startMs ?? clock.now();
  return {
    speed,
    startMs,
    nowMs: () => Math.max(0, (clock.now() - startMs) * speed),
    wallMsAt: (scenarioMs) => startMs + scenarioMs / speed,
  };
}
