import { invalidInput } from '../errors.js';

export interface NgramScore {
  ngram: string;
  /** Inputs in the flagged set that contain the n-gram. */
  flaggedCount: number;
  /** Inputs in the other set that contain it. */
  otherCount: number;
  /** δ, the log-odds ratio (flagged vs other) smoothed by the prior. */
  logOdds: number;
  /** δ / σ(δ): how many standard errors the n-gram leans towards the flagged set. */
  zScore: number;
}

export interface NgramOptions {
  /** Longest n-gram, in words (default 3). */
  maxN?: number;
  /** Least number of flagged inputs an n-gram must occur in (default 3): rare n-grams make noise. */
  minFlaggedCount?: number;
  /** α0, the prior's total pseudo-count (default 500); each α_w is α0 times the n-gram's pooled share. */
  priorStrength?: number;
  /** Keep n-grams with z at or above this (default 1.96, one-sided 2.5%). */
  minZ?: number;
  /** Most n-grams returned (default 20). */
  limit?: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Distinct 1..maxN word n-grams of one text, lower-cased (a text counts once per n-gram: document frequency). */
export function textNgrams(text: string, maxN: number): Set<string> {
  const words = text.toLowerCase().match(WORD) ?? [];
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let gram = '';
    for (let n = 0; n < maxN && i + n < words.length; n++) {
      gram = n === 0 ? (words[i] as string) : `${gram} ${words[i + n] as string}`;
      out.add(gram);
    }
  }
  return out;
}

function documentFrequencies(texts: readonly string[], maxN: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const g of textNgrams(t, maxN)) counts.set(g, (counts.get(g) ?? 0) + 1);
  return counts;
}

/**
 * Input n-grams over-represented among flagged outputs' inputs: the weighted log-odds ratio with
 * an informative Dirichlet prior of Monroe, Colaresi and Quinn (2008), "Fightin' Words", eq. 16–22.
 * With y_w^f, y_w^o the counts of n-gram w in the flagged (f) and other (o) inputs, n^f, n^o the
 * totals, and α_w = α0 · (y_w^f + y_w^o) / (n^f + n^o):
 *
 *   δ_w = ln[(y_w^f + α_w) / (n^f + α0 − y_w^f − α_w)] − ln[(y_w^o + α_w) / (n^o + α0 − y_w^o − α_w)]
 *   σ²(δ_w) ≈ 1/(y_w^f + α_w) + 1/(y_w^o + α_w),   z_w = δ_w / σ(δ_w)
 *
 * The prior shrinks rare n-grams towards "no difference", so a word seen twice does not top the
 * list as a raw ratio would. Counts are document frequencies (an input counts once per n-gram),
 * so one long input that repeats a phrase cannot make it a trigger.
 *
 * Worked example (unigrams, α0 = 500): flagged inputs contain 'cf' 10 times in n^f = 100 n-gram
 * occurrences, other inputs 1 time in n^o = 1000. α = 500 · 11/1100 = 5; δ = ln(15/585) − ln(6/1494)
 * = 1.854; σ² = 1/15 + 1/6, z = 1.854 / 0.483 = 3.84.
 */
export function overRepresentedNgrams(flagged: readonly string[], other: readonly string[], o: NgramOptions = {}): NgramScore[] {
  const maxN = o.maxN ?? 3;
  const minCount = o.minFlaggedCount ?? 3;
  const alpha0 = o.priorStrength ?? 500;
  const minZ = o.minZ ?? 1.96;
  const limit = o.limit ?? 20;
  if (!Number.isInteger(maxN) || maxN < 1) throw invalidInput(`maxN must be a whole number >= 1, got ${maxN}`);
  if (!(alpha0 > 0)) throw invalidInput(`priorStrength must be > 0, got ${alpha0}`);
  const f = documentFrequencies(flagged, maxN);
  const b = documentFrequencies(other, maxN);
  let nf = 0; for (const v of f.values()) nf += v;
  let no = 0; for (const v of b.values()) no += v;
  const scores: NgramScore[] = [];
  for (const [ngram, yf] of f) {
    if (yf < minCount) continue;
    const yo = b.get(ngram) ?? 0;
    const s = logOddsScore(yf, yo, nf, no, alpha0);
    if (s.zScore >= minZ) scores.push({ ngram, flaggedCount: yf, otherCount: yo, ...s });
  }
  // Ties (common: a trigger and the words around it occur in exactly the same inputs) go to the
  // shorter n-gram, so a phrase's single words are not crowded out by its overlapping trigrams.
  const words = (g: string) => g.split(' ').length;
  return scores.sort((x, y) => y.zScore - x.zScore || words(x.ngram) - words(y.ngram) || x.ngram.localeCompare(y.ngram)).slice(0, limit);
}

/** δ and z for one n-gram (see overRepresentedNgrams). */
export function logOddsScore(yf: number, yo: number, nf: number, no: number, alpha0: number): { logOdds: number; zScore: number } {
  const a = alpha0 * (yf + yo) / (nf + no);
  const logOdds = Math.log((yf + a) / (nf + alpha0 - yf - a)) - Math.log((yo + a) / (no + alpha0 - yo - a));
  return { logOdds, zScore: logOdds / Math.sqrt(1 / (yf + a) + 1 / (yo + a)) };
}
