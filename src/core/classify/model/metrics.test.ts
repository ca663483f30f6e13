import { describe, expect, it } from 'vitest';
import { auroc, averagePrecision, binaryMetrics, confusionMatrix, macroF1 } from './metrics.js';

describe('binary metrics', () => {
  it('matches the worked example (sklearn roc_auc_score 0.75, average_precision_score 0.8333)', () => {
    const scores = [0.9, 0.8, 0.3, 0.1];
    const labels = [true, false, true, false];
    expect(auroc(scores, labels)).toBeCloseTo(0.75, 12);
    expect(averagePrecision(scores, labels)).toBeCloseTo(5 / 6, 12);
    const m = binaryMetrics(scores, labels);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([1, 1, 1, 1]);
    expect(m.f1).toBeCloseTo(0.5, 12);
  });
  it('counts ties as one half in AUROC and handles one-class input', () => {
    expect(auroc([0.5, 0.5], [true, false])).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(auroc([0.1, 0.2], [true, true]))).toBe(true);
  });
  it('macro-F1 from a confusion matrix', () => {
    const cm = confusionMatrix(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'c'], ['a', 'b', 'c']);
    expect(cm).toEqual([[1, 1, 0], [0, 1, 0], [0, 0, 1]]);
    expect(macroF1(cm)).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
  });
});
