import { hashString } from '../classify/text/hash.js';

/**
 * What a deployment's behaviour depends on besides the weights: the system prompt, the tools
 * offered and the model version. A change of any of them is a change of context, after which
 * the old baseline no longer describes what "normal" is.
 */
export interface ContextFingerprint {
  /** 16 hex digits (two 32-bit MurmurHash3 halves) of the system prompt; '' when there is none. */
  systemPromptHash: string;
  /** Tool names, sorted, without duplicates. */
  tools: string[];
  /** The `model` field of the events (null when the events name none). */
  modelVersion: string | null;
}

export interface FingerprintSource {
  systemPrompt: string | null;
  tools: readonly string[];
  model: string | null;
}

/** A stable hash of a text; not cryptographic (the fingerprint only needs to notice change). */
export function textHash(text: string): string {
  const a = hashString(text, 0x9747b28c).toString(16).padStart(8, '0');
  const b = hashString(text, 0x1b873593).toString(16).padStart(8, '0');
  return a + b;
}

export function contextFingerprint(s: FingerprintSource): ContextFingerprint {
  return {
    systemPromptHash: s.systemPrompt ? textHash(s.systemPrompt) : '',
    tools: [...new Set(s.tools)].sort(),
    modelVersion: s.model,
  };
}

/** One string per distinct context, for counting and comparing. */
export function fingerprintKey(f: ContextFingerprint): string {
  return `${f.systemPromptHash}|${f.tools.join(',')}|${f.modelVersion ?? ''}`;
}

/** Which parts of the context differ, named for a person: e.g. ['system prompt', 'model version']. */
export function fingerprintChanges(before: ContextFingerprint, after: ContextFingerprint): string[] {
  const out: string[] = [];
  if (before.systemPromptHash !== after.systemPromptHash) out.push('system prompt');
  if (before.tools.join(',') !== after.tools.join(',')) out.push('tools');
  if (before.modelVersion !== after.modelVersion) out.push('model version');
  return out;
}

/** The most frequent context among `items` (ties: the first seen), with its share. */
export function dominantFingerprint(items: readonly ContextFingerprint[]): { fingerprint: ContextFingerprint; share: number } | undefined {
  if (items.length === 0) return undefined;
  const counts = new Map<string, { f: ContextFingerprint; n: number }>();
  for (const f of items) {
    const key = fingerprintKey(f);
    const c = counts.get(key);
    if (c) c.n++; else counts.set(key, { f, n: 1 });
  }
  let best: { f: ContextFingerprint; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best && { fingerprint: best.f, share: best.n / items.length };
}
