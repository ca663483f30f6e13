import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVectorizer, DEFAULT_VECTORIZER } from '../src/core/classify/text/vectorize.js';
import { normalizeText } from '../src/core/classify/text/normalize.js';
import { createFusedLinear } from '../src/core/classify/model/fused.js';
import { detectPii } from '../src/core/classify/pii/detect.js';
import { refusalFeatures } from '../src/core/classify/refusal/features.js';
import { hedgingScore } from '../src/core/classify/hedging/hedging.js';
import { jailbreakFeatures } from '../src/core/classify/jailbreak/jailbreak.js';
import { createTriggerWatchList } from '../src/core/classify/jailbreak/triggers.js';
import { createLinearModel } from '../src/core/classify/model/linear.js';
import { createPrng } from '../src/core/classify/model/prng.js';
import { loadSuiteModels } from '../src/adapters/models/builtin.js';
import { createVectorizer as createReferenceVectorizer } from './helpers/reference-classify/vectorize.js';
import { normalizeText as referenceNormalize } from './helpers/reference-classify/normalize.js';
import { createFusedLinear as createReferenceFused } from './helpers/reference-classify/fused.js';
import { equivalenceTexts, REFERENCE_TRIGGERS } from './helpers/reference-classify/texts.js';

/**
 * The fast classifier paths must give what the code they replaced gave, so shipped models need no
 * rebuild: vectors bit for bit (same indices, same float32 values, same order), fused model
 * probabilities within 1e-12, and the model-independent parts equal to a fixture recorded with the
 * old code (scripts/gen-classify-reference.ts). The reference implementations are kept, unchanged,
 * under test/helpers/reference-classify.
 */
const texts = equivalenceTexts();

/** Index of the first element that differs (bit for bit, via Object.is), or -1; a length mismatch counts. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : n;
}

describe('fast classifier paths equal the reference implementations', () => {
  it('normalizeText is unchanged', () => {
    for (const t of texts) expect(normalizeText(t)).toBe(referenceNormalize(t));
    const alphabet = fc.constantFrom(...'abkilo 0134579@$!.-_*\n\t\r'.split(''), '  ', 'і', 'é', '\u200b', 'Ｋ', '😀', '\u00a0', '\u2028');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (s) => normalizeText(s) === referenceNormalize(s)), { numRuns: 5000 });
  });

  const configs = [
    DEFAULT_VECTORIZER,
    { ...DEFAULT_VECTORIZER, dim: 1024, seed: 7 },
    { ...DEFAULT_VECTORIZER, wordNgramMax: 3, charNgramMin: 2, charNgramMax: 6, wordWeight: 0.3 },
    { ...DEFAULT_VECTORIZER, wordNgramMax: 1, charNgramMax: 0 },
    { ...DEFAULT_VECTORIZER, wordWeight: 0 },
    { ...DEFAULT_VECTORIZER, wordWeight: 1 },
    { ...DEFAULT_VECTORIZER, dim: 2, charNgramMin: 1, charNgramMax: 1 },
  ];
  it.each(configs.map((c, i) => [i, c] as const))('vectors are bit-identical (config %i)', (_i, config) => {
    const fast = createVectorizer(config);
    const ref = createReferenceVectorizer(config);
    for (const t of [...texts, 'aaaa '.repeat(3000)]) {
      const norm = referenceNormalize(t);
      for (const input of [norm, t]) {
        const a = fast.vectorizeNormalized(input);
        const b = ref.vectorizeNormalized(input);
        expect(firstDifference(a.indices, b.indices)).toBe(-1);
        expect(firstDifference(a.values, b.values)).toBe(-1);
      }
    }
  });

  it('a vector survives the next call (no shared scratch in results)', () => {
    const vz = createVectorizer();
    const a = vz.vectorize(texts[40]!);
    const copy = { indices: a.indices.slice(), values: a.values.slice() };
    vz.vectorize(texts[41]!);
    expect(a.indices).toEqual(copy.indices);
    expect(a.values).toEqual(copy.values);
  });

  it('fused models give the reference probabilities within 1e-12 (shipped and synthetic models)', () => {
    const shipped = loadSuiteModels();
    const out = [shipped.refusal, shipped.policy, shipped.toxicity, ...Object.values(shipped.toxicitySubtypes ?? {})].filter((m) => m !== undefined);
    const inp = [shipped.harmCategory, shipped.jailbreak].filter((m) => m !== undefined);
    const rng = createPrng(3);
    const dense = createLinearModel('softmax', ['a', 'b', 'c'], 4096 + 2);
    for (let j = 0; j < dense.weights.length; j++) dense.weights[j] = rng() - 0.5;
    const sparse8 = createLinearModel('binary', ['no', 'yes'], 4096);
    for (let j = 0; j < 4096; j += 3) sparse8.weights[j] = Math.round(rng() * 254 - 127) * 0.01;
    const groups = [
      { models: out.map((m) => m.model), dim: out[0]!.vectorizer.dim, extras: out.map((m) => m.extraFeatures.length) },
      { models: inp.map((m) => m.model), dim: inp[0]!.vectorizer.dim, extras: inp.map((m) => m.extraFeatures.length) },
      { models: [dense, sparse8], dim: 4096, extras: [2, 0] },
      { models: [dense, sparse8, dense], dim: 4096, extras: [0, 0, 2] },
    ];
    expect(out.length + inp.length).toBeGreaterThan(5);
    for (const g of groups) {
      const fast = createFusedLinear(g.models, g.dim);
      const ref = createReferenceFused(g.models, g.dim);
      const vz = createReferenceVectorizer({ ...DEFAULT_VECTORIZER, dim: g.dim });
      for (const t of texts) {
        const vec = vz.vectorize(t);
        const extras = g.extras.map((n) => (n ? Float64Array.from({ length: n }, (_, e) => ((t.length + e) % 5) / 4) : undefined));
        const a = fast.predictAll(vec, extras);
        const b = ref.predictAll(vec, extras);
        a.forEach((p, k) => p.forEach((x, c) => expect(Math.abs(x - b[k]![c]!)).toBeLessThanOrEqual(1e-12)));
      }
    }
  });

  const fixture = JSON.parse(readFileSync(new URL('./fixtures/classify/reference-outputs.json', import.meta.url), 'utf8')) as {
    rows: { pii: unknown[]; piiAll: number; refusal: number[]; jailbreak: number[]; hedging: number; triggers: string[] }[];
  };
  it('the fixture covers every text and has PII in it', () => {
    expect(fixture.rows).toHaveLength(texts.length);
    expect(fixture.rows.filter((r) => r.pii.length > 0).length).toBeGreaterThan(100);
  });
  it('PII entities are unchanged', () => {
    texts.forEach((t, i) => {
      expect(detectPii(t, { minScore: 0.5 }).map((e) => [e.type, e.start, e.end, e.score])).toEqual(fixture.rows[i]!.pii);
      expect(detectPii(t).length).toBe(fixture.rows[i]!.piiAll);
    });
  });
  it('refusal and jailbreak features, hedging and triggers are unchanged', () => {
    const triggers = createTriggerWatchList(REFERENCE_TRIGGERS);
    texts.forEach((t, i) => {
      const row = fixture.rows[i]!;
      expect(Array.from(refusalFeatures(t))).toEqual(row.refusal);
      expect(Array.from(jailbreakFeatures(t))).toEqual(row.jailbreak);
      const norm = normalizeText(t);
      expect(hedgingScore(norm)).toBe(row.hedging);
      expect(triggers.match(t, norm)).toEqual(row.triggers);
    });
  });
});
