/**
 * Token-level scoring of PII spans, in the way of presidio-evaluator's TokenEvaluator: the text is
 * cut into tokens, each token is PII when any span covers one of its characters, and predicted
 * token sets are compared with gold token sets. Punctuation-only tokens and a few function words
 * ("skip words", as Presidio does) are left out, so "United States of America" scores the same
 * whether "of" is inside the span or not.
 *
 * Any-PII: precision = |P ∩ G| / |P|, recall = |P ∩ G| / |G|, F1 = 2PR / (P + R), where P and G are
 * the predicted and gold PII tokens over the whole corpus.
 * Per type T: P_T / G_T are the tokens a span of type T covers; a token counts once per type.
 * Worked example: gold "Call Ann Lee now" = PERSON "Ann Lee"; predicted PERSON "Lee now".
 * P = {Lee, now}, G = {Ann, Lee}: precision 1/2, recall 1/2.
 * Reference: presidio-research, docs/evaluation.md ("Presidio Token Evaluator").
 */

export interface ScoredSpan {
  type: string;
  start: number;
  end: number;
}

export interface Token {
  start: number;
  end: number;
  text: string;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;
const SKIP_WORDS = new Set(['the', 'of', 'and', 'a', 'an', 'in', 'at', 'on', 'to', 'for', 'by', 'is']);

/** Words and single punctuation marks, with UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    tokens.push({ start, end: start + m[0].length, text: m[0] });
  }
  return tokens;
}

/** Whether a token is left out of scoring: punctuation only, or a skip word. */
export function isSkipToken(token: Token): boolean {
  return !/[\p{L}\p{N}]/u.test(token.text) || SKIP_WORDS.has(token.text.toLowerCase());
}

export interface Counts {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

export interface PiiScoreAccumulator {
  any: Counts;
  perType: Map<string, Counts>;
}

export function createPiiScoreAccumulator(): PiiScoreAccumulator {
  return { any: { truePositive: 0, falsePositive: 0, falseNegative: 0 }, perType: new Map() };
}

function labelTokens(tokens: Token[], spans: ScoredSpan[]): Array<Set<string>> {
  const labels = tokens.map(() => new Set<string>());
  for (const span of spans) {
    tokens.forEach((tok, i) => {
      if (tok.start < span.end && tok.end > span.start) labels[i]?.add(span.type);
    });
  }
  return labels;
}

function bump(map: Map<string, Counts>, type: string, key: keyof Counts): void {
  const counts = map.get(type) ?? { truePositive: 0, falsePositive: 0, falseNegative: 0 };
  counts[key] += 1;
  map.set(type, counts);
}

/** Adds one text to the accumulator. Any-PII ignores types; per-type counts compare type names as given. */
export function addPiiScore(acc: PiiScoreAccumulator, text: string, gold: ScoredSpan[], predicted: ScoredSpan[]): void {
  const tokens = tokenize(text);
  const goldLabels = labelTokens(tokens, gold);
  const predLabels = labelTokens(tokens, predicted);
  tokens.forEach((tok, i) => {
    if (isSkipToken(tok)) return;
    const g = goldLabels[i] ?? new Set<string>();
    const p = predLabels[i] ?? new Set<string>();
    if (g.size > 0 && p.size > 0) acc.any.truePositive += 1;
    else if (p.size > 0) acc.any.falsePositive += 1;
    else if (g.size > 0) acc.any.falseNegative += 1;
    for (const t of p) bump(acc.perType, t, g.has(t) ? 'truePositive' : 'falsePositive');
    for (const t of g) if (!p.has(t)) bump(acc.perType, t, 'falseNegative');
  });
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Precision, recall and F1 from counts; 0 where a denominator is 0. Support = gold tokens. */
export function precisionRecall(c: Counts): PrecisionRecall {
  const precision = c.truePositive + c.falsePositive === 0 ? 0 : c.truePositive / (c.truePositive + c.falsePositive);
  const recall = c.truePositive + c.falseNegative === 0 ? 0 : c.truePositive / (c.truePositive + c.falseNegative);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: c.truePositive + c.falseNegative };
}
