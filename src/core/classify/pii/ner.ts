import type { PiiEntity } from '../types.js';
import { getLexicon, type Lexicon } from './lexicon.js';
import { isAllCaps, type WordToken } from './tokens.js';
import { TAG, wordTagsOf } from './word-tags.js';

/**
 * Names of people, places and organisations, found without a trained model:
 * 1. group runs of capitalised words on one line (allowing particles such as "van", "de");
 * 2. drop words that are capitalised only for grammar (sentence openers, "I", weekdays) and
 *    groups made only of common English words ("Wisdom and Discipline", "Labor Day");
 * 3. type what is left from lexicons (first names, places, organisation suffixes) and context
 *    (an honorific before it is a PERSON, "in"/"from" before it a LOCATION), PERSON by default.
 * Lower-case text gets a narrower pass: a known first name that is not a common word.
 * A run next to a house number ("Jakobi 69", "87 Jakobi") becomes an ADDRESS.
 */
const LOCATION_CUES = new Set(['in', 'from', 'near', 'to', 'visit', 'visited', 'across', 'around', 'outside', 'inside', 'towards']);

type WordClass = 'name' | 'place' | 'org' | 'function' | 'common' | 'unknown';

/** Derivational endings of English words; a lone unknown sentence opener with one is not a name. */
const ENGLISH_SUFFIX = /.{3}(?:ized|ised|izing|ising|ization|isation|ing|ed|tion|sion|ment|ness|ity|ous|ive|ful|less|able|ible|ally|ology|ism|ist)$/;

