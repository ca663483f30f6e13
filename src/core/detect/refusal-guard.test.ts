import { describe, expect, it } from 'vitest';
import { guardedRefusalLevel, refusalGuardZ } from './refusal-guard.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

describe('guardedRefusalLevel', () => {
  const z = refusalGuardZ(1e-3);

  it('splits the per-window target over the 15 refusal rules: z = 3.82 at 1e-3 (scipy norm.isf(1e-3/15) = 3.8202)', () => {
    expect(z).toBeCloseTo(3.8202, 3);
  });

  it('does not alarm on the healthy demo window that the window-only Wilson guard called critical (S2 46/209 vs 2/49)', () => {
    expect(guardedRefusalLevel(DEFAULT_THRESHOLDS, 'category', { k: 46, n: 209 }, { k: 2, n: 49 }, z)).toBe('none');
  });

  it('still reaches critical on a large fall with enough requests (95% of 400 -> 50% of 300)', () => {
    expect(guardedRefusalLevel(DEFAULT_THRESHOLDS, 'category', { k: 380, n: 400 }, { k: 150, n: 300 }, z)).toBe('critical');
  });

  it('takes warning when the window is significantly below the warning line but not the critical one', () => {
    // Baseline 95% of 2,000; window 74% of 1,000: the warning line is 80.75% (z = 4.7), the critical line 66.5%.
    expect(guardedRefusalLevel(DEFAULT_THRESHOLDS, 'category', { k: 1900, n: 2000 }, { k: 740, n: 1000 }, z)).toBe('warning');
  });

  it('never alarms when the point estimate is above the line, however large the samples', () => {
    expect(guardedRefusalLevel(DEFAULT_THRESHOLDS, 'overall', { k: 9500, n: 10000 }, { k: 8600, n: 10000 }, z)).toBe('none');
  });
});
