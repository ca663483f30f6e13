import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignTopic, assignTopicDense, fitTopicModel } from '../src/core/topics/topic-model.js';

const COOKING = ['pasta', 'boil', 'garlic', 'oven', 'bake', 'flour', 'sauce', 'simmer', 'onion', 'recipe'];
const NETWORKING = ['router', 'packet', 'port', 'firewall', 'subnet', 'gateway', 'latency', 'switch', 'vlan', 'dns'];
/** Text i of a subject: five of its ten words, chosen by i. */
const textOf = (words: readonly string[], i: number) => Array.from({ length: 5 }, (_, j) => words[(i * 3 + j * 7) % 10]).join(' ');

describe('topic model', () => {
  it('separates two subjects and assigns a new text to its subject', () => {
    const texts = Array.from({ length: 40 }, (_, i) => [textOf(COOKING, i), textOf(NETWORKING, i)]).flat();
    const model = fitTopicModel(texts, { k: 2, seed: 3 });
    const cooking = assignTopic(model, 'how long should the pasta boil before the sauce');
    const networking = assignTopic(model, 'the router drops every packet on that port');
    expect(cooking).not.toBe(networking);
    for (let i = 0; i < 10; i++) {
      expect(assignTopic(model, textOf(COOKING, i + 100))).toBe(cooking);
      expect(assignTopic(model, textOf(NETWORKING, i + 100))).toBe(networking);
    }
  });

  it('assigns exactly as the dense vector does, bucket collisions and empty texts included', () => {
    const words = ['pasta', 'router', 'garlic', 'packet', 'oven', 'firewall', 'yeast', 'switch', 'soup', 'vlan', 'the', 'a1b2', 'Éclair', 'naïve', '12345'];
    const text = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ minLength: 0, maxLength: 8 })), { maxLength: 40 }).map((ws) => ws.join(' '));
    fc.assert(fc.property(
      fc.array(text, { minLength: 3, maxLength: 12 }), fc.array(text, { minLength: 1, maxLength: 10 }),
      fc.constantFrom(8, 16, 512), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1000 }),
      (corpus, probes, dims, k, seed) => {
        const model = fitTopicModel(corpus, { dims, k, seed });
        for (const p of [...probes, '', '!!', ...corpus]) expect(assignTopic(model, p)).toBe(assignTopicDense(model, p));
      },
    ), { numRuns: 300, seed: 20261124 });
  });
});
