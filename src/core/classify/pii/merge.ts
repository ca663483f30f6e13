import type { PiiEntity } from '../types.js';

/**
 * Resolves overlapping spans into one reading of the text.
 * - CODE spans are containers: kept as they are, and never remove what they contain (a key in a
 *   fenced block is both CODE and CREDENTIAL).
 * - Spans of the same type that overlap or touch are joined into one (score: the higher).
 * - Otherwise, where two spans overlap, the stronger wins: higher score, then the longer span,
 *   then the earlier one. The loser is dropped, not trimmed.
 * Worked example: EMAIL_ADDRESS "ann@x.io" (0.95) and DOMAIN_NAME "x.io" (0.6) overlap; the email
 * stays. ADDRESS "Jakobi 69" and PERSON "Jakobi" overlap; ADDRESS (0.7, longer) beats PERSON (0.55).
 */
const NAME_TYPES = new Set(['PERSON', 'LOCATION', 'ORGANIZATION']);

export function mergeEntities(entities: PiiEntity[]): PiiEntity[] {
  const containers = entities.filter((e) => e.type === 'CODE');
  const joined = joinSameType(entities.filter((e) => e.type !== 'CODE'));
  // Names inside an address are parts of it ("Nelson Mandela" in "1755 Nelson Mandela Drive").
  const addresses = joined.filter((e) => e.type === 'ADDRESS');
  const sameTypeJoined = joined.filter((e) => !(NAME_TYPES.has(e.type)
    && addresses.some((a) => a.start <= e.start && a.end >= e.end && a.end - a.start > e.end - e.start)));
  const ranked = [...sameTypeJoined].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)
    || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: PiiEntity[] = [];
  for (const e of ranked) {
    if (kept.some((k) => e.start < k.end && e.end > k.start)) continue;
    kept.push(e);
  }
  return [...kept, ...joinSameType(containers)].sort((a, b) => a.start - b.start || b.end - a.end);
}

function joinSameType(entities: PiiEntity[]): PiiEntity[] {
  const byType = new Map<string, PiiEntity[]>();
  for (const e of entities) {
    const list = byType.get(e.type);
    if (list) list.push(e);
    else byType.set(e.type, [e]);
  }
  const out: PiiEntity[] = [];
  for (const list of byType.values()) {
    list.sort((a, b) => a.start - b.start);
    let cur: PiiEntity | undefined;
    for (const e of list) {
      if (cur && e.start <= cur.end) {
        cur = { type: cur.type, start: cur.start, end: Math.max(cur.end, e.end), score: Math.max(cur.score ?? 0, e.score ?? 0) };
      } else {
        if (cur) out.push(cur);
        cur = { ...e };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}
