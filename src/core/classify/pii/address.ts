import type { PiiEntity } from '../types.js';
import { allMatches, matchAt, type WordToken } from './tokens.js';
import { TAG } from './word-tags.js';

/**
 * Street addresses, in the shapes they take across countries:
 * - a street type after the name ("1755 Nelson Mandela Drive", "8 wressle road", "Whittaker Street");
 * - a street word that carries its type ("Nassaustraat 123", "Ziegelgasse 26", "Storgatan 5");
 * - a street type before the name ("rue Descartes", "Via Roma 12", "Calle Mayor");
 * - units and boxes ("Apt. 018", "Suite 771", "P.O. Box 12"), ZIP and postal codes with a cue
 *   (after a state code, after a place or street on the same line, or after "ZIP:");
 * - a capitalised name directly followed or preceded by a house number ("Jakobi 69", "87 Jakobi").
 */
const STREET_ENDINGS = new Set(['straat', 'strasse', 'straße', 'gasse', 'weg', 'vej', 'vegen', 'veien', 'gatan', 'gata', 'gade',
  'laan', 'plein', 'allee', 'väg', 'vägen', 'katu', 'utca', 'útja', 'ulice', 'platz', 'dijk', 'kade', 'gürtel', 'damm', 'ufer',
  'markt', 'steig', 'stræde', 'tie', 'polku']);

/** Whether a word ends in a street type, as in "Nassaustraat" or "Storgatan". */
// Every ending is at least three characters long, so its last three must end the word: one
// lookup rules out almost every word before the per-length slices.
const ENDING_TAILS = new Set([...STREET_ENDINGS].map((e) => e.slice(-3)));

