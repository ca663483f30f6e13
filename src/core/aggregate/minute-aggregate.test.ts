import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToMinuteAggregate, emptyMinuteAggregate, mergeMinuteAggregates, toxicityQuantile, type AggregateInput } from './minute-aggregate.js';

const eventArb: fc.Arbitrary<AggregateInput> = fc.record({
  latencyMs: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  inputTokens: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  outputTokens: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  scores: fc.option(fc.record({
    refusal: fc.record({ label: fc.constantFrom('comply', 'partial', 'refuse'), scores: fc.constant({ comply: 0, partial: 0, refuse: 0 }) }),
    harm_category: fc.record({ top: fc.constantFrom('S1', 'S9', 'benign'), scores: fc.constant({} as never) }),
    toxicity: fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), subtypes: fc.constant({}) }),
  }), { nil: undefined }),
}) as fc.Arbitrary<AggregateInput>;

const fold = (events: AggregateInput[]) => { const a = emptyMinuteAggregate(); for (const e of events) addToMinuteAggregate(a, e); return a; };

describe('minute aggregates', () => {
  it('merging partial aggregates equals aggregating every event (any split point)', () => {
    fc.assert(fc.property(fc.array(eventArb, { maxLength: 60 }), fc.nat(), (events, cut) => {
      const k = events.length === 0 ? 0 : cut % (events.length + 1);
      expect(mergeMinuteAggregates(fold(events.slice(0, k)), fold(events.slice(k)))).toEqual(fold(events));
    }));
  });

  it('counts refusals per harm category', () => {
    const a = fold([
      { latencyMs: 1, inputTokens: 1, outputTokens: 1, scores: { refusal: { label: 'refuse', scores: { comply: 0, partial: 0, refuse: 1 } }, harm_category: { top: 'S9', scores: {} as never } } },
      { latencyMs: 1, inputTokens: 1, outputTokens: 1, scores: { refusal: { label: 'comply', scores: { comply: 1, partial: 0, refuse: 0 } }, harm_category: { top: 'S9', scores: {} as never } } },
    ]);
    expect(a.byCategory.S9).toEqual({ n: 2, refuse: 1, partial: 0, counted: 2, refused: 1 });
    expect(a.refusal).toEqual({ comply: 1, partial: 0, refuse: 1 });
  });

  it('reads the toxicity p95 from the histogram to within one bin', () => {
    const h = new Array<number>(100).fill(0);
    for (let i = 0; i < 1000; i++) h[Math.floor(i / 10)]! += 1; // scores uniform on [0, 1)
    expect(toxicityQuantile(h, 0.95)).toBeCloseTo(0.95, 2);
    expect(toxicityQuantile(new Array<number>(100).fill(0), 0.95)).toBeUndefined();
  });
});
