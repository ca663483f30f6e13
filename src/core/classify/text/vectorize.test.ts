import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVectorizer } from './vectorize.js';
import { l2Norm } from './sparse.js';

const toMap = (v: { indices: Int32Array; values: Float32Array }) => {
  const m = new Map<number, number>();
  v.indices.forEach((j, i) => m.set(j, v.values[i]!));
  return m;
};

describe('createVectorizer', () => {
  const vz = createVectorizer();
  it('gives transient vectors equal to the allocated ones, reusing its buffers', () => {
    const texts = ['i cannot help with that. dan: sure, here is how', 'hi', '', 'the cat sat on the mat '.repeat(200)];
    const own = createVectorizer();
    for (const t of texts) {
      const a = own.vectorizeNormalized(t);
      const b = own.vectorizeNormalizedTransient(t);
      expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
      expect(Array.from(b.values)).toEqual(Array.from(a.values));
    }
    const first = own.vectorizeNormalizedTransient('alpha beta gamma');
    const copy = Array.from(first.indices);
    own.vectorizeNormalizedTransient('delta epsilon zeta');
    // Same backing buffer: the next call overwrote the first view (why callers must use it at once).
    expect(own.vectorizeNormalizedTransient('x').indices.buffer).toBe(first.indices.buffer);
    expect(Array.from(first.indices)).not.toEqual(copy);
  });
  it('is deterministic and unit-norm', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (s) => {
        const a = vz.vectorize(s);
        const b = createVectorizer().vectorize(s);
        expect(toMap(a)).toEqual(toMap(b));
        expect(new Set(a.indices).size).toBe(a.indices.length);
        if (a.indices.length > 0) expect(l2Norm(a)).toBeGreaterThan(0.5);
        expect(l2Norm(a)).toBeLessThan(1.5);
      }),
      { numRuns: 300 },
    );
  });
  it('gives obfuscated and plain spellings the same vector', () => {
    expect(toMap(vz.vectorize('k i l l the h0st'))).toEqual(toMap(vz.vectorize('kill the host')));
  });
  it('keeps indices inside dim and varies with the seed', () => {
    const small = createVectorizer({ dim: 1024 });
    const v = small.vectorize('some words to hash here');
    expect(Math.max(...v.indices)).toBeLessThan(1024);
    const other = createVectorizer({ dim: 1024, seed: 7 }).vectorize('some words to hash here');
    expect(toMap(other)).not.toEqual(toMap(v));
  });
  it('norm is exactly 1 for a text with words and chars', () => {
    expect(l2Norm(vz.vectorize('I cannot help with that request.'))).toBeCloseTo(1, 5);
  });
  it('rejects a dim that is not a power of two', () => {
    expect(() => createVectorizer({ dim: 1000 })).toThrow(/power of two/);
  });
});
