import { describe, expect, it } from 'vitest';
import { addPiiScore, createPiiScoreAccumulator, precisionRecall, tokenize } from './token-metrics.js';

describe('token-level PII scoring', () => {
  it('matches the worked example in the doc comment', () => {
    const text = 'Call Ann Lee now';
    const acc = createPiiScoreAccumulator();
    addPiiScore(acc, text, [{ type: 'PERSON', start: 5, end: 12 }], [{ type: 'PERSON', start: 9, end: 16 }]);
    expect(acc.any).toEqual({ truePositive: 1, falsePositive: 1, falseNegative: 1 });
    expect(precisionRecall(acc.any)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
  });
  it('ignores skip words and punctuation, counts types separately', () => {
    const text = 'United States of America.';
    const acc = createPiiScoreAccumulator();
    addPiiScore(acc, text, [{ type: 'LOCATION', start: 0, end: 13 }, { type: 'LOCATION', start: 17, end: 24 }],
      [{ type: 'ORGANIZATION', start: 0, end: 25 }]);
    expect(acc.any).toEqual({ truePositive: 3, falsePositive: 0, falseNegative: 0 });
    expect(acc.perType.get('LOCATION')).toEqual({ truePositive: 0, falsePositive: 0, falseNegative: 3 });
    expect(acc.perType.get('ORGANIZATION')).toEqual({ truePositive: 0, falsePositive: 3, falseNegative: 0 });
    expect(tokenize('a@b.io').map((t) => t.text)).toEqual(['a', '@', 'b', '.', 'io']);
  });
  it('returns zeros rather than NaN on empty counts', () => {
    expect(precisionRecall({ truePositive: 0, falsePositive: 0, falseNegative: 0 })).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });
});
