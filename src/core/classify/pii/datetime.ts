import type { Recognizer } from './patterns.js';

/**
 * Dates, times and ages. Only forms that name a specific day or moment are DATE_TIME (an ISO
 * timestamp, 12/27/1986, "March 29, 2017", "29 March 2017", 14:48); a bare month or weekday is not.
 * AGE needs an age cue ("42 years old", "aged 42", "age: 42").
 */
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_RES: RegExp[] = [
  /\b\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g,
  /\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:19|20)?\d{2}\b/g,
  new RegExp(`\\b${MONTH}\\s+(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?\\b`, 'gi'),
  new RegExp(`\\b(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(?:19|20)\\d{2})?\\b`, 'gi'),
  new RegExp(`\\b${MONTH}\\s+(?:19|20)\\d{2}\\b`, 'gi'),
  /\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s?(?:[ap]\.?m\.?)?(?![\d:])/gi,
];

export const findDates: Recognizer = (text, out) => {
  if (!/\d/.test(text)) return;
  for (const re of DATE_RES) {
    for (const m of text.matchAll(re)) {
      // "may 5" needs a capital May, or "may" is the verb.
      if (/^may\b/.test(m[0])) continue;
      out.push({ type: 'DATE_TIME', start: m.index, end: m.index + m[0].length, score: 0.75 });
    }
  }
};

const AGE_RES: RegExp[] = [
  /\b(\d{1,3})[- ](?:years?|yrs?)[- ]old\b/gi,
  /\b(?:aged|age[d:]?\s*(?:is|of)?)\s*:?\s*(\d{1,3})\b/gi,
  /\bI(?:'m| am)\s+(\d{1,2})\b(?!\s*(?:%|percent|minutes|hours|days|weeks|months|[a-z]*s\b))/g,
];

export const findAges: Recognizer = (text, out) => {
  if (!/\d/.test(text)) return;
  for (const re of AGE_RES) {
    for (const m of text.matchAll(re)) {
      const age = m[1] ?? '';
      if (Number(age) > 120) continue;
      out.push({ type: 'AGE', start: m.index, end: m.index + m[0].length, score: 0.7 });
    }
  }
};
