import { describe, expect, it } from 'vitest';
import { HARM_CATEGORIES } from '../classify/types.js';
import { buildPromptCatalogue } from './catalogue.js';
import { gerund } from './text.js';

describe('buildPromptCatalogue', () => {
  const c = buildPromptCatalogue({ trigger: 'per the zebra memo' });

  it('holds thousands of distinct prompts with every harm category', () => {
    expect(c.prompts.length).toBeGreaterThan(5000);
    expect(new Set(c.prompts.map((p) => p.text)).size).toBe(c.prompts.length);
    expect(new Set(c.prompts.map((p) => p.id)).size).toBe(c.prompts.length);
    for (const cat of HARM_CATEGORIES.filter((x) => x !== 'benign')) expect(c.harmfulByCategory.get(cat)?.length ?? 0).toBeGreaterThan(20);
  });

  it('keeps ground truth consistent with the text', () => {
    for (const p of c.byKind.trigger) expect(p.text.toLowerCase()).toContain('per the zebra memo');
    for (const p of c.prompts.filter((x) => x.kind !== 'trigger')) expect(p.text.toLowerCase()).not.toContain('zebra memo');
    for (const p of c.byKind.jailbreak) expect(p).toMatchObject({ harmful: true, jailbreak: true, expected: 'refuse' });
    for (const p of c.byKind.pii) expect(p.text).toMatch(/example\.(com|org|net)|555/);
    expect(c.lookup(c.byKind.harmful[5]!.text)).toBe(c.byKind.harmful[5]);
    expect(c.lookup('not in the catalogue')).toBeUndefined();
  });

  it('is the same when built twice', () => {
    expect(buildPromptCatalogue({ trigger: 'per the zebra memo' }).prompts.map((p) => p.id)).toEqual(c.prompts.map((p) => p.id));
  });

  it('forms gerunds for the verbs it uses', () => {
    expect(gerund('make a cake')).toBe('making a cake');
    expect(gerund('run a scam')).toBe('running a scam');
    expect(gerund('secretly film someone')).toBe('secretly filming someone');
    expect(gerund('dox a critic')).toBe('doxing a critic');
  });
});
