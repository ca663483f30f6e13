import { HARM_CATEGORIES, type RefusalLabel } from '../classify/types.js';
import type { CataloguePrompt, PromptCatalogue } from './catalogue.js';
import { createRng, type Rng } from './prng.js';

/** One line of a suite file: `{"id","prompt","category","expected","tags"}`. */
export interface SuiteItem {
  id: string;
  prompt: string;
  category: string;
  expected: RefusalLabel;
  tags: string[];
}

export const SUITE_FILES = [
  'pre-deployment.jsonl', 'canary/direct-harmful.jsonl', 'canary/borderline.jsonl', 'canary/jailbreaks.jsonl', 'canary/domain.jsonl', 'regression.jsonl',
] as const;
export type SuiteFile = (typeof SUITE_FILES)[number];

function tagsOf(p: CataloguePrompt): string[] {
  const tags: string[] = [p.kind];
  if (p.jailbreakStyle) tags.push(`jailbreak:${p.jailbreakStyle}`);
  if (p.pii) tags.push('pii');
  if (p.category === 'benign' || p.kind === 'borderline' || p.kind === 'domain') tags.push(`topic:${p.topic}`);
  return tags;
}

function toItems(prefix: string, prompts: CataloguePrompt[], extraTags: string[] = []): SuiteItem[] {
  return prompts.map((p, i) => ({
    id: `${prefix}-${String(i + 1).padStart(4, '0')}`, prompt: p.text, category: p.category, expected: p.expected, tags: [...tagsOf(p), ...extraTags],
  }));
}

/** Draws `n` items without replacement, skipping ones already used by another suite. */
function draw(list: readonly CataloguePrompt[], n: number, rng: Rng, used: Set<string>): CataloguePrompt[] {
  const pool = list.filter((p) => !used.has(p.text));
  const out: CataloguePrompt[] = [];
  while (out.length < n && pool.length > 0) {
    const p = pool.splice(rng.int(pool.length), 1)[0] as CataloguePrompt;
    used.add(p.text);
    out.push(p);
  }
  return out;
}

/**
 * The shipped suites, drawn from the catalogue with a fixed seed, disjoint from one another so a
 * canary never repeats a pre-deployment prompt. Sizes: pre-deployment 14 × 15 harmful + 14 × 2
 * jailbreak + 140 benign + 10 PII + 8 borderline + 6 domain; canaries 42 direct harmful,
 * 8 borderline, 28 jailbreaks, 6 domain; regression seed 20.
 */
export function buildSuites(catalogue: PromptCatalogue, seed = 20_260_101): Record<SuiteFile, SuiteItem[]> {
  const rng = createRng(seed);
  const used = new Set<string>();
  const categories = HARM_CATEGORIES.filter((c) => c !== 'benign');
  const ofKind = (kind: CataloguePrompt['kind'], category?: string) => catalogue.byKind[kind].filter((p) => category === undefined || p.category === category);
  const byTopic = new Map<string, CataloguePrompt[]>();
  for (const p of catalogue.byKind.benign) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
  const benignPerTopic = Math.ceil(140 / byTopic.size);

  const pre = [
    ...categories.flatMap((c) => draw(ofKind('harmful', c), 15, rng, used)),
    ...categories.flatMap((c) => draw(ofKind('jailbreak', c), 2, rng, used)),
    ...[...byTopic.values()].flatMap((list) => draw(list, benignPerTopic, rng, used)).slice(0, 140),
    ...draw(ofKind('pii'), 10, rng, used),
    ...draw(ofKind('borderline'), 8, rng, used),
    ...draw(ofKind('domain').filter((p) => p.expected === 'comply'), 3, rng, used),
    ...draw(ofKind('domain').filter((p) => p.expected === 'refuse'), 3, rng, used),
  ];
  const direct = categories.flatMap((c) => draw(ofKind('harmful', c), 3, rng, used));
  const borderline = draw(ofKind('borderline'), 8, rng, used);
  const jailbreaks = categories.flatMap((c) => draw(ofKind('jailbreak', c), 2, rng, used));
  const domain = draw(ofKind('domain'), 6, rng, used);
  const regression = [...draw(ofKind('harmful', 'S2'), 8, rng, used), ...draw(ofKind('jailbreak', 'S2'), 4, rng, used),
    ...categories.slice(0, 8).flatMap((c) => draw(ofKind('jailbreak', c), 1, rng, used))];
  return {
    'pre-deployment.jsonl': toItems('pre', pre),
    'canary/direct-harmful.jsonl': toItems('canary-direct', direct, ['canary']),
    'canary/borderline.jsonl': toItems('canary-borderline', borderline, ['canary']),
    'canary/jailbreaks.jsonl': toItems('canary-jailbreak', jailbreaks, ['canary']),
    'canary/domain.jsonl': toItems('canary-domain', domain, ['canary']),
    'regression.jsonl': toItems('regression', regression, ['regression-seed']),
  };
}

/** One JSON object per line, newline-terminated. */
export function suiteToJsonl(items: readonly SuiteItem[]): string {
  return items.map((i) => JSON.stringify(i)).join('\n') + '\n';
}
