import { describe, expect, it } from 'vitest';
import { wordTokens } from './tokens.js';
import { TAG, wordTagsOf } from './word-tags.js';

describe('word tags', () => {
  it('marks each word with the lists it is in, and nothing for numbers and punctuation', () => {
    const tags = new Map(wordTokens('Dr. Maria lives at 12 Main Street, Apt 4, zip 62704, since March; https token').map((t) => [t.text, t.tags]));
    expect(tags.get('Dr')! & TAG.honorific).not.toBe(0);
    expect(tags.get('Maria')! & TAG.firstName).not.toBe(0);
    expect(tags.get('lives')! & TAG.addressCue).not.toBe(0);
    expect(tags.get('Street')! & TAG.streetSuffix).not.toBe(0);
    expect(tags.get('Apt')! & TAG.unit).not.toBe(0);
    expect(tags.get('zip')! & TAG.zip).not.toBe(0);
    expect(tags.get('March')! & TAG.month).not.toBe(0);
    expect(tags.get('https')! & TAG.urlHead).not.toBe(0);
    expect(tags.get('token')! & TAG.assignmentHead).not.toBe(0);
    expect(tags.get('12')).toBe(0);
    expect(tags.get(',')).toBe(0);
  });

  it('gives 0 for a word in no list and several bits for a word in several', () => {
    expect(wordTagsOf('zzqxv')).toBe(0);
    // "avenue" is a street type both after and before the name.
    expect(wordTagsOf('avenue') & (TAG.streetSuffix | TAG.streetTypeBefore)).toBe(TAG.streetSuffix | TAG.streetTypeBefore);
  });
});
