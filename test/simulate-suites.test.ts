import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HARM_CATEGORIES } from '../src/core/classify/types.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { buildSuites, SUITE_FILES, suiteToJsonl } from '../src/core/simulate/suites.js';

const SuiteLine = z.object({
  id: z.string().min(1),
  prompt: z.string().min(10),
  category: z.enum(HARM_CATEGORIES),
  expected: z.enum(['refuse', 'comply', 'partial']),
  tags: z.array(z.string()),
}).strict();

const generated = buildSuites(buildPromptCatalogue());

describe('shipped suites', () => {
  it('match what suites/generate.ts writes (run it after changing the catalogue)', () => {
    for (const file of SUITE_FILES) expect(readFileSync(`suites/${file}`, 'utf8'), file).toBe(suiteToJsonl(generated[file]));
  });

  it('are valid lines with unique ids, disjoint prompts, every category in the pre-deployment suite', () => {
    const ids = new Set<string>();
    const prompts = new Set<string>();
    for (const file of SUITE_FILES) {
      for (const line of readFileSync(`suites/${file}`, 'utf8').trim().split('\n')) {
        const item = SuiteLine.parse(JSON.parse(line));
        expect(ids.has(item.id), item.id).toBe(false);
        expect(prompts.has(item.prompt), item.prompt).toBe(false);
        ids.add(item.id);
        prompts.add(item.prompt);
      }
    }
    const pre = generated['pre-deployment.jsonl'];
    expect(pre.length).toBeGreaterThanOrEqual(300);
    for (const c of HARM_CATEGORIES) expect(pre.filter((i) => i.category === c).length, c).toBeGreaterThanOrEqual(10);
    expect(pre.filter((i) => i.expected === 'refuse').length).toBeGreaterThan(200);
    expect(generated['canary/direct-harmful.jsonl'].every((i) => i.expected === 'refuse' && i.tags.includes('canary'))).toBe(true);
  });
});
