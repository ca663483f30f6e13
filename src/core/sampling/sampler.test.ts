import { describe, expect, it } from 'vitest';
import { createSampler } from './sampler.js';

describe('createSampler', () => {
  it('full keeps everything', () => {
    const s = createSampler({ mode: 'full' });
    expect(Array.from({ length: 100 }, () => s.shouldAnalyse('bot')).every(Boolean)).toBe(true);
  });

  it('random keeps close to the rate and replays the same choices for a seed', () => {
    const run = () => { const s = createSampler({ mode: 'random', rate: 0.2, seed: 7 }); return Array.from({ length: 20_000 }, () => s.shouldAnalyse('bot')); };
    const a = run();
    const kept = a.filter(Boolean).length / a.length;
    expect(kept).toBeGreaterThan(0.19);
    expect(kept).toBeLessThan(0.21);
    expect(run()).toEqual(a);
  });

  it('a boost raises only the boosted deployment, never lowers a rate, and keeps the others\' draws', () => {
    const boosts = new Map<string, number>([['hot', 0.9], ['low', 0.05]]);
    const plain = createSampler({ mode: 'random', rate: 0.2, seed: 3 });
    const s = createSampler({ mode: 'random', rate: 0.2, seed: 3 }, (d) => boosts.get(d));
    const count = { hot: 0, low: 0, cold: 0 };
    let sameCold = true;
    for (let i = 0; i < 30_000; i++) {
      const d = (['hot', 'low', 'cold'] as const)[i % 3] as 'hot' | 'low' | 'cold';
      const kept = s.shouldAnalyse(d);
      const plainKept = plain.shouldAnalyse(d);
      if (kept) count[d]++;
      if (d === 'cold' && kept !== plainKept) sameCold = false;
    }
    expect(count.hot / 10_000).toBeGreaterThan(0.88);
    expect(count.hot / 10_000).toBeLessThan(0.92);
    expect(count.low / 10_000).toBeGreaterThan(0.18); // a boost below the policy rate is ignored
    expect(count.low / 10_000).toBeLessThan(0.22);
    expect(sameCold).toBe(true);
  });

  it('rejects a rate outside [0, 1]', () => {
    expect(() => createSampler({ mode: 'random', rate: 1.5, seed: 1 })).toThrow(/rate must be in \[0, 1\], got 1.5/);
  });
});
