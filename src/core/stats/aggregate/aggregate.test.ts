import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, sampleNormal } from '../random.js';
import { quantileSorted } from '../compare/binning.js';
import { addFixedHistogram, addMoments, addTDigest, categoricalAggregator, createFixedHistogram, createMoments, createSlidingWindow, createTDigest, createTumblingWindows, mergeFixedHistogram, mergeMoments, mergeTDigest, momentsAggregator, quantileTDigest, snapshotMoments } from './index.js';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

function close(a: number, b: number, rel: number): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('moments (Welford / Chan)', () => {
  it('matches the worked example', () => {
    const s = createMoments();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) addMoments(s, x);
    const snap = snapshotMoments(s);
    expect(snap.mean).toBe(5);
    expect(snap.populationVariance).toBe(4);
    expect(snap.sampleVariance).toBeCloseTo(4.571428571428571, 14);
  });

  it('treats NaN and empty input on purpose', () => {
    const s = createMoments();
    addMoments(s, NaN);
    const snap = snapshotMoments(s);
    expect(snap).toMatchObject({ count: 0, nanCount: 1 });
    expect(snap.mean).toBeNaN();
    expect(snap.sampleVariance).toBeNaN();
  });

  it('merge of two parts equals replaying every record (property)', () => {
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 60 }), fc.array(finite, { maxLength: 60 }), (xs, ys) => {
        const a = createMoments();
        const b = createMoments();
        const all = createMoments();
        xs.forEach((x) => addMoments(a, x));
        ys.forEach((y) => addMoments(b, y));
        [...xs, ...ys].forEach((v) => addMoments(all, v));
        const m = snapshotMoments(mergeMoments(a, b));
        const r = snapshotMoments(all);
        expect(m.count).toBe(r.count);
        expect(m.min).toBe(r.min);
        if (r.count > 0) expect(close(m.mean, r.mean, 1e-9)).toBe(true);
        if (r.count > 1) expect(close(m.sampleVariance, r.sampleVariance, 1e-7)).toBe(true);
      }),
    );
  });

  it('is order independent (property)', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 50 }), (xs) => {
        const a = createMoments();
        const b = createMoments();
        xs.forEach((x) => addMoments(a, x));
        [...xs].reverse().forEach((x) => addMoments(b, x));
        expect(close(snapshotMoments(a).sampleVariance, snapshotMoments(b).sampleVariance, 1e-7)).toBe(true);
      }),
    );
  });
});

describe('histograms', () => {
  it('counts with underflow, overflow and NaN', () => {
    const h = createFixedHistogram([0, 0.5, 1]);
    for (const x of [0.1, 0.7, 1, -1, NaN]) addFixedHistogram(h, x);
    expect(h).toMatchObject({ counts: [1, 1], underflow: 1, overflow: 1, nanCount: 1 });
  });

  it('merge equals replay exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 3, noNaN: true })), fc.array(fc.double({ min: -2, max: 3, noNaN: true })), (xs, ys) => {
        const edges = [-1, 0, 0.5, 1, 2];
        const a = createFixedHistogram(edges);
        const b = createFixedHistogram(edges);
        const all = createFixedHistogram(edges);
        xs.forEach((x) => addFixedHistogram(a, x));
        ys.forEach((y) => addFixedHistogram(b, y));
        [...xs, ...ys].forEach((v) => addFixedHistogram(all, v));
        expect(mergeFixedHistogram(a, b)).toEqual(all);
      }),
    );
  });

  it('categorical merge equals replay (property)', () => {
    const label = fc.constantFrom('refuse', 'comply', 'partial', 'S1', 'S2');
    fc.assert(
      fc.property(fc.array(label), fc.array(label), (xs, ys) => {
        const agg = categoricalAggregator;
        const a = agg.create();
        const b = agg.create();
        const all = agg.create();
        xs.forEach((x) => agg.add(a, x));
        ys.forEach((y) => agg.add(b, y));
        [...xs, ...ys].forEach((v) => agg.add(all, v));
        expect(agg.snapshot(agg.merge(a, b))).toEqual(agg.snapshot(all));
      }),
    );
  });
});

