import { describe, expect, it } from 'vitest';
import { diffRates, histogramP } from './diff.js';
import { rateStat } from './profile.js';

describe('baseline diff', () => {
  it('treats two rates that are both 0% or both 100% as equal (p = 1) instead of failing on the empty column', () => {
    expect(diffRates(rateStat(40, 40), rateStat(25, 25))).toBe(1);
    expect(diffRates(rateStat(0, 40), rateStat(0, 25))).toBe(1);
  });

  it('tests a real difference', () => {
    const p = diffRates(rateStat(400, 412), rateStat(190, 236));
    expect(p).not.toBeNull();
    expect(p!).toBeLessThan(1e-9);
    expect(diffRates(rateStat(0, 0), rateStat(3, 10))).toBeNull();
  });

  it('skips categories neither side has seen', () => {
    expect(histogramP([10, 0, 5], [8, 0, 7])).toBeGreaterThan(0.05);
    expect(histogramP([10, 0], [8, 0])).toBeNull();
  });
});
