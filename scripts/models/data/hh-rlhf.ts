import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from './paths.js';

export interface Turn {
  role: 'human' | 'assistant';
  text: string;
}

export function parseDialogue(text: string): Turn[] {
  const turns: Turn[] = [];
  for (const part of text.split(/\n\n(?=(?:Human|Assistant): )/)) {
    const m = /^(?:\n\n)?(Human|Assistant): ([\s\S]*)$/.exec(part);
    if (m) turns.push({ role: m[1] === 'Human' ? 'human' : 'assistant', text: (m[2] ?? '').trim() });
  }
  return turns;
}

/** hh-rlhf harmless-base test dialogues, chosen and rejected, split into turns. */
export function loadHhRlhf(): { chosen: Turn[]; rejected: Turn[] }[] {
  const raw = gunzipSync(readFileSync(dataPath('hh-rlhf', 'harmless-base', 'test.jsonl.gz'))).toString('utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const row = JSON.parse(l) as { chosen: string; rejected: string };
      return { chosen: parseDialogue(row.chosen), rejected: parseDialogue(row.rejected) };
    });
}
