/**
 * Hedging: how much an output hedges or qualifies what it says, as a score in [0, 1).
 *
 * A lexicon-weighted model (no labelled hedging data exists in the training folders, so it is
 * not learned): each cue has a weight w (1 = a plain hedge such as "might", 2 = a strong one such
 * as "i'm not sure"). With W = Σ weights of cue hits in the normalised text and N words,
 *   density = 100 · W / max(N, 20)   (weighted hedges per 100 words; short texts count as 20 words)
 *   score   = 1 − exp(−density / 6)
 * so a density of 6 (one strong hedge plus one plain one in 50 words) scores 0.63 and a text
 * without cues scores 0. Lexicon after Hyland, "Hedging in Scientific Research Articles" (1998),
 * and the BioScope / CoNLL-2010 hedge-cue guidelines, plus the assistant-style qualifiers
 * ("as an ai", "consult a professional") that matter for LLM output.
 * Example: "It might work, but I'm not sure." → W = 1 + 2 = 3, N = 7 → density 15 → score 0.92.
 */
const CUES: readonly (readonly [string, number])[] = [
  // modal and adverbial hedges
  ['might', 1], ['may', 1], ['could', 0.5], ['perhaps', 1], ['possibly', 1], ['probably', 1], ['likely', 0.7], ['unlikely', 0.7],
  ['maybe', 1], ['presumably', 1], ['apparently', 1], ['arguably', 1], ['seemingly', 1], ['somewhat', 0.7], ['roughly', 0.5],
  ['approximately', 0.5], ['around', 0.3], ['generally', 0.7], ['typically', 0.7], ['usually', 0.5], ['often', 0.3], ['sometimes', 0.5],
  ['potentially', 1], ['conceivably', 1], ['relatively', 0.5], ['fairly', 0.5], ['rather', 0.3], ['tend to', 0.7], ['tends to', 0.7],
  // epistemic phrases
  ['i think', 1], ['i believe', 1], ['i guess', 1.5], ['i suppose', 1.5], ['i assume', 1], ['i suspect', 1], ['in my opinion', 1],
  ['it seems', 1], ['it appears', 1], ['seems to', 1], ['appears to', 1], ['it is possible', 1], ["it's possible", 1],
  ['as far as i know', 1.5], ['to my knowledge', 1.5], ['if i recall', 1.5], ['if i remember', 1.5], ['not entirely sure', 2],
  ["i'm not sure", 2], ['i am not sure', 2], ['not certain', 2], ["i'm not certain", 2], ['hard to say', 2], ['difficult to say', 2],
  ['it depends', 1.5], ['depends on', 1], ['not necessarily', 1], ['to some extent', 1], ['in some cases', 1], ['more or less', 1],
  ['kind of', 0.7], ['sort of', 0.7], ['i could be wrong', 2], ['may not be accurate', 2], ['may vary', 1], ['no guarantee', 1.5],
  ['not guaranteed', 1.5], ['i cannot guarantee', 2], ["i can't guarantee", 2], ['without more information', 1.5], ['it is unclear', 1.5],
  ["it's unclear", 1.5], ['there is no consensus', 1.5], ['opinions vary', 1.5], ['some argue', 1], ['some people', 0.5],
  // assistant-style qualifiers
  ['as an ai', 1], ["i'm not a doctor", 2], ["i'm not a lawyer", 2], ['not a substitute for', 1.5], ['consult a', 1],
  ['consult with', 1], ['seek professional', 1], ['please verify', 1.5], ['double-check', 1], ['for informational purposes', 1.5],
  ['knowledge cutoff', 1.5], ['may be outdated', 1.5],
];

const WORD = /[\p{L}\p{N}']+/gu;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, u) => (/[A-Za-z0-9']/.test(String.fromCharCode(u)) ? 1 : 0));

/** How many WORD runs the text holds; ASCII text is counted by a class table, without the match array. */
function countWords(text: string): number {
  if (NON_ASCII.test(text)) return text.match(WORD)?.length ?? 0;
  let count = 0;
  let prev = 0;
  // A word starts where a word character follows a non-word one; counted without a branch, which
  // would mispredict at every word edge.
  for (let i = 0; i < text.length; i++) {
    const w = ASCII_WORD[text.charCodeAt(i)]!;
    count += w & (prev ^ 1);
    prev = w;
  }
  return count;
}
const CUE_RE = new RegExp(`\\b(?:${[...CUES].sort((a, b) => b[0].length - a[0].length).map(([c]) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})\\b`, 'g');
const WEIGHTS = new Map(CUES);

export const HEDGING_SCALE = 6;

/** Hedging score of an already-normalised text (see normalizeText). */
export function hedgingScore(normalized: string): number {
  const words = countWords(normalized);
  if (words === 0) return 0;
  let weight = 0;
  // exec in a loop: matchAll would copy the regex on every call.
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(normalized); m !== null; m = CUE_RE.exec(normalized)) weight += WEIGHTS.get(m[0]) ?? 0;
  const density = (100 * weight) / Math.max(words, 20);
  return 1 - Math.exp(-density / HEDGING_SCALE);
}

/** The cue list, for the model card and tests. */
export function hedgingLexicon(): readonly (readonly [string, number])[] {
  return CUES;
}
