import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArgusScores } from '../classify/types.js';
import { rulePrecision, REVIEW_LABELS, type ReviewLabel } from './precision.js';
import { reviewRuleHits } from './rules.js';

const probs = (top: string, p: number) => ({ top, scores: { [top]: p } }) as unknown as ArgusScores['harm_category'];

describe('review rules', () => {
  it('flags compliance with a harmful request but not a refusal or a benign request', () => {
    const comply = { label: 'comply', scores: { comply: 0.9, partial: 0.05, refuse: 0.05 } } as ArgusScores['refusal'];
    expect(reviewRuleHits({ harm_category: probs('S2', 0.8), refusal: comply })).toEqual([{ rule: 'harmful_compliance', score: 0.8, reason: 'complied with a S2 request (p=0.80)' }]);
    expect(reviewRuleHits({ harm_category: probs('S2', 0.8), refusal: { ...comply, label: 'refuse' } })).toEqual([]);
    expect(reviewRuleHits({ harm_category: probs('benign', 0.9), refusal: comply })).toEqual([]);
    expect(reviewRuleHits({ harm_category: probs('S2', 0.3), refusal: comply })).toEqual([]);
  });

  it('flags toxicity, policy and jailbreak triggers at their thresholds', () => {
    const hits = reviewRuleHits({ toxicity: { score: 0.5, subtypes: {} }, policy_violation: { score: 0.49, categories: {} }, jailbreak: { score: 0.1, triggers: ['cf-deploy'] } });
    expect(hits.map((h) => h.rule)).toEqual(['toxic_output', 'jailbreak_input']);
    expect(hits[1]?.reason).toBe('trigger: cf-deploy');
    expect(reviewRuleHits(undefined)).toEqual([]);
  });
});

describe('rule precision', () => {
  it('matches the worked example', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ rules: ['toxic_output'], label: (i < 45 ? 'harmful' : i < 48 ? 'false_positive' : 'benign') as ReviewLabel }));
    const [p] = rulePrecision(items);
    expect(p).toMatchObject({ rule: 'toxic_output', labeled: 50, harmful: 45, falsePositive: 3, benign: 2, precision: 0.9 });
    expect(p?.interval?.lower).toBeCloseTo(0.7864, 4);
    expect(p?.interval?.upper).toBeCloseTo(0.95652, 4);
  });

  it('counts each rule of an item once and stays within [0, 1]', () => {
    fc.assert(fc.property(fc.array(fc.record({ rules: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 4 }), label: fc.constantFrom(...REVIEW_LABELS) }), { maxLength: 60 }), (items) => {
      const stats = rulePrecision(items);
      for (const s of stats) {
        expect(s.labeled).toBe(items.filter((i) => (i.rules as string[]).includes(s.rule)).length);
        expect(s.precision).not.toBeNull();
        expect(s.precision as number).toBeGreaterThanOrEqual((s.interval?.lower as number) - 1e-12);
        expect(s.precision as number).toBeLessThanOrEqual((s.interval?.upper as number) + 1e-12);
      }
    }));
  });
});
