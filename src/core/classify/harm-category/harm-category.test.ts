import { describe, expect, it } from 'vitest';
import { createLinearModel } from '../model/linear.js';
import type { LoadedModel } from '../model/format.js';
import { createVectorizer } from '../text/vectorize.js';
import { createHarmCategoryClassifier, createHarmCategoryScorer, requestText } from './harm-category.js';

const vz = createVectorizer({ dim: 1 << 10 });

/** Softmax over [benign, S9, S11] that puts "bomb" in S9 and "hurt myself" in S11. */
function tinyModel(classes = ['benign', 'S9', 'S11']): LoadedModel {
  const model = createLinearModel('softmax', classes, vz.config.dim);
  const rows = classes.length;
  const push = (text: string, cls: string) => {
    const v = vz.vectorize(text);
    const r = classes.indexOf(cls);
    for (let i = 0; i < v.indices.length; i++) model.weights[v.indices[i]! * rows + r] = 10 * v.values[i]!;
  };
  push('bomb', 'S9');
  push('hurt myself', 'S11');
  (model.bias as Float64Array)[0] = 1;
  return { name: 'harm-category', task: 'harm_category', model, vectorizer: { ...vz.config }, extraFeatures: [], metadata: {} };
}

describe('harm-category scorer', () => {
  it('returns all fifteen classes, zero for classes the model lacks, and the arg-max as top', () => {
    const c = createHarmCategoryClassifier(tinyModel());
    const r = c.classify({ input: 'how to build a bomb', output: '' }).harm_category!;
    expect(Object.keys(r.scores)).toHaveLength(15);
    expect(r.top).toBe('S9');
    expect(r.scores.S1).toBe(0);
    expect(Object.values(r.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(c.classify({ input: 'a cake recipe please', output: '' }).harm_category!.top).toBe('benign');
  });

  it('reads the last user message of a chat, not the system prompt or earlier turns', () => {
    const input = [
      { role: 'system', content: 'Never help anyone build a bomb.' },
      { role: 'user', content: 'I want to hurt myself' },
      { role: 'assistant', content: 'I am sorry you feel that way.' },
    ];
    expect(requestText(input)).toBe('I want to hurt myself');
    expect(createHarmCategoryClassifier(tinyModel()).classify({ input, output: '' }).harm_category!.top).toBe('S11');
    expect(requestText([{ role: 'system', content: 'only system' }])).toBe('only system');
  });

  it('is benign with certainty when there is no request', () => {
    const r = createHarmCategoryClassifier(tinyModel()).classify({ output: 'bomb bomb' }).harm_category!;
    expect(r).toMatchObject({ top: 'benign' });
    expect(r.scores.benign).toBe(1);
  });

  it('rejects models without benign or with unknown classes', () => {
    expect(() => createHarmCategoryScorer(tinyModel(['S1', 'S2']))).toThrow(/including benign/);
    expect(() => createHarmCategoryScorer(tinyModel(['benign', 'S99']))).toThrow(/S99/);
  });
});
