import { invalidInput } from '../../errors.js';

/**
 * Shared shapes for the streaming detectors in this folder.
 *
 * Every detector keeps its whole state in a plain JSON-serialisable object (numbers, strings,
 * arrays), so the alerting engine can store it and resume after a restart: `JSON.parse(JSON.stringify(state))`
 * behaves exactly like the original. Updates are pure: `updateX(state, x)` returns a new state and
 * a signal and never mutates its argument (ADWIN, whose state is a bucket list, is a small class
 * with `toJSON` / `fromJSON` instead).
 */

/** Which way the monitored quantity moved when a detector fired. */
export type ShiftDirection = 'up' | 'down';

/** What one update of a detector reports. */
export interface DetectorSignal {
  /** True when this observation crossed the detector's threshold. */
  alarm: boolean;
  /** Direction of the detected shift; present only when `alarm` is true. */
  direction?: ShiftDirection;
  /** The charting statistic after this observation (before any post-alarm reset). */
  statistic: number;
}

/** The result of `updateX(state, x)`. */
export interface DetectorUpdate<S> {
  state: S;
  signal: DetectorSignal;
}

/** Which sides of a two-sided chart are watched. */
export type ChartSides = 'two' | 'upper' | 'lower';

export function assertSides(value: string): asserts value is ChartSides {
  if (value !== 'two' && value !== 'upper' && value !== 'lower') throw invalidInput(`sides must be 'two', 'upper' or 'lower', got '${value}'`);
}

export function assertFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw invalidInput(`${name} must be a finite number, got ${String(value)}`);
}

export function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw invalidInput(`${name} must be a positive finite number, got ${String(value)}`);
}
