/**
 * The word stream the name and address finders walk: words, numbers and punctuation with UTF-16
 * offsets, and for each token whether it opens a sentence (or a line) and whether a line break
 * precedes it.
 */
export type TokenKind = 'word' | 'num' | 'punct';

export interface WordToken {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** First token of the text, of a line, or after . ! ? : ; or an opening quote or bracket. */
  sentenceStart: boolean;
  /** A line break lies between the previous token and this one. */
  newline: boolean;
  /** Touches a digit, letter or one of _ @ / = on either side: part of an identifier, key or path. */
  glued: boolean;
}

const GLUE = /[\p{L}\p{N}_@/=\\]/u;

const TOKEN_RE = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\d+(?:[A-Za-z](?![\p{L}]))?|[^\s\p{L}\p{M}\d]/gu;
const OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '(', '[', '•', '*', '>', '#', '|', '-', '–', '—']);

export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let prevEnd = 0;
  let prev: WordToken | undefined;
  for (const m of text.matchAll(TOKEN_RE)) {
    const value = m[0];
    const start = m.index;
    const gap = text.slice(prevEnd, start);
    const newline = gap.includes('\n');
    const first = value.charCodeAt(0);
    const kind: TokenKind = first >= 48 && first <= 57 ? 'num' : /[\p{L}\p{M}]/u.test(value) ? 'word' : 'punct';
    const sentenceStart = prev === undefined || newline || (prev.kind === 'punct' && OPENERS.has(prev.text));
    const end = start + value.length;
    const glued = kind !== 'punct' && (GLUE.test(text[start - 1] ?? ' ') || GLUE.test(text[end] ?? ' '));
    const tok: WordToken = { text: value, lower: value.toLowerCase(), start, end, kind, sentenceStart, newline, glued };
    tokens.push(tok);
    prev = tok;
    prevEnd = end;
  }
  return tokens;
}

/** Title Case, ALL CAPS, or Mc/Mac/O'/D' names; not camelCase words such as TypeScript or iPhone. */
export function isCapitalized(word: string): boolean {
  return /^\p{Lu}[\p{Ll}\p{M}]*(?:[-'’]\p{L}[\p{Ll}\p{M}]*)*$/u.test(word)
    || /^(?:Mc|Mac|O['’]|D['’])\p{Lu}[\p{Ll}\p{M}]+$/u.test(word)
    || /^[\p{Lu}\p{M}]{2,}(?:[-'’][\p{Lu}\p{M}]+)*$/u.test(word);
}

export function isAllCaps(word: string): boolean {
  return /^[\p{Lu}\p{M}'’-]{2,}$/u.test(word);
}
