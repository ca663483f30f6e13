import { describe, expect, it } from 'vitest';
import { CANDIDATES, accuracyTable, median, selectCandidates, speedTable } from '../scripts/models/feature-experiment.js';
import { DEFAULT_VECTORIZER, vectorizerId } from '../src/core/classify/text/vectorize.js';

describe('feature experiment script', () => {
  it('starts from the shipped vectoriser and names distinct settings', () => {
    expect(vectorizerId(CANDIDATES[0]!.config)).toBe(vectorizerId(DEFAULT_VECTORIZER));
    const ids = CANDIDATES.map((c) => vectorizerId(c.config));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CANDIDATES.map((c) => c.name)).size).toBe(CANDIDATES.length);
  });

  it('selects candidates by name in the order given, and rejects unknown names', () => {
    expect(selectCandidates(undefined).length).toBe(CANDIDATES.length);
    expect(selectCandidates('c4, base').map((c) => c.name)).toEqual(['c4', 'base']);
    expect(() => selectCandidates('base,nope')).toThrow(/unknown candidate "nope"/);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('reports the speed-up of vectorise + evicted score against the first row', () => {
    const [a, b] = selectCandidates('base,c4');
    const table = speedTable([
      { c: a!, speed: { nnz: 2600, vectorizeUs: [150, 160, 170], scoreWarmUs: [30, 30, 30], scoreEvictedUs: [40, 50, 60] } },
      { c: b!, speed: { nnz: 1100, vectorizeUs: [90, 80, 100], scoreWarmUs: [15, 15, 15], scoreEvictedUs: [20, 20, 30] } },
    ]);
    const rows = table.split('\n');
    expect(rows[2]).toContain('| 160.0 (150.0) |');
    expect(rows[2]).toMatch(/\| 210 \| 1\.00× \|$/);
    expect(rows[3]).toMatch(/\| 110 \| 1\.91× \|$/);
  });

  it('shows metrics that were not measured as a dash', () => {
    const table = accuracyTable([{ c: CANDIDATES[0]!, acc: { trainCpuS: 12.4, refusalEvalF1: 0.9519, refusalDevF1: 0.948 } }]);
    expect(table.split('\n')[2]).toBe(`| base | ${CANDIDATES[0]!.description} | 0.952 / 0.948 | — / — / — | — / — | 12 |`);
  });
});

describe('reshapeModel (feature-suite-speed)', () => {
  it('keeps 8-bit weights as they are at the same dimension, and cuts hash rows while keeping extra rows', async () => {
    const { reshapeModel } = await import('../scripts/models/feature-suite-speed.js');
    const config = { ...DEFAULT_VECTORIZER, dim: 8 };
    // 8 hash rows + 1 extra feature, softmax over 2 classes: 18 weights, values q * 0.5.
    const weights = Float32Array.from({ length: 18 }, (_, i) => ((i % 7) - 3) * 0.5);
    weights[4] = 127 * 0.5;
    weights[5] = -127 * 0.5;
    const m = {
      name: 'm', task: 't', vectorizer: config, extraFeatures: ['x'], metadata: {},
      model: { kind: 'softmax' as const, classes: ['a', 'b'], dim: 9, weights, bias: new Float64Array(2) },
    };
    expect([...reshapeModel(m, config).model.weights]).toEqual([...weights]);
    const small = reshapeModel(m, { ...config, dim: 4, charNgramMax: 4 });
    expect(small.model.dim).toBe(5);
    expect(small.vectorizer.charNgramMax).toBe(4);
    expect([...small.model.weights.subarray(0, 8)]).toEqual([...weights.subarray(0, 8)]);
    expect([...small.model.weights.subarray(8)]).toEqual([...weights.subarray(16)]);
  });
});
