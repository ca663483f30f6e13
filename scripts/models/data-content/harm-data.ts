/**
 * Loaders for the harm-category model (request → S1–S14 or benign) from ../shared/data, with the
 * mapping in harm-mapping.ts. Every item's group is its own text, except JailbreakBench attack
 * prompts, grouped with their goal so a rewrite never lands in another split than its source.
 */
import type { HarmCategory } from '../../../src/core/classify/types.js';
import { HANDWRITTEN_BENIGN, HANDWRITTEN_S14 } from './handwritten-harm.js';
import {
  AILUMINATE_MAP, CATQA_MAP, HARMBENCH_MAP, JBB_MAP, SST_MAP, STRONGREJECT_MAP, lookup,
} from './harm-mapping.js';
import { dataPath, readCsv, readJson } from './io.js';
import type { LabelledText } from './split.js';

const entry = (text: string, label: HarmCategory, source: string, extra: Partial<LabelledText> = {}): LabelledText => ({
  text: text.trim(), label, source, group: text.trim(), ...extra,
});

export function loadAiluminate(): LabelledText[] {
  return (['en_us', 'fr_fr'] as const).flatMap((locale) =>
    readCsv(dataPath('ailuminate-demo', `airr_official_1.0_demo_${locale}_prompt_set_release.csv`)).flatMap((r) => {
      const label = AILUMINATE_MAP[r.hazard ?? ''];
      return label ? [entry(r.prompt_text ?? '', label, `ailuminate/${locale}/${r.hazard}`)] : [];
    }));
}

export function loadCatQa(): LabelledText[] {
  const data = readJson<Record<string, Record<string, string[]>>>(dataPath('red-instruct/harmful_questions/catqa_english.json'));
  const out: LabelledText[] = [];
  for (const [category, subs] of Object.entries(data)) {
    for (const [sub, questions] of Object.entries(subs)) {
      const key = `${category}/${sub.replace(/:$/, '').trim()}`;
      const label = lookup(CATQA_MAP, key);
      if (label) for (const q of questions) out.push(entry(q, label, `catqa/${key}`));
    }
  }
  return out;
}

export function loadHarmBench(): LabelledText[] {
  return readCsv(dataPath('harmbench-etc/data/behavior_datasets/harmbench_behaviors_text_all.csv')).flatMap((r) => {
    const label = HARMBENCH_MAP[r.SemanticCategory ?? ''];
    // Contextual behaviours need their context to be harmful; the bare behaviour line still names the harm.
    return label ? [entry(r.Behavior ?? '', label, `harmbench/${r.SemanticCategory}`)] : [];
  });
}

export function loadStrongReject(): LabelledText[] {
  return readCsv(dataPath('harmbench-etc/data/behavior_datasets/strongreject_dataset.csv')).flatMap((r) => {
    const label = STRONGREJECT_MAP[r.category ?? ''];
    return label ? [entry(r.forbidden_prompt ?? '', label, `strongreject/${r.category}`)] : [];
  });
}

export function loadSimpleSafetyTests(): LabelledText[] {
  return readCsv(dataPath('simplesafetytests/SimpleSafetyTests - test cases.csv')).flatMap((r) => {
    const label = SST_MAP[r.harm_area ?? ''];
    return label ? [entry(r.prompts_final ?? '', label, `sst/${r.harm_area}`)] : [];
  });
}

interface JbbArtifact { jailbreaks: { goal: string; category: string; prompt: string | null }[] }

/**
 * JailbreakBench goals (scored) and PAIR attack prompts for them (train only, grouped by goal):
 * PAIR rewrites are natural-language disguises of the same request, which is what a harm
 * category model meets in traffic.
 */
export function loadJbb(): LabelledText[] {
  const out: LabelledText[] = [];
  const goals = new Set<string>();
  for (const model of ['vicuna-13b-v1.5', 'gpt-3.5-turbo-1106', 'llama-2-7b-chat-hf', 'gpt-4-0125-preview']) {
    let art: JbbArtifact;
    try { art = readJson<JbbArtifact>(dataPath('jbb-artifacts/attack-artifacts/PAIR/black_box', `${model}.json`)); } catch { continue; }
    for (const j of art.jailbreaks) {
      const label = JBB_MAP[j.category];
      if (!label) continue;
      if (!goals.has(j.goal)) { goals.add(j.goal); out.push(entry(j.goal, label, `jbb/${j.category}`)); }
      if (j.prompt) out.push(entry(j.prompt, label, `jbb-pair/${j.category}`, { group: j.goal, trainOnly: true }));
    }
  }
  return out;
}

/**
 * Benign requests: the refusal_direction harmless_* sets (Alpaca instructions). hh-rlhf's
 * harmless-base first turns are NOT used as benign: most are red-team attempts.
 */
export function loadBenign(): LabelledText[] {
  return (['harmless_train', 'harmless_val', 'harmless_test'] as const).flatMap((f) =>
    readJson<{ instruction: string }[]>(dataPath('harmbench-etc/data/refusal_direction', `${f}.json`))
      .map((r) => entry(r.instruction, 'benign', `refusal_direction/${f}`)));
}

/** Hand-written prompts (this repository): S14, which no data set covers, and benign look-alikes. */
export function loadHandwritten(): LabelledText[] {
  return [
    ...HANDWRITTEN_S14.map((t) => entry(t, 'S14', 'handwritten/S14')),
    ...HANDWRITTEN_BENIGN.map((t) => entry(t, 'benign', 'handwritten/benign')),
  ];
}

/** Every category-labelled prompt, category sets first so they win de-duplication. */
export function loadHarmCategoryData(): LabelledText[] {
  return [
    ...loadSimpleSafetyTests(), ...loadAiluminate(), ...loadCatQa(), ...loadHarmBench(), ...loadStrongReject(),
    ...loadJbb(), ...loadHandwritten(), ...loadBenign(),
  ];
}