const CLITIC = /['’](?:s|re|ve|ll|d|t|m)$/;

function classify(word: string): WordClass {
  const lower = word.includes("'") || word.includes('’') ? word.replace(CLITIC, '') : word;
  // One lookup of every list's bit instead of up to eight set lookups; the tests keep their order.
  const tags = wordTagsOf(lower);
  if (tags & TAG.functionWord) return 'function';
  if (tags & TAG.place) return 'place';
  if (tags & (TAG.firstName | TAG.lastName)) return 'name';
  if (tags & TAG.organization) return 'org';
  if (tags & (TAG.common | TAG.demonym | TAG.orgSuffix)) return 'common';
  return 'unknown';
}

function isHonorific(tokens: WordToken[], i: number): boolean {
  const t = tokens[i];
  return t !== undefined && t.kind === 'word' && (t.tags & TAG.honorific) !== 0;
}

/** Index just past the run of capitalised words starting at i (same line). */
function runEnd(tokens: WordToken[], i: number, lex: Lexicon): number {
  let j = i + 1;
  while (j < tokens.length) {
    const t = tokens[j];
    if (t === undefined || t.newline) break;
    if (t.cap && !t.glued) { j++; continue; }
    const next = tokens[j + 1];
    const nextCap = next !== undefined && !next.newline && next.cap;
    if (t.kind === 'word' && lex.nameParticles.has(t.lower) && nextCap) { j += 2; continue; }
    if (t.text === '&' && nextCap) { j += 2; continue; }
    // An initial: "J." inside a name.
    if (t.text === '.' && tokens[j - 1]?.text.length === 1 && nextCap) { j += 2; continue; }
    break;
  }
  return j;
}

function typeOf(group: WordToken[], classes: WordClass[], before: WordToken | undefined, hasAmpersand: boolean, lex: Lexicon): [string, number] {
  const lowerAll = group.map((t) => t.lower).join(' ');
  const last = group[group.length - 1];
  if (hasAmpersand) return ['ORGANIZATION', 0.6];
  if (lex.organizations.has(lowerAll) || (last && lex.orgSuffixes.has(last.lower) && group.length > 1)) return ['ORGANIZATION', 0.75];
  if (lex.places.has(lowerAll) || classes.every((c) => c === 'place')) return ['LOCATION', 0.8];
  const cue = before !== undefined && LOCATION_CUES.has(before.lower);
  if (classes[0] === 'name' && lex.firstNames.has(group[0]?.lower ?? '')) return ['PERSON', group.length > 1 ? 0.85 : 0.7];
  if (cue) return ['LOCATION', 0.6];
  if (classes.includes('place') && !classes.includes('name')) return ['LOCATION', 0.65];
  return ['PERSON', classes.includes('name') ? 0.7 : 0.55];
}

export function findNames(tokens: WordToken[], out: PiiEntity[]): void {
  const lex = getLexicon();
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === undefined) break;
    const honorific = isHonorific(tokens, i) && (t.text[0] === t.text[0]?.toUpperCase() || tokens[i + 1]?.text === '.');
    const capStart = t.cap && !t.glued;
    if (honorific) {
      const j = tokens[i + 1]?.text === '.' ? i + 2 : i + 1;
      const next = tokens[j];
      if (next && next.kind === 'word' && !next.newline && (next.cap || /^\p{Ll}/u.test(next.text))) {
        const end = next.cap ? runEnd(tokens, j, lex) : j + 1;
        const last = tokens[end - 1];
        if (last) out.push({ type: 'PERSON', start: t.start, end: last.end, score: 0.85 });
        i = end;
        continue;
      }
    }
    if (!capStart) {
      if (t.kind === 'word' && lowerCaseName(tokens, i, lex, out)) { i += 1; continue; }
      i++;
      continue;
    }
    const end = runEnd(tokens, i, lex);
    const runStart = i;
    let group = tokens.slice(i, end).filter((w) => w.kind === 'word');
    // Short all-caps words are acronyms (API, SQL, NASA), not names, unless they are places.
    let classes = group.map((w) => {
      const c = classify(w.lower);
      return c === 'unknown' && w.text.length <= 4 && isAllCaps(w.text) ? 'common' : c;
    });
    // Strip grammatical capitals from the front: function words always, common words at a sentence start.
    while (group.length > 0 && (classes[0] === 'function'
      || (group[0]?.sentenceStart && (classes[0] === 'common' || (classes[0] === 'unknown' && group.length === 1 && ENGLISH_SUFFIX.test(group[0].lower)))))) {
      group = group.slice(1);
      classes = classes.slice(1);
    }
    while (group.length > 0 && classes[group.length - 1] === 'function') {
      group = group.slice(0, -1);
      classes = classes.slice(0, -1);
    }
    i = end;
    if (group.length === 0) continue;
    // Trailing common words after a non-name head ("Kouklia Country Club") are not part of the name,
    // unless they make it an organisation ("Tableau Software").
    const last0 = group[group.length - 1];
    if (last0 && !lex.orgSuffixes.has(last0.lower) && classes[0] !== 'name') {
      while (group.length > 1 && (classes[group.length - 1] === 'common' || classes[group.length - 1] === 'function')) {
        group = group.slice(0, -1);
        classes = classes.slice(0, -1);
      }
    }
    if (classes.every((c) => c === 'common' || c === 'function')) continue;
    if (group.every((w) => isAllCaps(w.text) && w.text.length <= 4) && !classes.includes('place')) continue;
    const first = group[0];
    const lastTok = group[group.length - 1];
    if (!first || !lastTok) continue;
    let firstIdx = runStart;
    while (tokens[firstIdx] !== first) firstIdx++;
    const before = tokens[firstIdx - 1];
    let hasAmpersand = false;
    for (let k = runStart; k < end; k++) if (tokens[k]?.text === '&') hasAmpersand = true;
    const [type, score] = typeOf(group, classes, before, hasAmpersand, lex);
    const spanEnd = CLITIC.test(lastTok.text) ? lastTok.end - (lastTok.text.match(CLITIC)?.[0].length ?? 0) : lastTok.end;
    out.push({ type, start: first.start, end: spanEnd, score });
  }
}

/** "john", "tracy sukhorukova": a first name that is not also an English word, and a following unknown word. */
function lowerCaseName(tokens: WordToken[], i: number, lex: Lexicon, out: PiiEntity[]): boolean {
  const t = tokens[i];
  if (!t || t.cap || t.text.length < 3 || (t.tags & TAG.firstName) === 0) return false;
  if ((t.tags & (TAG.common | TAG.functionWord)) !== 0 || !/^\p{Ll}+$/u.test(t.text)) return false;
  let end = t.end;
  const next = tokens[i + 1];
  if (next && !next.newline && next.kind === 'word' && /^\p{Ll}+$/u.test(next.text) && classify(next.lower) !== 'common'
    && classify(next.lower) !== 'function') end = next.end;
  out.push({ type: 'PERSON', start: t.start, end, score: 0.5 });
  return true;
}
