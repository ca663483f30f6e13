import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracy, auprc, auroc, binaryReport, classMetrics, confusionMatrix, macroF1, perClassMetrics,
} from './metrics.js';
import reference from './metrics.reference.json' with { type: 'json' };

describe('confusion matrix and per-class metrics', () => {
  it('counts actual × predicted', () => {
    const m = confusionMatrix(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'a'], ['a', 'b', 'c']);
    expect(m.counts).toEqual([[1, 1, 0], [0, 1, 0], [1, 0, 0]]);
    expect(accuracy(m)).toBeCloseTo(0.5, 12);
  });

  it('matches a hand-computed precision, recall and F1', () => {
    // 10 actual positives, 8 predicted positive, 6 right.
    const actual = [...Array(10).fill('p'), ...Array(10).fill('n')] as string[];
    const predicted = [...Array(6).fill('p'), ...Array(4).fill('n'), ...Array(2).fill('p'), ...Array(8).fill('n')] as string[];
    const m = confusionMatrix(actual, predicted, ['n', 'p']);
    const p = classMetrics(m, 'p');
    expect(p.precision).toBeCloseTo(0.75, 12);
    expect(p.recall).toBeCloseTo(0.6, 12);
    expect(p.f1).toBeCloseTo(2 / 3, 12);
    expect(p.support).toBe(10);
    const n = classMetrics(m, 'n');
    expect(n.precision).toBeCloseTo(8 / 12, 12);
    expect(n.recall).toBeCloseTo(0.8, 12);
    expect(macroF1(m)).toBeCloseTo((2 / 3 + (2 * (8 / 12) * 0.8) / (8 / 12 + 0.8)) / 2, 12);
  });

  it('gives 0 for a class never predicted (zero_division = 0) and counts it in macro-F1', () => {
    const m = confusionMatrix(['a', 'b'], ['a', 'a'], ['a', 'b']);
    expect(perClassMetrics(m).b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(macroF1(m)).toBeCloseTo((2 / 3) / 2, 12);
  });

  it('rejects unknown labels and length mismatches, naming the value', () => {
    expect(() => confusionMatrix(['a'], ['z'], ['a'])).toThrow(/'z'/);
    expect(() => confusionMatrix(['a'], [], ['a'])).toThrow(/1 items/);
  });
});

describe('AUROC and AUPRC', () => {
  it('matches the worked example in the doc comments', () => {
    const s = [0.1, 0.4, 0.35, 0.8];
    const y = [false, false, true, true];
    expect(auroc(s, y)).toBeCloseTo(0.75, 12);
    expect(auprc(s, y)).toBeCloseTo(5 / 6, 12);
  });

  it('matches the numpy re-implementation of sklearn on random cases with ties', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(5);
    for (const c of reference.cases) {
      const y = c.labels.map((v) => v === 1);
      expect(auroc(c.scores, y)).toBeCloseTo(c.auroc, 10);
      expect(auprc(c.scores, y)).toBeCloseTo(c.auprc, 10);
    }
  });

  it('is NaN when a class is missing and rejects non-finite scores', () => {
    expect(auroc([0.2, 0.3], [true, true])).toBeNaN();
    expect(auprc([0.2, 0.3], [false, false])).toBeNaN();
    expect(() => auroc([Number.NaN], [true])).toThrow(/score 0/);
  });

  it('property: AUROC(s) + AUROC(−s) = 1 and AUROC is invariant to monotone transforms', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 60 })
        .filter((rows) => rows.some((r) => r[1]) && rows.some((r) => !r[1])),
      (rows) => {
        const s = rows.map((r) => r[0]);
        const y = rows.map((r) => r[1]);
        expect(auroc(s, y) + auroc(s.map((v) => -v), y)).toBeCloseTo(1, 10);
        expect(auroc(s.map((v) => Math.exp(v / 3)), y)).toBeCloseTo(auroc(s, y), 10);
        const ap = auprc(s, y);
        expect(ap).toBeGreaterThan(0);
        expect(ap).toBeLessThanOrEqual(1 + 1e-12);
      },
    ));
  });

  it('binaryReport thresholds scores and carries both areas', () => {
    const r = binaryReport([0.9, 0.6, 0.4, 0.1], [true, false, true, false]);
    expect(r.matrix.counts).toEqual([[1, 1], [1, 1]]);
    expect(r.precision).toBeCloseTo(0.5, 12);
    expect(r.auroc).toBeCloseTo(0.75, 12);
  });
});
