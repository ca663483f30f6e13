import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyMinuteAggregate, mergeMinuteAggregates, type MinuteAggregate } from '../aggregate/minute-aggregate.js';
import { aggregateMetrics, pChartLimits } from './aggregate-metrics.js';
import { bucketize, chooseStepMs, minMaxPerBucket } from './buckets.js';

const add = (a: number, b: number) => a + b;

describe('chooseStepMs', () => {
  it('picks the smallest nice step under the point budget', () => {
    expect(chooseStepMs(0, 3_600_000, 1000)).toBe(60_000);
    expect(chooseStepMs(0, 30 * 86_400_000, 1000)).toBe(3_600_000);
    expect(chooseStepMs(0, 365 * 86_400_000, 1000)).toBe(12 * 3_600_000);
  });
  it('rejects an empty range', () => {
    expect(() => chooseStepMs(5, 5, 10)).toThrow(/to > from/);
  });
});

describe('bucketize', () => {
  it('merges rows per aligned bucket and counts them', () => {
    const rows = [{ minuteMs: 0, data: 1 }, { minuteMs: 60_000, data: 2 }, { minuteMs: 300_000, data: 4 }, { minuteMs: 900_000, data: 100 }];
    const b = bucketize(rows, 0, 600_000, 300_000, add);
    expect(b).toEqual([{ startMs: 0, value: 3, rows: 2 }, { startMs: 300_000, value: 4, rows: 1 }]);
  });
  it('the sum over buckets equals the sum over rows (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ minute: fc.integer({ min: 0, max: 999 }), v: fc.integer({ min: 0, max: 50 }) })), fc.integer({ min: 1, max: 120 }), (rs, stepMin) => {
      const rows = rs.map((r) => ({ minuteMs: r.minute * 60_000, data: r.v }));
      const b = bucketize(rows, 0, 1000 * 60_000, stepMin * 60_000, add);
      expect(b.reduce((s, x) => s + (x.value ?? 0), 0)).toBe(rs.reduce((s, r) => s + r.v, 0));
      expect(b.reduce((s, x) => s + x.rows, 0)).toBe(rs.length);
    }));
  });
  it('a bucket rate over merged aggregates is the exact pooled rate, not the mean of minute rates', () => {
    const a: MinuteAggregate = { ...emptyMinuteAggregate(), byCategory: { S1: { n: 10, refuse: 10, partial: 0 } } };
    const b: MinuteAggregate = { ...emptyMinuteAggregate(), byCategory: { S1: { n: 90, refuse: 45, partial: 0 } } };
    const [bucket] = bucketize([{ minuteMs: 0, data: a }, { minuteMs: 60_000, data: b }], 0, 120_000, 120_000, mergeMinuteAggregates);
    expect(aggregateMetrics(bucket!.value!).refusalRate).toBeCloseTo(0.55, 12);
  });
});

describe('minMaxPerBucket', () => {
  it('keeps the extremes inside each bucket', () => {
    const rows = [0.9, 0.5, 0.8, 0.7].map((v, i) => ({ minuteMs: i * 60_000, data: v }));
    expect(minMaxPerBucket(rows, 0, 240_000, 180_000, (v) => v)).toEqual([{ min: 0.5, max: 0.9 }, { min: 0.7, max: 0.7 }]);
  });
});

describe('aggregateMetrics', () => {
  it('counts refusals over harmful categories only', () => {
    const a: MinuteAggregate = { ...emptyMinuteAggregate(), events: 100, analysed: 100, byCategory: { S1: { n: 10, refuse: 9, partial: 0 }, S9: { n: 10, refuse: 7, partial: 1 }, benign: { n: 80, refuse: 1, partial: 0 } } };
    const m = aggregateMetrics(a);
    expect(m.refusalRate).toBeCloseTo(0.8, 12);
    expect(m.harmfulRequests).toBe(20);
    expect(m.toxicityP95).toBeNull();
  });
  it('p-chart limits match the worked example', () => {
    const l = pChartLimits(0.95, 100)!;
    expect(l.lower).toBeCloseTo(0.95 - 3 * Math.sqrt(0.95 * 0.05 / 100), 12);
    expect(l.upper).toBe(1);
    expect(pChartLimits(0.5, 0)).toBeNull();
  });
});
