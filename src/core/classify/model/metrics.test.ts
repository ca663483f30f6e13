import { describe, expect, it } from 'vitest';
import { binaryMetrics } from './metrics.js';

describe('binary metrics', () => {
  it('matches the worked example (sklearn roc_auc_score 0.75, average_precision_score 0.8333)', () => {
    const m = binaryMetrics([0.9, 0.8, 0.3, 0.1], [true, false, true, false]);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([1, 1, 1, 1]);
    expect(m.f1).toBeCloseTo(0.5, 12);
    expect(m.auroc).toBeCloseTo(0.75, 12);
    expect(m.auprc).toBeCloseTo(5 / 6, 12);
  });
  it('counts ties as one half in AUROC and reports NaN for one-class input', () => {
    expect(binaryMetrics([0.5, 0.5], [true, false]).auroc).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(binaryMetrics([0.1, 0.2], [true, true]).auroc)).toBe(true);
  });
});
