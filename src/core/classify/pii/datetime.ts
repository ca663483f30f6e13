import type { PiiEntity } from '../types.js';
import { allMatches, matchAt, type WordToken } from './tokens.js';
import { TAG } from './word-tags.js';

/**
 * Dates, times and ages. Only forms that name a specific day or moment are DATE_TIME (an ISO
 * timestamp, 12/27/1986, "March 29, 2017", "29 March 2017", 14:48); a bare month or weekday is not.
 * AGE needs an age cue ("42 years old", "aged 42", "age: 42").
 */
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_RES: RegExp[] = [
  /\b\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g,
  /\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:19|20)?\d{2}\b/g,
  /\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:[ap]m\b|[ap]\.m\.))?(?![\d:])/gi,
];
/** Run only where a month name is, found from the token stream (cheaper than scanning the text). */
const MONTH_FIRST_RE = new RegExp(`${MONTH}\\s+(?:(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?|(?:19|20)\\d{2})\\b`, 'iy');
const DAY_FIRST_RE = new RegExp(`(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(?:19|20)\\d{2})?\\b`, 'iy');

export function findDates(text: string, tokens: WordToken[], out: PiiEntity[]): void {
  if (!/\d/.test(text)) return;
  for (const re of DATE_RES) {
    for (const m of allMatches(re, text)) out.push({ type: 'DATE_TIME', start: m.index, end: m.index + m[0].length, score: 0.75 });
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as WordToken;
    if (t.kind !== 'word' || (t.tags & TAG.month) === 0) continue;
    // "may 5" needs a capital May, or "may" is the verb.
    if (t.text === 'may') continue;
    const m = matchAt(MONTH_FIRST_RE, text, t.start);
    if (m) out.push({ type: 'DATE_TIME', start: t.start, end: t.start + m[0].length, score: 0.75 });
    const dayIdx = tokens[i - 1]?.lower === 'of' ? i - 2 : i - 1;
    const day = tokens[dayIdx];
    const dayStart = day?.kind === 'num' ? day.start : day?.kind === 'word' && tokens[dayIdx - 1]?.kind === 'num' ? tokens[dayIdx - 1]?.start : undefined;
    if (dayStart !== undefined) {
      const d = matchAt(DAY_FIRST_RE, text, dayStart);
      if (d) out.push({ type: 'DATE_TIME', start: dayStart, end: dayStart + d[0].length, score: 0.75 });
    }
  }
}

const AGE_YEARS_RE = /(\d{1,3})[- ](?:years?|yrs?)[- ]old\b/iy;
const AGE_CUE_RE = /(?:aged|age[d:]?\s*(?:is|of)?)\s*:?\s*(\d{1,3})\b/iy;
const AGE_SELF_RE = /I(?:'m| am)\s+(\d{1,2})\b(?!\s*(?:%|percent|minutes|hours|days|weeks|months|[a-z]*s\b))/y;

export function findAges(text: string, tokens: WordToken[], out: PiiEntity[]): void {
  if (!/\d/.test(text)) return;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as WordToken;
    let m: RegExpExecArray | null = null;
    if (t.kind === 'num') {
      const unit = tokens[i + 1]?.lower ?? '';
      if (unit.startsWith('y') || unit === '-') m = matchAt(AGE_YEARS_RE, text, t.start);
    }
    else if (t.lower === 'age' || t.lower === 'aged') m = matchAt(AGE_CUE_RE, text, t.start);
    else if (t.text === 'I' || t.text === "I'm") m = matchAt(AGE_SELF_RE, text, t.start);
    if (m && Number(m[1]) <= 120) out.push({ type: 'AGE', start: t.start, end: t.start + m[0].length, score: 0.7 });
  }
}
