import { describe, expect, it } from 'vitest';
import { createVectorizer } from '../text/vectorize.js';
import { trainLinear } from './train.js';
import { predictProba } from './linear.js';
import { decodeModel, encodeModel } from './format.js';

const vz = createVectorizer({ dim: 1 << 12 });
const texts = [
  ["I'm sorry, but I can't help with that.", 'refuse'],
  ['I cannot assist with this request.', 'refuse'],
  ['As an AI, I must decline.', 'refuse'],
  ['Sure, here are the steps you asked for.', 'comply'],
  ['Here is a simple recipe: mix flour and water.', 'comply'],
  ['Of course! Step 1: open the file.', 'comply'],
  ['I can not help with hacking, but here is how to secure your account.', 'partial'],
  ["I won't give weapon details; instead here is some safety information.", 'partial'],
] as const;
const rows = texts.map(([t]) => vz.vectorize(t));
const labels = texts.map(([, l]) => l);

describe('trainLinear', () => {
  it('fits a small softmax problem', () => {
    const m = trainLinear({ rows, labels, classes: ['comply', 'partial', 'refuse'], dim: 1 << 12, epochs: 30, seed: 3 });
    rows.forEach((r, i) => {
      const p = predictProba(m, r);
      expect(m.classes[p.indexOf(Math.max(...p))]).toBe(labels[i]);
    });
  });
  it('is reproducible byte for byte with a fixed seed, and differs with another seed', () => {
    const opts = { rows, labels, classes: ['comply', 'partial', 'refuse'], dim: 1 << 12, epochs: 5 };
    const a = trainLinear({ ...opts, seed: 42 });
    const b = trainLinear({ ...opts, seed: 42 });
    const c = trainLinear({ ...opts, seed: 43 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });
  it('binary: learns the positive class', () => {
    const m = trainLinear({ rows, labels: labels.map((l) => (l === 'comply' ? 'no' : 'yes')), classes: ['no', 'yes'], dim: 1 << 12, epochs: 30 });
    expect(m.kind).toBe('binary');
    expect(predictProba(m, vz.vectorize("Sorry, I can't help with that."))[1]).toBeGreaterThan(0.5);
  });
  it('rejects an unknown label', () => {
    expect(() => trainLinear({ rows, labels: ['x', ...labels.slice(1)], classes: ['comply', 'partial', 'refuse'] })).toThrow(/label "x"/);
  });
  it('survives an encode/decode round trip with small error', () => {
    const m = trainLinear({ rows, labels, classes: ['comply', 'partial', 'refuse'], dim: 1 << 12, epochs: 10 });
    const file = encodeModel({ name: 't', task: 'refusal', model: m, vectorizer: vz.config, extraFeatures: [], metadata: {} }, { bits: 16 });
    const back = decodeModel(JSON.parse(JSON.stringify(file)));
    const p1 = predictProba(m, rows[0]!);
    const p2 = predictProba(back.model, rows[0]!);
    p1.forEach((v, i) => expect(Math.abs(v - p2[i]!)).toBeLessThan(1e-3));
    expect(encodeModel(back, { bits: 16 })).toEqual(file);
  });
  it('decode names the problem', () => {
    expect(() => decodeModel({ format: 'nope' }, 'x.json')).toThrow(/x.json: format/);
  });
});
