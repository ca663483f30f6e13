import { describe, expect, it } from 'vitest';
import { createLinearModel, predictProba } from './linear.js';
import { createFusedLinear } from './fused.js';
import { createPrng } from './prng.js';
import { appendFeatures } from '../text/sparse.js';

function randomModel(kind: 'binary' | 'softmax', classes: string[], dim: number, seed: number, quantised: boolean) {
  const m = createLinearModel(kind, classes, dim);
  const rng = createPrng(seed);
  const scale = 0.01;
  for (let i = 0; i < m.weights.length; i++) if (rng() < 0.3) m.weights[i] = quantised ? Math.round((rng() * 2 - 1) * 127) * scale : rng() * 2 - 1;
  (m.bias as Float64Array).forEach((_, r) => ((m.bias as Float64Array)[r] = rng() - 0.5));
  return m;
}

describe('createFusedLinear', () => {
  for (const quantised of [true, false]) {
    it(`matches predictProba per model (${quantised ? 'int8' : 'float'} weights), extras included`, () => {
      const H = 256;
      const a = randomModel('softmax', ['x', 'y', 'z'], H + 3, 1, quantised);
      const b = randomModel('binary', ['n', 'p'], H, 2, quantised);
      const fused = createFusedLinear([a, b], H);
      const rng = createPrng(9);
      for (let t = 0; t < 50; t++) {
        const idx = Array.from(new Set(Array.from({ length: 40 }, () => Math.floor(rng() * H))));
        const vec = { indices: Int32Array.from(idx), values: Float32Array.from(idx.map(() => rng() - 0.5)) };
        const extras = [rng(), 0, rng()];
        const [pa, pb] = fused.predictAll(vec, [extras, undefined]);
        const ea = predictProba(a, appendFeatures(vec, extras, H));
        const eb = predictProba(b, vec);
        ea.forEach((v, i) => expect(pa![i]).toBeCloseTo(v, 9));
        eb.forEach((v, i) => expect(pb![i]).toBeCloseTo(v, 9));
      }
    });
  }
});
