import { hashString } from '../../../src/core/classify/text/hash.js';
import { normalizeText } from '../../../src/core/classify/text/normalize.js';

/** A de-duplication key: normalised text with punctuation and spaces removed. */
export function dedupeKey(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Keeps the first row of each distinct key. */
export function dedupe<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Deterministic split by group (e.g. the source prompt): a group lands in dev when its hash
 * falls under `devShare`, so every row about one prompt sits on the same side.
 */
export function isDevGroup(group: string, devShare: number, salt = 'argus-split-v1'): boolean {
  return hashString(`${salt}:${dedupeKey(group)}`, 7) / 4294967296 < devShare;
}
