import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../errors.js';
import { createPiiClassifier } from './classifier.js';
import { detectPii } from './detect.js';
import { fnv1a32, redactPii } from './redact.js';

describe('redactPii', () => {
  it('replaces spans by type, mask or hash', () => {
    const text = 'mail ann@x.io now';
    const e = [{ type: 'EMAIL_ADDRESS', start: 5, end: 13 }];
    expect(redactPii(text, e)).toBe('mail <EMAIL_ADDRESS> now');
    expect(redactPii(text, e, { style: 'mask' })).toBe('mail ******** now');
    expect(redactPii(text, e, { style: 'hash' })).toBe(`mail <EMAIL_ADDRESS_${fnv1a32('ann@x.io')}> now`);
    expect(redactPii(text, e, { style: 'hash', hash: () => 'k' })).toBe('mail <EMAIL_ADDRESS_k> now');
  });
  it('keeps offsets right after characters outside the BMP', () => {
    const text = '👩‍💻🚀 call Maria Garcia at 555-123-4567 😀';
    expect(redactPii(text, detectPii(text))).toBe('👩‍💻🚀 call <PERSON> at <PHONE_NUMBER> 😀');
    // Masks count code points, so an emoji inside a span becomes one star.
    expect(redactPii('a😀b', [{ type: 'X', start: 0, end: 4 }], { style: 'mask' })).toBe('***');
  });
  it('redacts overlapping spans once, and leaves CODE readable by default', () => {
    const text = 'x AKIAIOSFODNN7EXAMPLE y';
    const found = [{ type: 'CODE', start: 0, end: 24 }, { type: 'CREDENTIAL', start: 2, end: 22 }, { type: 'SECRET', start: 10, end: 22 }];
    expect(redactPii(text, found)).toBe('x <CREDENTIAL> y');
    expect(redactPii(text, found, { keepTypes: [] })).toBe('<CODE>');
  });
  it('rejects offsets outside the text and unknown styles', () => {
    expect(() => redactPii('abc', [{ type: 'X', start: 2, end: 9 }])).toThrow(ArgusError);
    expect(() => redactPii('abc', [], { style: 'blur' as 'mask' })).toThrow(/unknown style 'blur'/);
  });
  it('leaves no detected value behind and is the identity without entities', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (prefix) => {
      const text = `${prefix} card 4111 1111 1111 1111 mail ann@x.io`;
      const out = redactPii(text, detectPii(text));
      expect(out).not.toContain('4111 1111 1111 1111');
      expect(out).not.toContain('ann@x.io');
      expect(redactPii(prefix, [])).toBe(prefix);
    }), { numRuns: 200 });
  });
});

describe('createPiiClassifier', () => {
  it('returns the pii part of ArgusScores for the output', async () => {
    const c = createPiiClassifier();
    expect(c.name).toBe('pii');
    const scores = await c.classify({ input: 'my mail is me@x.io', output: 'Sure, write to ann@x.io.' });
    expect(scores).toEqual({ pii: { entities: [{ type: 'EMAIL_ADDRESS', start: 15, end: 23, score: 0.95 }] } });
  });
});
