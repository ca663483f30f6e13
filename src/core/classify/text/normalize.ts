import { CONFUSABLES, LEET } from './confusables.js';

/**
 * Folds the tricks people use to hide words from a classifier, so that every model sees one
 * canonical spelling. Steps, in order (each is idempotent and none undoes another, so
 * `normalizeText(normalizeText(x)) === normalizeText(x)`; a property test pins this):
 *
 * 1. Unicode NFKC (full-width, ligatures, mathematical alphabets: "𝐤𝐢𝐥𝐥" → "kill").
 * 2. Drop invisible format characters (zero-width space/joiners, BOM, soft hyphen, tag
 *    characters, variation selectors) and combining diacritics ("k̶i̶l̶l̶", Zalgo, "kíll").
 * 3. Lower-case, fold Latin look-alikes from other scripts (Cyrillic "кіll" → "kill") and curly
 *    quotes to straight ones ("I’m" → "i'm").
 * 4. Collapse whitespace to single spaces.
 * 5. Re-join letters spelled out one at a time: "k i l l", "k.i.l.l", "k-i-l-l" → "kill"
 *    (three or more single characters, at least one a letter, the same single separator between each).
 * 6. Leetspeak inside tokens that also hold letters: "h3ll0" → "hello", "k1ll" → "kill",
 *    "a$$" → "ass"; numbers with units ("3rd", "10k") and names with numbers ("covid19") are kept.
 * 7. Runs of three or more of the same character shrink to two ("kiiiiill" → "kiill").
 *
 * Example: normalizeText("Ｈ０w tо m.a.k.e а b0mb!!!!") === "how to make a bomb!!".
 * Reference for step 3: Unicode Technical Standard #39, confusables.txt.
 */
export function normalizeText(text: string): string {
  let s = text;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) s = foldUnicode(s);
  else s = s.toLowerCase();
  // Only a run of two or more blanks, or a blank other than ' ', changes: most texts skip the copy.
  if (BLANK_TO_FOLD.test(s)) s = s.replace(BLANK_RUNS, ' ');
  s = s.trim();
  s = s.replace(SPACED_LETTERS, joinSpaced);
  // A token mixing letters and leet symbols always has a letter next to a symbol: test that first.
  if (LEET_ADJACENT.test(s)) s = replaceLeetTokens(s);
  // Code units, not code points: a surrogate pair never repeats one unit three times in a row.
  if (TRIPLE.test(s)) s = s.replace(TRIPLE_ALL, '$1$1');
  return s;
}

// Combining marks alone in a class are the point here: they are what gets removed.
/* eslint-disable no-misleading-character-class */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/* eslint-enable no-misleading-character-class */
const BLANKS = /[\u2800\u3164\uffa0]/g;
const QUOTES = /[\u2018\u2019\u201a\u201b\u02bc\u2032]/g;
const DQUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;

function foldUnicode(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, '').replace(BLANKS, ' ').replace(QUOTES, "'").replace(DQUOTES, '"').toLowerCase();
  s = s.normalize('NFKD').replace(DIACRITICS, '');
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out += cp < 0x80 ? ch : (CONFUSABLES.get(cp) ?? ch);
  }
  return out.normalize('NFC');
}

const SPACED_LETTERS = /(?<![\p{L}\p{N}@$])[a-z0-9@$]([ ._\-*])[a-z0-9@$](?:\1[a-z0-9@$])+(?![\p{L}\p{N}@$])/gu;

function joinSpaced(run: string): string {
  if (!/[a-z]/.test(run)) return run;
  return run.replace(/[ ._\-*]/g, '');
}

const BLANK_TO_FOLD = /\s\s|[^\S ]/;
const BLANK_RUNS = /\s+/g;

/** Leet-token class [a-z0-9@$!]: 1 for a letter, 2 for a digit or symbol, 0 outside. */
const LEET_CLASS = Uint8Array.from({ length: 128 }, (_, u) => {
  const ch = String.fromCharCode(u);
  return /[a-z]/.test(ch) ? 1 : /[0-9@$!]/.test(ch) ? 2 : 0;
});

/**
 * `s.replace(/[a-z0-9@$!]*[a-z][a-z0-9@$!]*\/g, unleet)` without calling unleet on every word:
 * that regex matches each maximal run of [a-z0-9@$!] holding a letter, and unleet leaves a run
 * with no digit or symbol as it is, so only runs holding both are passed to it.
 */
function replaceLeetTokens(s: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < s.length) {
    const u = s.charCodeAt(i);
    if (u >= 128 || LEET_CLASS[u] === 0) {
      i++;
      continue;
    }
    const start = i;
    let seen = 0;
    for (let v = u; i < s.length && v < 128 && LEET_CLASS[v] !== 0; v = s.charCodeAt(++i)) seen |= LEET_CLASS[v]!;
    if (seen !== 3) continue;
    const token = s.slice(start, i);
    const replaced = unleet(token);
    if (replaced === token) continue;
    out += s.slice(copied, start) + replaced;
    copied = i;
  }
  return copied === 0 ? s : out + s.slice(copied);
}
const LEET_ADJACENT = /[a-z][0-9@$!]|[0-9@$!][a-z]/;
const TRIPLE = /(.)\1\1/s;
const TRIPLE_ALL = /(.)\1{2,}/gs;
const KEEP_UNIT = /^\d+[a-z]{1,3}$/;
const KEEP_NAME_NUMBER = /^[a-z]+\d{2,}$/;

function unleet(token: string): string {
  if (!/[0-9@$!]/.test(token) || KEEP_UNIT.test(token) || KEEP_NAME_NUMBER.test(token)) return token;
  const trailing = /!+$/.exec(token)?.[0] ?? '';
  const body = token.slice(0, token.length - trailing.length);
  let out = '';
  for (const ch of body) out += LEET.get(ch) ?? ch;
  return out + trailing;
}
