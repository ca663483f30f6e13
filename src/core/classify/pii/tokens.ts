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
  /** isCapitalized(text), computed once. */
  cap: boolean;
}

const GLUE = /[\p{L}\p{N}]/u;
const WORD_START = /^[\p{L}\p{M}]/u;

function isGlue(code: number): boolean {
  if (Number.isNaN(code) || code === 32 || code === 10) return false;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  if (code === 95 || code === 64 || code === 47 || code === 61 || code === 92) return true; // _ @ / = \\
  return code > 127 && GLUE.test(String.fromCharCode(code));
}

const ASCII_TITLE = /^[A-Z][a-z]*(?:[-'][A-Za-z][a-z]*)*$/;
const ASCII_UPPER = /^[A-Z]{2,}(?:[-'][A-Z]+)*$/;

const TOKEN_RE = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\d+(?:[A-Za-z](?![\p{L}]))?|[^\s\p{L}\p{M}\d]/gu;
const OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '(', '[', '•', '*', '>', '#', '|', '-', '–', '—']);

export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let prevEnd = 0;
  let prev: WordToken | undefined;
  for (const m of text.matchAll(TOKEN_RE)) {
    const value = m[0];
    const start = m.index;
    let newline = false;
    for (let k = prevEnd; k < start; k++) if (text.charCodeAt(k) === 10) { newline = true; break; }
    const first = value.charCodeAt(0);
    const kind: TokenKind = first >= 48 && first <= 57 ? 'num'
      : (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || (first > 127 && WORD_START.test(value)) ? 'word' : 'punct';
    const sentenceStart = prev === undefined || newline || (prev.kind === 'punct' && OPENERS.has(prev.text));
    const end = start + value.length;
    const glued = kind !== 'punct' && (isGlue(text.charCodeAt(start - 1)) || isGlue(text.charCodeAt(end)));
    const cap = kind === 'word' && isCapitalized(value);
    const tok: WordToken = { text: value, lower: value.toLowerCase(), start, end, kind, sentenceStart, newline, glued, cap };
    tokens.push(tok);
    prev = tok;
    prevEnd = end;
  }
  return tokens;
}

/** Title Case, ALL CAPS, or Mc/Mac/O'/D' names; not camelCase words such as TypeScript or iPhone. */
export function isCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return false;
  if (c >= 65 && c <= 90 && /^[A-Za-z'-]*$/.test(word)) {
    return ASCII_TITLE.test(word) || ASCII_UPPER.test(word) || /^(?:Mc|Mac|O'|D')[A-Z][a-z]+$/.test(word);
  }
  return /^\p{Lu}[\p{Ll}\p{M}]*(?:[-'’]\p{L}[\p{Ll}\p{M}]*)*$/u.test(word)
    || /^(?:Mc|Mac|O['’]|D['’])\p{Lu}[\p{Ll}\p{M}]+$/u.test(word)
    || /^[\p{Lu}\p{M}]{2,}(?:[-'’][\p{Lu}\p{M}]+)*$/u.test(word);
}

export function isAllCaps(word: string): boolean {
  return /^[\p{Lu}\p{M}'’-]{2,}$/u.test(word);
}
