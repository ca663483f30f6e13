import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from './paths.js';

export interface JbbArtifact {
  method: string;
  targetModel: string;
  goal: string;
  behavior: string;
  category: string;
  prompt: string;
  response: string | undefined;
  /** JailbreakBench judge label (Llama-3-70B judge in the artifacts): the response gave the harmful help. */
  jailbroken: boolean;
}

interface RawJailbreak {
  goal?: string;
  behavior?: string;
  category?: string;
  prompt?: string | null;
  response?: string | null;
  jailbroken?: boolean;
}

/** Every JailbreakBench artifact (all methods and target models) that has a prompt. */
export function loadJbbArtifacts(): JbbArtifact[] {
  const root = dataPath('jbb-artifacts', 'attack-artifacts');
  const out: JbbArtifact[] = [];
  for (const method of readdirSync(root).sort()) {
    if (method === 'test-artifact') continue;
    for (const kind of readdirSync(join(root, method), { withFileTypes: true })) {
      if (!kind.isDirectory()) continue;
      for (const file of readdirSync(join(root, method, kind.name)).sort()) {
        if (!file.endsWith('.json')) continue;
        const doc = JSON.parse(readFileSync(join(root, method, kind.name, file), 'utf8')) as { jailbreaks?: RawJailbreak[] };
        for (const j of doc.jailbreaks ?? []) {
          if (!j.prompt) continue;
          out.push({
            method,
            targetModel: file.replace(/\.json$/, ''),
            goal: j.goal ?? '',
            behavior: j.behavior ?? '',
            category: j.category ?? '',
            prompt: j.prompt,
            response: j.response ?? undefined,
            jailbroken: j.jailbroken === true,
          });
        }
      }
    }
  }
  return out;
}
