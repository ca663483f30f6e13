import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from '../text/normalize.js';
import { hedgingScore } from './hedging.js';

const score = (t: string) => hedgingScore(normalizeText(t));

describe('hedgingScore', () => {
  it('matches the worked example in the doc comment', () => {
    // W = 1 (might) + 2 (i'm not sure) = 3; N = 7 words counted as 20; density 15; 1 − e^(−15/6).
    expect(score("It might work, but I'm not sure.")).toBeCloseTo(1 - Math.exp(-2.5), 10);
  });
  it('is 0 without cues and rises with hedging', () => {
    expect(score('The boiling point of water at sea level is 100 degrees Celsius.')).toBe(0);
    const low = score('The answer is 42, although it may vary with the input you use in the end and the settings.');
    const high = score("I think it might possibly be 42, but I'm not sure; it depends, and I could be wrong.");
    expect(low).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(low);
  });
  it('stays in [0, 1)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const v = score(s);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }));
  });
});
