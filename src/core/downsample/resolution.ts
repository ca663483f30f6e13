import { invalidInput } from '../errors.js';
import { chooseStepMs } from './buckets.js';

/** Resolutions the stores keep: minutes, and hourly and UTC-daily rollups of them. */
export const STORED_RESOLUTIONS_MS = [60_000, 3_600_000, 86_400_000] as const;
export type StoredResolutionMs = (typeof STORED_RESOLUTIONS_MS)[number];

/**
 * Which stored resolution to read for a chart of [fromMs, toMs) and the bucket step to draw.
 * Reading hourly rollups instead of minutes divides the rows read by 60, so the coarsest
 * resolution wins as long as it still yields at least a quarter of the requested points; the step
 * is the nice step for `points`, raised to a multiple of that resolution. An explicit step reads
 * the coarsest resolution that divides it.
 * Examples (points 600, so at least 150): 24 h -> minutes, 5-min step (288 points); 7 days ->
 * hours, 1 h step (168); 30 days -> hours, 2 h step (360); 1 year -> days, 1 day step (365).
 */
export function chooseResolution(fromMs: number, toMs: number, points: number, stepMs?: number): { resolutionMs: StoredResolutionMs; stepMs: number } {
  if (stepMs !== undefined) {
    if (!(stepMs >= 60_000) || stepMs % 60_000 !== 0) throw invalidInput(`stepMs must be a whole number of minutes, got ${stepMs}`);
    const resolutionMs = [...STORED_RESOLUTIONS_MS].reverse().find((r) => stepMs % r === 0) ?? 60_000;
    return { resolutionMs, stepMs };
  }
  const minPoints = Math.ceil(points / 4);
  const span = toMs - fromMs;
  const resolutionMs = [...STORED_RESOLUTIONS_MS].reverse().find((r) => span / r >= minPoints) ?? 60_000;
  const nice = chooseStepMs(fromMs, toMs, points);
  return { resolutionMs, stepMs: Math.max(resolutionMs, Math.ceil(nice / resolutionMs) * resolutionMs) };
}
