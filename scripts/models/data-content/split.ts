/**
 * De-duplication and deterministic splits for the content models.
 *
 * Items are de-duplicated ACROSS data sets by a normalised key (lower case, letters and digits
 * only), because several sets share prompts (AdvBench sits inside red-instruct and
 * harmbench-etc). A split is chosen by hashing the item's group (its source prompt), so every
 * variant of one prompt (e.g. a jailbreak rewrite of a JailbreakBench goal) falls in the same
 * split and the assignment never depends on file order or a random seed.
 */

export type Split = 'train' | 'dev' | 'test';

export interface LabelledText {
  text: string;
  /** Task label (e.g. 'toxic' / 'clean', or 'S1' … 'benign'). */
  label: string;
  /** Data set and file it came from, e.g. 'tweeteval/offensive/train'. */
  source: string;
  /** Source prompt or item that variants share; the split is decided per group. */
  group: string;
  /** Fixed by the data set (an official test set) or decided by `assignSplits`. */
  split?: Split;
  /** Extra labels (toxicity subtypes). */
  tags?: string[];
  /** Set for variants (e.g. jailbreak rewrites) that train but are not scored. */
  trainOnly?: boolean;
}

/** Lower case, letters and digits only, single spaces: "What's up?!" → "what s up". */
export function dedupeKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** FNV-1a 32-bit hash of a string, as an unsigned integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Split of a group: hash to [0, 1) and cut at devShare / testShare. */
export function splitOfGroup(group: string, devShare: number, testShare: number): Split {
  const u = fnv1a(`argus-split:${dedupeKey(group)}`) / 2 ** 32;
  if (u < testShare) return 'test';
  if (u < testShare + devShare) return 'dev';
  return 'train';
}

export interface DedupeReport {
  kept: number;
  duplicates: number;
  /** Same text with different labels in different sets: the first (by input order) wins. */
  conflicts: number;
}

/**
 * Keeps the first item of each dedupe key. Input order is the priority: put evaluation sets and
 * the most trusted labels first. An item whose key matches a fixed-split item inherits nothing;
 * it is dropped, so no text of an official test set can reach training.
 */
export function dedupe(items: readonly LabelledText[]): { items: LabelledText[]; report: DedupeReport } {
  const seen = new Map<string, LabelledText>();
  let duplicates = 0;
  let conflicts = 0;
  for (const item of items) {
    const key = dedupeKey(item.text);
    if (key.length === 0) continue;
    const first = seen.get(key);
    if (first) {
      duplicates++;
      if (first.label !== item.label) conflicts++;
      continue;
    }
    seen.set(key, item);
  }
  const kept = [...seen.values()];
  return { items: kept, report: { kept: kept.length, duplicates, conflicts } };
}

/** Gives every item without a fixed split one by its group. */
export function assignSplits(items: readonly LabelledText[], devShare: number, testShare: number): LabelledText[] {
  return items.map((item) => (item.split ? item : { ...item, split: splitOfGroup(item.group, devShare, testShare) }));
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
