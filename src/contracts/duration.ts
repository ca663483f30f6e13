import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses '500ms', '30s', '15m', '1h', '1d', '2w' (or a bare number of milliseconds) to milliseconds. */
export function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

/** A zod type for a positive duration, output in milliseconds. */
export const durationMs = (opts: { min?: number } = {}) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const ms = parseDurationMs(v);
    const min = opts.min ?? 1;
    if (ms === undefined || ms < min) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like '15m' or '500ms' (at least ${min} ms), got '${String(v)}'` });
      return z.NEVER;
    }
    return ms;
  });

/** Parses a point in time given as RFC 3339 or as epoch milliseconds; undefined if it is neither. */
export function parseTimeMs(value: string): number | undefined {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
