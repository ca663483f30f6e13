import { describe, expect, it } from 'vitest';
import { createSampler } from './sampler.js';

describe('createSampler', () => {
  it('full keeps everything', () => {
    const s = createSampler({ mode: 'full' });
    expect(Array.from({ length: 100 }, () => s.shouldAnalyse()).every(Boolean)).toBe(true);
  });

  it('random keeps close to the rate and replays the same choices for a seed', () => {
    const run = () => { const s = createSampler({ mode: 'random', rate: 0.2, seed: 7 }); return Array.from({ length: 20_000 }, () => s.shouldAnalyse()); };
    const a = run();
    const kept = a.filter(Boolean).length / a.length;
    expect(kept).toBeGreaterThan(0.19);
    expect(kept).toBeLessThan(0.21);
    expect(run()).toEqual(a);
  });

  it('rejects a rate outside [0, 1]', () => {
    expect(() => createSampler({ mode: 'random', rate: 1.5, seed: 1 })).toThrow(/rate must be in \[0, 1\], got 1.5/);
  });
});
