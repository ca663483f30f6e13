import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFormatting } from './formatting.js';
import { mtld, typeTokenRatio, wordTokens } from './lexical.js';
import { extractOutputFeatures } from './output-features.js';

describe('lexical features', () => {
  it('tokenises words in any script and keeps inner apostrophes', () => {
    expect(wordTokens("Don't panic: 42 élans, 東京!")).toEqual(["don't", 'panic', '42', 'élans', '東京']);
  });

  it('computes type-token ratio', () => {
    expect(typeTokenRatio(['a', 'b', 'a', 'c'])).toBe(0.75);
    expect(typeTokenRatio([])).toBe(0);
  });

  it('MTLD: a repetitive text scores far lower than a varied one', () => {
    const repetitive = wordTokens('the cat sat '.repeat(40));
    const varied = wordTokens('Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat');
    expect(mtld(repetitive)).toBeLessThan(6);
    expect(mtld(varied)).toBeGreaterThan(30);
  });

  it('MTLD matches a hand-worked value', () => {
    // forward: a b a -> ttr 2/3 <= 0.72 closes factor 1; b a -> ttr 1... leftover [b, a]: ttr 1 -> partial 0.
    // backward: a b a b a -> same shape: factor at 3 tokens, leftover [b, a] ttr 1 -> 0. MTLD = 5 / 1.
    expect(mtld(['a', 'b', 'a', 'b', 'a'])).toBe(5);
  });

  it('MTLD is finite and positive for any non-empty text', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 200 }), (tokens) => {
      const v = mtld(tokens);
      return Number.isFinite(v) && v > 0;
    }));
  });
});

describe('formatting', () => {
  it('counts lists, headers, fenced code, links and table rows; ignores markup inside code', () => {
    const text = [
      '# Title', '', '- one', '* two', '1. first', '2) second', '',
      '```python', '# not a header', '- not a bullet', '```',
      'See [docs](https://example.com/a) and https://example.org.',
      '| a | b |', '|---|---|', '| 1 | 2 |',
    ].join('\n');
    expect(countFormatting(text)).toEqual({ bulletItems: 2, numberedItems: 2, headers: 1, codeBlocks: 1, links: 2, tableRows: 2 });
  });
});

describe('extractOutputFeatures', () => {
  it('measures the output and the input', () => {
    const f = extractOutputFeatures('Hello there, hello again.', 'hi');
    expect(f).toMatchObject({ output_chars: 25, output_words: 4, input_chars: 2, type_token_ratio: 0.75 });
  });
});
