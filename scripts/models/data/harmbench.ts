import { readFileSync } from 'node:fs';
import { readCsv } from './csv.js';
import { dataPath } from './paths.js';

const base = (...p: string[]) => dataPath('harmbench-etc', 'data', ...p);

/** The 200 written refusals (short and longer), with the behaviour they refuse. */
export function loadWrittenRefusals(): { behavior: string; response: string }[] {
  return ['adv_training_behaviors_safe_responses.csv', 'adv_training_behaviors_safe_responses_longer.csv'].flatMap((f) =>
    readCsv(base('safe_responses', f)).map((r) => ({ behavior: r.Behavior ?? '', response: r.Safe_Response ?? '' })),
  );
}

/** refusal_direction instructions: harmless (Alpaca-style) or harmful, per split. */
export function loadRefusalDirection(kind: 'harmless' | 'harmful', split: 'train' | 'val' | 'test'): { instruction: string; category: string | null }[] {
  return JSON.parse(readFileSync(base('refusal_direction', `${kind}_${split}.json`), 'utf8')) as { instruction: string; category: string | null }[];
}

/** Harmful behaviour strings from HarmBench, AdvBench, StrongREJECT and MaliciousInstruct. */
export function loadHarmfulBehaviors(): { text: string; source: string; category: string }[] {
  const out: { text: string; source: string; category: string }[] = [];
  for (const r of readCsv(base('behavior_datasets', 'harmbench_behaviors_text_all.csv'))) {
    out.push({ text: r.Behavior ?? '', source: 'harmbench', category: r.SemanticCategory ?? '' });
  }
  for (const r of readCsv(base('behavior_datasets', 'extra_behavior_datasets', 'advbench_behaviors.csv'))) {
    out.push({ text: r.Behavior ?? r.goal ?? '', source: 'advbench', category: '' });
  }
  for (const r of readCsv(base('behavior_datasets', 'strongreject_dataset.csv'))) {
    out.push({ text: r.forbidden_prompt ?? '', source: 'strongreject', category: r.category ?? '' });
  }
  for (const line of readFileSync(base('behavior_datasets', 'malicious_instruct.txt'), 'utf8').split('\n')) {
    if (line.trim()) out.push({ text: line.trim(), source: 'malicious_instruct', category: '' });
  }
  return out.filter((r) => r.text.length > 0);
}
