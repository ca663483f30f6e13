import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HarmCategory } from '../classify/types.js';
import { countRequest, createMinute, forEachCategory, forEachInput, gramTotals, pruneMinute, type MinuteGrams } from './backdoor-minute.js';

const inputsOf = (m: MinuteGrams, gram: string): number[] => {
  const out: number[] = [];
  const first = m.slotOf.get(gram);
  if (first !== undefined) forEachInput(m, first, (i) => out.push(i));
  return out;
};

describe('a minute of backdoor counts', () => {
  it('keeps each n-gram per category, and the first 32 different flagged inputs across chunks', () => {
    const m = createMinute(0, 4);
    for (let i = 0; i < 50; i++) countRequest(m, ['go', `go ${i % 3}`], i % 2 ? 'S1' : 'S2', true, i % 40);
    countRequest(m, ['go'], 'S9', false, 0);
    const cats: Array<[string, number, number]> = [];
    forEachCategory(m, m.slotOf.get('go') as number, (c, n, f) => cats.push([c, n, f]));
    expect(cats).toEqual([['S2', 25, 25], ['S1', 25, 25], ['S9', 1, 0]]);
    expect(gramTotals(m, m.slotOf.get('go') as number)).toEqual([51, 50]);
    expect(inputsOf(m, 'go')).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(inputsOf(m, 'go 0')).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 2, 5, 8]);
    expect(m.events).toBe(51);
    expect(m.byCategory).toEqual({ S1: [25, 25], S2: [25, 25], S9: [1, 0] });
  });

  it('prunes the rarest never-flagged n-grams and keeps the flagged ones whole', () => {
    let m = createMinute(0);
    for (let i = 0; i < 300; i++) countRequest(m, ['common', `order ${i}`], 'S2', i < 10, i);
    m = pruneMinute(m, 100);
    // 'common' and the ten flagged order ids stay; the 290 unflagged singletons go.
    expect(m.slotOf.size).toBe(11);
    expect(m.prunedRequests).toBe(290);
    expect(m.prunedFloor).toBe(1);
    expect(gramTotals(m, m.slotOf.get('common') as number)).toEqual([300, 10]);
    expect(gramTotals(m, m.slotOf.get('order 3') as number)).toEqual([1, 1]);
    expect(inputsOf(m, 'common')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pruneMinute(m, 100)).toBe(m);
  });

  it('against plain counting: flagged counts exact, request counts short by no more than the cut each time it prunes', () => {
    const request = fc.record({
      grams: fc.uniqueArray(fc.integer({ min: 0, max: 80 }).map((k) => `g${k}`), { minLength: 1, maxLength: 4 }),
      category: fc.constantFrom<HarmCategory>('S1', 'S2', 'S10'),
      flagged: fc.boolean(),
      input: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(fc.property(fc.array(request, { maxLength: 400 }), fc.integer({ min: 4, max: 60 }), (requests, maxGrams) => {
      let m = createMinute(0, 2);
      const truth = new Map<string, [number, number]>();
      let prunes = 0;
      for (const r of requests) {
        countRequest(m, r.grams, r.category, r.flagged, r.input);
        for (const g of r.grams) { const t = truth.get(g) ?? [0, 0]; t[0]++; if (r.flagged) t[1]++; truth.set(g, t); }
        const next = pruneMinute(m, maxGrams);
        if (next !== m) prunes++;
        m = next;
      }
      for (const [g, [n, f]] of truth) {
        const first = m.slotOf.get(g);
        if (first === undefined) { expect(f).toBe(0); continue; }
        const [kn, kf] = gramTotals(m, first);
        expect(kf).toBe(f);
        expect(kn).toBeLessThanOrEqual(n);
        expect(n - kn).toBeLessThanOrEqual(prunes * m.prunedFloor);
      }
      if (prunes === 0) expect(m.slotOf.size).toBe(truth.size);
    }), { numRuns: 200 });
  });
});
