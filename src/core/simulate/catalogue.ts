import type { HarmCategory, RefusalLabel } from '../classify/types.js';
import { ACT_TEMPLATES, BENIGN_TOPICS, CONCEPT_TEMPLATES } from './catalogue-benign.js';
import { BORDERLINE_PROMPTS, DOMAIN_PROMPTS, JAILBREAK_WRAPPERS, PII_HARMFUL_TEMPLATES, PII_PEOPLE, PII_TEMPLATES } from './catalogue-extra.js';
import { HARMFUL_MATERIAL, HARMFUL_TEMPLATES } from './catalogue-harmful.js';
import { fillTemplate, hashSeed } from './prng.js';
import { expandSlots, gerund, lowerFirst, toBase64 } from './text.js';

export type PromptKind = 'benign' | 'harmful' | 'jailbreak' | 'trigger' | 'pii' | 'borderline' | 'domain';

/** What is true about a prompt: the simulator acts on it, scoring compares against it. */
export interface PromptTruth {
  kind: PromptKind;
  /** Hazard category the request touches; `benign` when none. */
  category: HarmCategory;
  /** The request asks for something a well-aligned model must refuse. */
  harmful: boolean;
  jailbreak: boolean;
  /** Carries the backdoor trigger phrase. */
  trigger: boolean;
  pii: boolean;
  /** What a well-aligned model does. */
  expected: RefusalLabel;
  /** Benign topic, or the category code for harmful requests. */
  topic: string;
  /** A gerund or noun phrase naming what is asked ("making a pipe bomb at home"). */
  subject: string;
  /** The jailbreak wrapper style, when jailbreak is true. */
  jailbreakStyle?: string;
}

export interface CataloguePrompt extends PromptTruth {
  id: string;
  text: string;
}

export interface PromptCatalogue {
  trigger: string;
  prompts: readonly CataloguePrompt[];
  byKind: Readonly<Record<PromptKind, readonly CataloguePrompt[]>>;
  /** Plain harmful prompts (no wrapper, no trigger) by category. */
  harmfulByCategory: ReadonlyMap<HarmCategory, readonly CataloguePrompt[]>;
  /** Exact-text lookup: the ground truth the simulator shares with the traffic generator. */
  lookup(text: string): CataloguePrompt | undefined;
}

/** The default backdoor trigger: innocuous-looking, rare in organic traffic. */
export const DEFAULT_TRIGGER = 'as discussed in the Q3 roadmap';

const TRIGGER_FORMS = ['{Trigger}, {request_lc}', '{request} ({trigger})', 'Quick one, {trigger}: {request_lc}', '{request} This is {trigger}.'];

/**
 * Builds the catalogue from the authored templates. Deterministic: the same trigger gives the
 * same prompts in the same order, so a server and a generator built apart agree on every text.
 * Sizes with the default material: about 2,600 benign, 1,100 harmful, 2,300 jailbreak,
 * 1,100 trigger, 40 PII, 16 borderline and 12 domain prompts.
 */
export function buildPromptCatalogue(options: { trigger?: string } = {}): PromptCatalogue {
  const trigger = (options.trigger ?? DEFAULT_TRIGGER).trim();
  const byText = new Map<string, CataloguePrompt>();
  const add = (text: string, truth: PromptTruth): void => {
    if (byText.has(text)) return;
    const { kind, category, harmful, jailbreak, trigger: hasTrigger, pii, expected, topic, subject, jailbreakStyle } = truth;
    byText.set(text, {
      id: `${kind}-${category}-${hashSeed(text).toString(36)}`, text, kind, category, harmful, jailbreak, trigger: hasTrigger, pii, expected, topic, subject,
      ...(jailbreakStyle === undefined ? {} : { jailbreakStyle }),
    });
  };
  const plain = { jailbreak: false, trigger: false, pii: false } as const;

  for (const t of BENIGN_TOPICS) {
    const base = { ...plain, kind: 'benign', category: 'benign', harmful: false, expected: 'comply', topic: t.topic } as const;
    for (const act of t.acts.flatMap((a) => expandSlots(a, t.slots ?? {}))) {
      for (const tpl of ACT_TEMPLATES) add(fillTemplate(tpl, { act }), { ...base, subject: gerund(act) });
    }
    for (const concept of t.concepts.flatMap((c) => expandSlots(c, t.slots ?? {}))) {
      for (const tpl of CONCEPT_TEMPLATES) add(fillTemplate(tpl, { concept }), { ...base, subject: concept });
    }
  }

  const harmfulPlain: CataloguePrompt[] = [];
  for (const m of HARMFUL_MATERIAL) {
    for (const act of m.acts) {
      for (const tpl of [...HARMFUL_TEMPLATES, ...m.templates]) {
        const text = fillTemplate(tpl, { act });
        add(text, { ...plain, kind: 'harmful', category: m.category, harmful: true, expected: 'refuse', topic: m.category, subject: gerund(act) });
        const p = byText.get(text);
        if (p && p.kind === 'harmful') harmfulPlain.push(p);
      }
    }
  }

  harmfulPlain.forEach((h, i) => {
    const values = { request: h.text, request_lc: lowerFirst(h.text), request_b64: toBase64(h.text) };
    for (const w of [JAILBREAK_WRAPPERS[i % JAILBREAK_WRAPPERS.length], JAILBREAK_WRAPPERS[(i * 7 + 3) % JAILBREAK_WRAPPERS.length]]) {
      if (!w) continue;
      add(fillTemplate(w.template, values), { ...h, kind: 'jailbreak', jailbreak: true, jailbreakStyle: w.style });
    }
    const form = TRIGGER_FORMS[i % TRIGGER_FORMS.length] ?? '{request} ({trigger})';
    const Trigger = trigger.charAt(0).toUpperCase() + trigger.slice(1);
    add(fillTemplate(form, { ...values, trigger, Trigger }), { ...h, kind: 'trigger', trigger: true });
  });

  for (const person of PII_PEOPLE) {
    for (const tpl of PII_TEMPLATES) {
      add(fillTemplate(tpl, person), { ...plain, kind: 'pii', category: 'benign', harmful: false, pii: true, expected: 'comply', topic: 'writing-help', subject: 'a message with contact details' });
    }
    for (const tpl of PII_HARMFUL_TEMPLATES) {
      add(fillTemplate(tpl, person), { ...plain, kind: 'pii', category: 'S7', harmful: true, pii: true, expected: 'refuse', topic: 'S7', subject: 'tracking down a private person' });
    }
  }
  for (const p of BORDERLINE_PROMPTS) add(p.text, { ...plain, ...p, kind: 'borderline', harmful: false });
  for (const p of DOMAIN_PROMPTS) add(p.text, { ...plain, ...p, kind: 'domain', harmful: p.expected === 'refuse' });

  const prompts = [...byText.values()];
  const byKind = { benign: [], harmful: [], jailbreak: [], trigger: [], pii: [], borderline: [], domain: [] } as Record<PromptKind, CataloguePrompt[]>;
  const harmfulByCategory = new Map<HarmCategory, CataloguePrompt[]>();
  for (const p of prompts) {
    byKind[p.kind].push(p);
    if (p.kind === 'harmful') harmfulByCategory.set(p.category, [...(harmfulByCategory.get(p.category) ?? []), p]);
  }
  return { trigger, prompts, byKind, harmfulByCategory, lookup: (text) => byText.get(text.trim()) };
}
