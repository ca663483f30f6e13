import { fingerprintChanges, fingerprintKey, type ContextFingerprint } from './fingerprint.js';

/** Per-minute counts of the context keys (`fingerprintKey`) seen in traffic, as minute records keep them. */
export interface FingerprintCounts { minuteMs: number; fingerprints: Readonly<Record<string, number>> }

export interface ContextWatchOptions {
  /** Least number of events in the new context before it counts (a handful of test calls do not). */
  minEvents: number;
  /** Least share of the window's events the new context must carry. */
  minShare: number;
}

export interface ContextChange {
  key: string;
  fingerprint: ContextFingerprint;
  /** What differs from the baseline's context, for a person: e.g. ['system prompt']. */
  changes: string[];
  /** Events in the new context, all events, and their ratio, over the minutes given. */
  events: number;
  total: number;
  share: number;
  /** The first minute in which the new context appeared. */
  sinceMs: number;
}

/** Inverse of `fingerprintKey` (tool names containing '|' or ',' do not survive the round trip). */
export function parseFingerprintKey(key: string): ContextFingerprint {
  const first = key.indexOf('|');
  const last = key.lastIndexOf('|');
  const tools = key.slice(first + 1, last);
  const model = key.slice(last + 1);
  return { systemPromptHash: key.slice(0, first), tools: tools === '' ? [] : tools.split(','), modelVersion: model === '' ? null : model };
}

/**
 * The baseline's context matches traffic's when the system prompt hash and tools are equal and
 * the model is equal, or the baseline names no model (its events carried none, so it cannot
 * tell one model version from another).
 */
export function sameContext(baseline: ContextFingerprint, seen: ContextFingerprint): boolean {
  return fingerprintChanges(baseline, seen).every((c) => c === 'model version' && baseline.modelVersion === null);
}

/**
 * Has the deployment's context changed? Over the minutes given (the engine passes the last hour),
 * the most frequent context that does not match the baseline's is a change when it carries at
 * least `minEvents` events and at least `minShare` of all events. A deployment that serves two
 * contexts side by side, the second one rarer than `minShare`, is not flagged.
 *
 * Example: baseline context `abc|search|ft-2`; in the last hour 300 events carry `def|search|ft-2`
 * and 100 the old one: share 0.75 ≥ 0.5 and 300 ≥ 100, so the change is ['system prompt'].
 */
export function detectContextChange(baseline: ContextFingerprint, minutes: readonly FingerprintCounts[], o: ContextWatchOptions): ContextChange | undefined {
  const counts = new Map<string, { n: number; sinceMs: number }>();
  let total = 0;
  for (const m of minutes) {
    for (const [key, n] of Object.entries(m.fingerprints)) {
      total += n;
      const c = counts.get(key);
      if (c) { c.n += n; c.sinceMs = Math.min(c.sinceMs, m.minuteMs); } else counts.set(key, { n, sinceMs: m.minuteMs });
    }
  }
  const baseKey = fingerprintKey(baseline);
  let best: { key: string; fingerprint: ContextFingerprint; n: number; sinceMs: number } | undefined;
  for (const [key, c] of counts) {
    if (key === baseKey) continue;
    const fingerprint = parseFingerprintKey(key);
    if (sameContext(baseline, fingerprint)) continue;
    if (!best || c.n > best.n) best = { key, fingerprint, ...c };
  }
  if (!best || total === 0) return undefined;
  const share = best.n / total;
  if (best.n < o.minEvents || share < o.minShare) return undefined;
  return { key: best.key, fingerprint: best.fingerprint, changes: fingerprintChanges(baseline, best.fingerprint), events: best.n, total, share, sinceMs: best.sinceMs };
}
