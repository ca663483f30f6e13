import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseResolution } from './resolution.js';

const H = 3_600_000;
const D = 86_400_000;

describe('chooseResolution', () => {
  it('reads the coarsest rollup that still gives a quarter of the points (the worked examples)', () => {
    expect(chooseResolution(0, D, 600)).toEqual({ resolutionMs: 60_000, stepMs: 300_000 });
    expect(chooseResolution(0, 7 * D, 600)).toEqual({ resolutionMs: H, stepMs: H });
    expect(chooseResolution(0, 30 * D, 600)).toEqual({ resolutionMs: H, stepMs: 2 * H });
    expect(chooseResolution(0, 365 * D, 600)).toEqual({ resolutionMs: D, stepMs: D });
    // Asking for more points keeps a finer resolution.
    expect(chooseResolution(0, 7 * D, 1500)).toEqual({ resolutionMs: 60_000, stepMs: 10 * 60_000 });
  });
  it('honours an explicit step with the coarsest resolution that divides it', () => {
    expect(chooseResolution(0, 30 * D, 600, 30 * 60_000)).toEqual({ resolutionMs: 60_000, stepMs: 30 * 60_000 });
    expect(chooseResolution(0, 30 * D, 600, 6 * H)).toEqual({ resolutionMs: H, stepMs: 6 * H });
    expect(chooseResolution(0, 400 * D, 600, 7 * D)).toEqual({ resolutionMs: D, stepMs: 7 * D });
    expect(() => chooseResolution(0, D, 600, 90_000)).toThrow(/whole number of minutes/);
  });
  it('always gives a step that is a multiple of the resolution, and at least points/4 buckets when the range allows (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 * 1440 }), fc.integer({ min: 10, max: 1500 }), (minutes, points) => {
      const span = minutes * 60_000;
      const r = chooseResolution(0, span, points);
      expect(r.stepMs % r.resolutionMs).toBe(0);
      if (r.resolutionMs > 60_000) expect(span / r.resolutionMs).toBeGreaterThanOrEqual(Math.ceil(points / 4));
      expect(Math.ceil(span / r.stepMs)).toBeLessThanOrEqual(Math.max(points, Math.ceil(span / r.resolutionMs)));
    }));
  });
});