function hasStreetEnding(lower: string): boolean {
  if (!ENDING_TAILS.has(lower.slice(-3))) return false;
  for (let n = 3; n <= 7 && n < lower.length; n++) if (STREET_ENDINGS.has(lower.slice(-n))) return true;
  return false;
}
const UNIT_RE = /(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b/iy;
const PO_BOX_RE = /P\.?\s?O\.?\s*Box\s+\d{1,6}\b/iy;
const STATE_ZIP_RE = /(?<=[,\n]\s?|\s)[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/g;
const STATE_ZIP_HINT = /[A-Z]{2}\s+\d{5}/;
const ZIP_CUE_RE = /(?:zip(?:\s?code)?|postal\s?code|post\s?code)\s*[:#]?\s*(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b/iy;
const UK_POSTCODE_RE = /\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b/g;

/** A number token of at most maxLen digits (a trailing letter, as in "221B", does not count). */
const isNum = (t: WordToken | undefined, maxLen = 5) => t !== undefined && t.kind === 'num'
  && t.text.length - (t.text.charCodeAt(t.text.length - 1) > 57 ? 1 : 0) <= maxLen;
const sameLine = (a: WordToken | undefined, b: WordToken | undefined) => a !== undefined && b !== undefined && !b.newline;

export function findStreetAddresses(text: string, tokens: WordToken[], out: PiiEntity[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.kind !== 'word') continue;
    let startIdx = -1;
    let endIdx = -1;
    if ((t.tags & TAG.streetSuffix) !== 0 && i > 0) {
      // Walk back over up to three words on this line; a house number makes lower case acceptable.
      let j = i - 1;
      let words = 0;
      while (j >= 0 && words < 3 && tokens[j]?.kind === 'word' && !tokens[j + 1]?.newline) { j--; words++; }
      const hasNumber = isNum(tokens[j]) && !tokens[j + 1]?.newline;
      const nameWords = tokens.slice(j + 1, i);
      if (words === 0) continue;
      if (hasNumber) startIdx = j;
      else if (nameWords.every((w) => w.cap) && t.cap) startIdx = j + 1;
      else continue;
      endIdx = i + (tokens[i + 1]?.text === '.' && t.text.length <= 4 ? 1 : 0);
    } else if (t.text.length > 5 && hasStreetEnding(t.lower)) {
      const next = tokens[i + 1];
      if (!isNum(next) || next?.newline) continue;
      startIdx = i;
      while (startIdx > 0 && tokens[startIdx - 1]?.kind === 'word' && tokens[startIdx - 1]?.cap === true && !tokens[startIdx]?.newline && i - startIdx < 2) startIdx--;
      if (isNum(tokens[startIdx - 1]) && !tokens[startIdx]?.newline) startIdx--;
      endIdx = i + 1;
    } else if ((t.tags & TAG.streetTypeBefore) !== 0) {
      let j = i + 1;
      if (tokens[j]?.text === '.') j++;
      let words = 0;
      while (j < tokens.length && words < 4 && tokens[j]?.kind === 'word' && !tokens[j]?.newline
        && (tokens[j]?.cap === true || ['de', 'del', 'della', 'di', 'da', 'do', 'des', 'du', 'la', 'le', 'los', 'las'].includes(tokens[j]?.lower ?? ''))) { j++; words++; }
      if (words === 0 || tokens[j - 1]?.cap !== true) continue;
      const numberBefore = isNum(tokens[i - 1]) && !t.newline;
      const numberAfter = isNum(tokens[j]) && !tokens[j]?.newline;
      if (!numberBefore && !numberAfter && !t.cap && t.lower !== 'rue') continue;
      startIdx = numberBefore ? i - 1 : i;
      endIdx = numberAfter ? j : j - 1;
    }
    if (startIdx < 0 || endIdx < 0) continue;
    // A number right after the street ("Nassaustraat 123", "Rd 5") belongs to it.
    if (isNum(tokens[endIdx + 1]) && sameLine(tokens[endIdx], tokens[endIdx + 1]) && tokens[endIdx + 2]?.text !== ':') endIdx++;
    // A leading building number before the house number ("19 1755 Nelson Mandela Drive").
    if (isNum(tokens[startIdx]) && isNum(tokens[startIdx - 1]) && !tokens[startIdx]?.newline) startIdx--;
    const s = tokens[startIdx];
    const e = tokens[endIdx];
    if (s && e) out.push({ type: 'ADDRESS', start: s.start, end: e.end, score: 0.75 });
  }
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const unit = (t.tags & TAG.unit) !== 0;
    if (!unit && t.lower !== 'p' && t.lower !== 'po' && (t.tags & TAG.zip) === 0) continue;
    const before = t.start > 0 ? text.charCodeAt(t.start - 1) | 32 : 32;
    if (before >= 97 && before <= 122) continue; // glued to a preceding ASCII letter
    if (unit) {
      const m = matchAt(UNIT_RE, text, t.start);
      if (m) out.push({ type: 'ADDRESS', start: t.start, end: t.start + m[0].length, score: 0.7 });
    } else if (t.lower === 'p' || t.lower === 'po') {
      const m = matchAt(PO_BOX_RE, text, t.start);
      if (m) out.push({ type: 'ADDRESS', start: t.start, end: t.start + m[0].length, score: 0.7 });
    } else if ((t.tags & TAG.zip) !== 0) {
      const m = matchAt(ZIP_CUE_RE, text, t.start);
      const v = m?.[1];
      if (m && v) {
        const start = t.start + m[0].length - v.length;
        out.push({ type: 'ADDRESS', start, end: start + v.length, score: 0.8 });
      }
    }
  }
  for (const m of STATE_ZIP_HINT.test(text) ? allMatches(STATE_ZIP_RE, text) : []) {
    if (/^(?:AM|PM|ID|OK|IN|OR|ME|OH|HI|TO|IT|IS|AT|ON|NO|US|UK|EU|UN)\b/.test(m[0]) && !/,\s?$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    out.push({ type: 'ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.7 });
  }
  for (const m of allMatches(UK_POSTCODE_RE, text)) out.push({ type: 'ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.6 });
}

/** Index of the token starting exactly at `offset`, or -1 (binary search; tokens are in order). */
function tokenAt(tokens: WordToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = (tokens[mid] as WordToken).start;
    if (s === offset) return mid;
    if (s < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Numbers that join a name into an address: a house number after or before a capitalised name on
 * the same line, and a 4-6 digit postal code after a place or street ("Denmark 15838").
 */
export function attachNumbers(text: string, tokens: WordToken[], entities: PiiEntity[]): void {
  const added: PiiEntity[] = [];
  for (const e of entities) {
    if (e.type !== 'LOCATION' && e.type !== 'PERSON' && e.type !== 'ADDRESS' && e.type !== 'ORGANIZATION') continue;
    const firstIdx = tokenAt(tokens, e.start);
    if (firstIdx < 0) continue;
    let lastIdx = firstIdx;
    while (lastIdx + 1 < tokens.length && (tokens[lastIdx + 1]?.end ?? Infinity) <= e.end) lastIdx++;
    const after = tokens[lastIdx + 1];
    const afterAfter = tokens[lastIdx + 2];
    let grow = false;
    if (isNum(after, 6) && !after?.newline && !(afterAfter && !afterAfter.newline && (afterAfter.kind === 'num' || afterAfter.text === ':' || afterAfter.text === '%'))) {
      const digits = after?.text.replace(/\D/g, '').length ?? 0;
      if (e.type === 'ADDRESS' || e.type === 'LOCATION' || digits <= 4) grow = true;
    }
    const before = tokens[firstIdx - 1];
    const beforeNum = isNum(before, 5) && !tokens[firstIdx]?.newline;
    const lineOpensWithNumber = beforeNum && (grow || firstIdx < 2 || tokens[firstIdx - 1]?.newline || tokens[firstIdx - 2]?.kind !== 'word');
    if (!grow && !lineOpensWithNumber) continue;
    let start = e.start;
    if (lineOpensWithNumber && before) {
      start = before.start;
      const b2 = tokens[firstIdx - 2];
      if (isNum(b2, 5) && !before.newline) start = b2?.start ?? start;
    }
    const end = grow && after ? after.end : e.end;
    added.push({ type: 'ADDRESS', start, end, score: Math.max(0.7, (e.score ?? 0) + 0.05) });
  }
  entities.push(...added);
  void text;
}

const ADDRESS_CUE_RE = /(?:address(?:es)?(?:\s+(?:is|was|to|with))?|lives?\s+(?:at|on)|lived\s+(?:at|on|in)|located\s+at|return(?:ed)?\s+(?:it\s+)?to|ship(?:ped)?\s+(?:it\s+)?to|send\s+(?:it\s+)?to|deliver(?:ed)?\s+(?:it\s+)?to|moved\s+to|resides?\s+at|stay(?:ing)?\s+at)\s*[:-]?\s*/iy;

/**
 * After an address cue ("my address is", "lives at", "ship to"), a run that opens with a house
 * number is an address until a lower-case common word or a sentence end: "46 velký průhon 426,
 * opocnice", "98 árpád fejedelem útja 45.\n apt. 614\n pomáz".
 */
export function findCuedAddresses(text: string, tokens: WordToken[], out: PiiEntity[], isCommonWord: (lower: string) => boolean): void {
  for (let k = 0; k < tokens.length; k++) {
    const head = tokens[k] as WordToken;
    if (head.kind !== 'word' || (head.tags & TAG.addressCue) === 0) continue;
    const m = matchAt(ADDRESS_CUE_RE, text, head.start);
    if (!m) continue;
    let i = tokenAt(tokens, head.start + m[0].length);
    if (i < 0 || !isNum(tokens[i])) continue;
    const startTok = tokens[i];
    let last = i;
    let words = 0;
    for (i = i + 1; i < tokens.length && i - last <= 2 && words < 14; i++) {
      const t = tokens[i];
      if (!t) break;
      if (t.kind === 'num') { last = i; continue; }
      if (t.kind === 'punct') {
        if (t.text === ',' || t.text === '(' || t.text === ')') continue;
        if (t.text === '.' && tokens[i + 1] !== undefined && !tokens[i + 1]?.newline && /^\p{Lu}/u.test(tokens[i + 1]?.text ?? '') && words > 0 && tokens[i - 1]?.kind !== 'word') break;
        if (t.text === '.' || t.text === '-') continue;
        break;
      }
      const lowerCommon = /^\p{Ll}/u.test(t.text) && isCommonWord(t.lower) && (t.tags & TAG.streetSuffix) === 0 && !/^(?:apt|suite|unit|flat)$/.test(t.lower);
      if (lowerCommon) break;
      last = i;
      words++;
    }
    const endTok = tokens[last];
    if (startTok && endTok && words > 0) out.push({ type: 'ADDRESS', start: startTok.start, end: endTok.end, score: 0.72 });
  }
}
