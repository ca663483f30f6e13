import { wordTagsOf } from './word-tags.js';

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
  /** TAG bits of `lower` (the word lists it is in, see word-tags.ts); 0 for numbers and punctuation. */
  tags: number;
}

const GLUE = /[\p{L}\p{N}]/u;

function isGlue(code: number): boolean {
  if (Number.isNaN(code) || code === 32 || code === 10) return false;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  if (code === 95 || code === 64 || code === 47 || code === 61 || code === 92) return true; // _ @ / = \\
  return code > 127 && GLUE.test(String.fromCharCode(code));
}

const ASCII_TITLE = /^[A-Z][a-z]*(?:[-'][A-Za-z][a-z]*)*$/;
const ASCII_UPPER = /^[A-Z]{2,}(?:[-'][A-Z]+)*$/;

const OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '(', '[', '•', '*', '>', '#', '|', '-', '–', '—']);
const LETTER = /[\p{L}\p{M}]/u;
const SPACE = /\s/u;

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c > 127 && LETTER.test(text[i] ?? '');
}

/**
 * One pass over the text, by character code (a regex with Unicode classes was the hot spot):
 * a word is letters with inner ' ’ or - between letters; a number is digits with an optional
 * single trailing letter ("221B"); anything else that is not space is a one-character token.
 */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  const n = text.length;
  let prev: WordToken | undefined;
  let newline = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || (c > 127 && SPACE.test(text[i] ?? ''))) {
      if (c === 10) newline = true;
      i++;
      continue;
    }
    let j = i + 1;
    let kind: TokenKind;
    if (isLetterAt(text, i)) {
      kind = 'word';
      while (j < n) {
        if (isLetterAt(text, j)) { j++; continue; }
        const d = text.charCodeAt(j);
        if ((d === 39 || d === 0x2019 || d === 45) && j + 1 < n && isLetterAt(text, j + 1)) { j += 2; continue; }
        break;
      }
    } else if (c >= 48 && c <= 57) {
      kind = 'num';
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if (((d >= 65 && d <= 90) || (d >= 97 && d <= 122)) && !(j + 1 < n && isLetterAt(text, j + 1))) j++;
    } else {
      kind = 'punct';
      if (c >= 0xd800 && c <= 0xdbff && j < n) j++; // keep a surrogate pair together
    }
    const value = text.slice(i, j);
    const sentenceStart = prev === undefined || newline || (prev.kind === 'punct' && OPENERS.has(prev.text));
    const glued = kind !== 'punct' && (isGlue(text.charCodeAt(i - 1)) || isGlue(text.charCodeAt(j)));
    const cap = kind === 'word' && isCapitalized(value);
    const lower = kind === 'word' ? value.toLowerCase() : value;
    const tags = kind === 'word' ? wordTagsOf(lower) : 0;
    const tok: WordToken = { text: value, lower, start: i, end: j, kind, sentenceStart, newline, glued, cap, tags };
    tokens.push(tok);
    prev = tok;
    newline = false;
    i = j;
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

/** Runs a sticky (`y`) regex at exactly `pos`; null when it does not match there. */
export function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/**
 * The matches of a global regex, like String.prototype.matchAll but without the regex copy that
 * matchAll makes on every call (a measurable cost when a dozen patterns run per text).
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
