import { describe, expect, it } from 'vitest';
import { createLinearModel } from '../model/linear.js';
import type { LoadedModel } from '../model/format.js';
import { DEFAULT_VECTORIZER, createVectorizer } from '../text/vectorize.js';
import { createToxicityClassifier, createToxicityScorer, toxicitySubtypeModelName } from './toxicity.js';

const vz = createVectorizer({ dim: 1 << 10 });

/** A tiny binary model that scores every text containing "awful" as toxic. */
function tinyModel(name: string, word = 'awful', kind: 'binary' | 'softmax' = 'binary'): LoadedModel {
  const model = createLinearModel(kind, ['clean', 'toxic'], vz.config.dim);
  const v = vz.vectorize(word);
  for (let i = 0; i < v.indices.length; i++) {
    const rows = kind === 'binary' ? 1 : 2;
    model.weights[v.indices[i]! * rows + (rows - 1)] = 8 * v.values[i]!;
  }
  (model.bias as Float64Array)[0] = -3;
  return { name, task: 'toxicity', model, vectorizer: { ...vz.config }, extraFeatures: [], metadata: {} };
}

describe('toxicity scorer', () => {
  it('scores the output with the main model and each subtype head present', () => {
    const c = createToxicityClassifier({ toxicity: tinyModel('toxicity'), subtypes: { insult: tinyModel('insult') } });
    const bad = c.classify({ output: 'that is awful' });
    const fine = c.classify({ output: 'that is lovely' });
    expect(bad.toxicity!.score).toBeGreaterThan(0.5);
    expect(fine.toxicity!.score).toBeLessThan(0.1);
    expect(Object.keys(bad.toxicity!.subtypes)).toEqual(['insult']);
    expect(bad.toxicity!.subtypes.insult).toBeCloseTo(bad.toxicity!.score, 12);
  });

  it('gives the same score from a shared vector as from the stand-alone classifier', () => {
    const weights = { toxicity: tinyModel('toxicity') };
    const scorer = createToxicityScorer(weights);
    const c = createToxicityClassifier(weights);
    expect(scorer.scoreVector(vz.vectorize('AWFUL!!')).score).toBeCloseTo(c.classify({ output: 'AWFUL!!' }).toxicity!.score, 12);
  });

  it('rejects a non-binary model and a subtype head on another vectoriser, naming the model', () => {
    expect(() => createToxicityScorer({ toxicity: tinyModel('tox3', 'awful', 'softmax') })).toThrow(/'tox3' must be binary/);
    const other = { ...tinyModel('insult-other'), vectorizer: { ...DEFAULT_VECTORIZER } };
    expect(() => createToxicityScorer({ toxicity: tinyModel('toxicity'), subtypes: { insult: other } })).toThrow(/insult-other/);
  });

  it('names subtype model folders in kebab case', () => {
    expect(toxicitySubtypeModelName('identity_attack')).toBe('toxicity-identity-attack');
  });
});