describe('t-digest', () => {
  const rankError = (sorted: Float64Array, estimate: number, q: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) <= estimate) lo = mid + 1;
      else hi = mid;
    }
    return Math.abs(lo / sorted.length - q);
  };

  for (const [name, draw] of [
    ['lognormal', (r: () => number) => Math.exp(sampleNormal(r, 0, 1))],
    ['uniform', (r: () => number) => r()],
  ] as const) {
    it(`rank error below 0.005 at p50, p95, p99 on 20,000 ${name} values, whole and merged from 8 shards`, () => {
      const rng = createRng(7);
      const values = Array.from({ length: 20000 }, () => draw(rng));
      const whole = createTDigest(100);
      values.forEach((v) => addTDigest(whole, v));
      let merged = createTDigest(100);
      for (let s = 0; s < 8; s++) {
        const shard = createTDigest(100);
        values.slice(s * 2500, (s + 1) * 2500).forEach((v) => addTDigest(shard, v));
        merged = mergeTDigest(merged, shard);
      }
      const sorted = Float64Array.from(values).sort();
      for (const q of [0.5, 0.95, 0.99]) {
        expect(rankError(sorted, quantileTDigest(whole, q), q)).toBeLessThan(0.005);
        expect(rankError(sorted, quantileTDigest(merged, q), q)).toBeLessThan(0.005);
        expect(Math.abs(quantileTDigest(whole, q) - quantileSorted(sorted, q))).toBeLessThan(0.05 * (sorted[sorted.length - 1] as number));
      }
      expect(quantileTDigest(merged, 0)).toBe(sorted[0]);
      expect(quantileTDigest(merged, 1)).toBe(sorted[sorted.length - 1]);
      expect(whole.means.length).toBeLessThanOrEqual(100);
    });
  }

  it('matches the worked example on 1..1000', () => {
    const d = createTDigest(100);
    for (let i = 1; i <= 1000; i++) addTDigest(d, i);
    expect(Math.abs(quantileTDigest(d, 0.95) - 950.5)).toBeLessThan(5);
    expect(quantileTDigest(d, 0)).toBe(1);
    expect(quantileTDigest(d, 1)).toBe(1000);
  });

  it('empty digest gives NaN and NaN input is counted', () => {
    const d = createTDigest();
    addTDigest(d, NaN);
    expect(quantileTDigest(d, 0.5)).toBeNaN();
    expect(d.nanCount).toBe(1);
  });
});

describe('windows', () => {
  it('tumbling windows follow the worked example', () => {
    const w = createTumblingWindows(momentsAggregator, 60000);
    w.add(0, 1);
    w.add(30000, 3);
    w.add(61000, 10);
    const out = w.windows();
    expect(out.map((x) => [x.startMs, x.snapshot.mean])).toEqual([
      [0, 2],
      [60000, 10],
    ]);
    w.evictBefore(60000);
    expect(w.windows().length).toBe(1);
  });

  it('a sliding window equals replaying the records inside it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 99999 }), finite), { maxLength: 80 }), fc.integer({ min: 0, max: 120000 }), (records, endMs) => {
        const w = createSlidingWindow(momentsAggregator, { windowMs: 30000, slideMs: 5000 });
        records.forEach(([t, v]) => w.add(t, v));
        const end = Math.floor(endMs / 5000) * 5000;
        const got = w.at(end).snapshot;
        const replay = createMoments();
        records.filter(([t]) => t >= end - 30000 && t < end).forEach(([, v]) => addMoments(replay, v));
        const want = snapshotMoments(replay);
        expect(got.count).toBe(want.count);
        if (want.count > 0) expect(close(got.mean, want.mean, 1e-9)).toBe(true);
      }),
    );
  });
});
