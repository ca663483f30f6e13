import { describe, expect, it } from 'vitest';
import { createVectorizer, DEFAULT_VECTORIZER, vectorizerId } from './vectorize.js';

const charsOnly = { wordWeight: 0, charNgramMin: 3, charNgramMax: 4 };
const sortedIndices = (v: { indices: Int32Array | number[] }) => [...v.indices].sort((a, b) => a - b);

describe('charWordBoundary', () => {
  it('leaves the default id and vectors unchanged when absent or false', () => {
    expect(vectorizerId({ ...DEFAULT_VECTORIZER, charWordBoundary: false })).toBe(vectorizerId(DEFAULT_VECTORIZER));
    expect(vectorizerId({ ...DEFAULT_VECTORIZER, charWordBoundary: true })).toBe(`${vectorizerId(DEFAULT_VECTORIZER)}:wb`);
    const a = createVectorizer().vectorize('two words, three');
    const b = createVectorizer({ charWordBoundary: false }).vectorize('two words, three');
    expect([...b.indices]).toEqual([...a.indices]);
    expect([...b.values]).toEqual([...a.values]);
  });

  it('gives a one-word text the same vector as the whole-text n-grams', () => {
    const whole = createVectorizer(charsOnly).vectorizeNormalized('hello');
    const wb = createVectorizer({ ...charsOnly, charWordBoundary: true }).vectorizeNormalized('hello');
    expect([...wb.indices]).toEqual([...whole.indices]);
    expect([...wb.values]).toEqual([...whole.values]);
  });

  it('takes n-grams inside each padded word and none across the space', () => {
    const whole = createVectorizer(charsOnly);
    const wb = createVectorizer({ ...charsOnly, charWordBoundary: true });
    const union = [...new Set([...whole.vectorizeNormalized('ab').indices, ...whole.vectorizeNormalized('cd').indices])].sort((a, b) => a - b);
    expect(sortedIndices(wb.vectorizeNormalized('ab  cd\u2003'))).toEqual(union);
    // Across the whole text "b c" is a 3-gram; within words it is not.
    expect(sortedIndices(whole.vectorizeNormalized('ab cd')).length).toBeGreaterThan(union.length);
  });

  it('gives no character n-grams for a padded word shorter than the minimum', () => {
    const v = createVectorizer({ wordWeight: 0, charNgramMin: 4, charNgramMax: 4, charWordBoundary: true }).vectorizeNormalized('a b');
    expect(v.indices.length).toBe(0);
  });
});
