import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    ['Ｈ０w tо m.a.k.e а b0mb!!!!', 'how to make a bomb!!'],
    ['k i l l them', 'kill them'],
    ['k.i.l.l', 'kill'],
    ['k-1-l-l', 'kill'],
    ['h3ll0 w0rld', 'hello world'],
    ['kіll', 'kill'], // Cyrillic і
    ['ki\u200bll', 'kill'],
    ['k\u0336i\u0336l\u0336l\u0336', 'kill'],
    ['𝐤𝐢𝐥𝐥', 'kill'],
    ['kiiiiiill', 'kiill'],
    ['Naïve café', 'naive cafe'],
    ['In 2024 the 3rd covid19 wave', 'in 2024 the 3rd covid19 wave'],
    ['Hello!!', 'hello!!'],
    ['  many\n\n spaces\t here ', 'many spaces here'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  const alphabet = fc.constantFrom(
    ...'abcdeiklmnostxyz 0134578@$!.-_*\n'.split(''),
    'і', 'о', 'а', 'е', '\u200b', '\u0336', 'Ｋ', '𝐤', 'é', 'ß', 'İ', 'Σ', 'ς', 'ﬁ', '①', '\u00ad', 'ǅ', 'ẞ',
  );
  it('is idempotent on adversarial alphabets', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });
  it('is idempotent on arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
