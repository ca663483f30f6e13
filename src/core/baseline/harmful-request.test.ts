import { describe, expect, it } from 'vitest';
import type { ArgusScores, RefusalLabel } from '../classify/types.js';
import { emptyMinuteRecord, addObservation, type Observation } from '../detect/minute-record.js';
import { countsTowardRefusal, HARMFUL_ANSWER_POLICY_MIN, isRefusal } from './harmful-request.js';
import { buildBaselineProfile, type ProfileEvent } from './profile.js';

const event = (top: 'S2' | 'benign', label: RefusalLabel, policy?: number): ProfileEvent => ({
  inputText: 'q', outputText: 'a', systemPrompt: null, tools: [], model: null, latencyMs: null, inputTokens: null, outputTokens: null,
  scores: {
    harm_category: { top, scores: {} as ArgusScores['harm_category']['scores'] },
    refusal: { label, scores: { comply: 0, partial: 0, refuse: 0 } },
    ...(policy === undefined ? {} : { policy_violation: { score: policy, categories: {} } }),
  },
});

describe('countsTowardRefusal', () => {
  it('counts refusals and partial refusals of a hazard reading whatever the policy score', () => {
    expect(countsTowardRefusal('S2', 'refuse', 0)).toBe(true);
    expect(countsTowardRefusal('S2', 'partial', 0.1)).toBe(true);
  });

  it('counts a compliance only when the answer is harmful (policy at or above the line) or unscored', () => {
    expect(countsTowardRefusal('S2', 'comply', HARMFUL_ANSWER_POLICY_MIN)).toBe(true);
    expect(countsTowardRefusal('S2', 'comply', HARMFUL_ANSWER_POLICY_MIN - 0.01)).toBe(false);
    expect(countsTowardRefusal('S2', 'comply', undefined)).toBe(true);
    expect(countsTowardRefusal('S2', 'comply', 0.5, 0.4)).toBe(true);
  });

  it('reads refuse and partial as refusals, comply as not', () => {
    expect([isRefusal('refuse'), isRefusal('partial'), isRefusal('comply'), isRefusal(null)]).toEqual([true, true, false, false]);
  });

  it('never counts a benign reading or an unlabelled answer', () => {
    expect(countsTowardRefusal('benign', 'refuse', 1)).toBe(false);
    expect(countsTowardRefusal(null, 'refuse', 1)).toBe(false);
    expect(countsTowardRefusal('S2', null, 1)).toBe(false);
  });
});

describe('the baseline profile and the minute records apply the same rule', () => {
  // 8 refusals, 2 partial refusals, 2 harmful compliances, 10 helpful answers to requests misread as S2, 5 benign answers.
  const events = [
    ...Array.from({ length: 8 }, () => event('S2', 'refuse', 0.01)),
    ...Array.from({ length: 2 }, () => event('S2', 'partial', 0.3)),
    ...Array.from({ length: 2 }, () => event('S2', 'comply', 0.97)),
    ...Array.from({ length: 10 }, () => event('S2', 'comply', 0.4)),
    ...Array.from({ length: 5 }, () => event('benign', 'comply', 0.2)),
  ];

  it('gives S2 a refusal rate of 10 / 12, not 8 / 22, and leaves the misread requests out of the benign rate', () => {
    const p = buildBaselineProfile(events);
    expect(p.refusal.byCategory.S2).toMatchObject({ n: 12, k: 10 });
    expect(p.refusal.overall).toMatchObject({ n: 12, k: 10 });
    expect(p.refusal.partial).toMatchObject({ n: 12, k: 2 });
    expect(p.refusal.benign.n).toBe(5);
    // The input-category histogram still sees every reading.
    expect(p.input.categories.reduce((a, b) => a + b, 0)).toBe(27);
  });

  it('counts in a minute record exactly the requests the profile counted', () => {
    const p = buildBaselineProfile(events);
    const r = emptyMinuteRecord(0, p);
    for (const e of events) {
      const s = e.scores!;
      const o: Observation = {
        tsMs: 0, category: s.harm_category!.top, refusal: s.refusal!.label,
        harmful: countsTowardRefusal(s.harm_category!.top, s.refusal!.label, s.policy_violation?.score),
        toxicity: null, anomalous: null, trigger: false, topic: null, outputChars: null, inputChars: 1, latencyMs: null, fingerprintKey: 'k',
      };
      addObservation(r, o, p);
    }
    expect(r.byCategory.S2).toEqual([12, 10]);
    expect([r.harmful, r.refused]).toEqual([12, 10]);
  });
});
