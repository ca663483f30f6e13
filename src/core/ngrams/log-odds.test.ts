import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../classify/model/prng.js';
import { logOddsScore, overRepresentedNgrams, textNgrams } from './log-odds.js';

describe('log-odds n-grams (Monroe et al. 2008)', () => {
  it('matches the worked example', () => {
    const s = logOddsScore(10, 1, 100, 1000, 500);
    expect(s.logOdds).toBeCloseTo(Math.log(15 / 585) - Math.log(6 / 1494), 12);
    expect(s.logOdds).toBeCloseTo(1.8539, 4);
    expect(s.zScore).toBeCloseTo(3.838, 3);
  });

  it('is antisymmetric: swapping the corpora negates δ and z', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 60, max: 500 }), fc.integer({ min: 60, max: 500 }),
      (yf, yo, nf, no) => {
        fc.pre(yf + yo > 0);
        const a = logOddsScore(yf, yo, nf, no, 100);
        const b = logOddsScore(yo, yf, no, nf, 100);
        expect(a.logOdds).toBeCloseTo(-b.logOdds, 9);
        expect(a.zScore).toBeCloseTo(-b.zScore, 9);
      }));
  });

  it('gives zero when the n-gram is equally common in both sets', () => {
    expect(logOddsScore(5, 50, 100, 1000, 500).logOdds).toBeCloseTo(0, 12);
  });

  it('counts each n-gram once per text', () => {
    expect([...textNgrams('Go go, GO now', 2)].sort()).toEqual(['go', 'go go', 'go now', 'now']);
  });

  it('finds a planted trigger phrase among flagged inputs and nothing in pure noise', () => {
    const rng = createPrng(3);
    const vocab = ['how', 'do', 'i', 'reset', 'my', 'password', 'account', 'transfer', 'money', 'card', 'limit', 'loan', 'rate', 'the', 'a', 'please'];
    const sentence = () => Array.from({ length: 8 }, () => vocab[Math.floor(rng() * vocab.length)]).join(' ');
    const other = Array.from({ length: 400 }, sentence);
    const flagged = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? sentence() : `${sentence()} zq7 deploy mode ${sentence()}`));
    const top = overRepresentedNgrams(flagged, other, { limit: 5 });
    expect(top.map((t) => t.ngram)).toContain('zq7');
    expect(top.find((t) => t.ngram === 'zq7')?.flaggedCount).toBe(20);
    expect(top.find((t) => t.ngram === 'zq7')?.otherCount).toBe(0);
    expect(top.every((t) => /zq7|deploy|mode/.test(t.ngram))).toBe(true);
    // Flagged inputs drawn from the same distribution as the rest: nothing should stand out.
    const noise = overRepresentedNgrams(Array.from({ length: 30 }, sentence), other, { minZ: 3.5 });
    expect(noise).toEqual([]);
  });
});
