import type { PiiEntity } from '../types.js';
import {
  ibanValid, ipv4Valid, ipv6Valid, looksLikeCardNumber, luhnValid, ssnValid,
} from './validators.js';
import { allMatches, matchAt, type WordToken } from './tokens.js';
import { TAG } from './word-tags.js';

/**
 * Pattern recognisers: each finds candidates with one regex and keeps those a validator accepts.
 * Scores say how sure a match is without context: a checksum-validated card 0.95, a bare
 * 9-digit number next to "SSN" 0.6. Context words raise a score where the pattern alone is weak.
 */
export type Recognizer = (text: string, out: PiiEntity[]) => void;

function push(out: PiiEntity[], type: string, start: number, end: number, score: number): void {
  out.push({ type, start, end, score });
}

/** Whether one of the words appears in the `windowChars` characters before `index`. */
function contextBefore(text: string, index: number, re: RegExp, windowChars = 40): boolean {
  return re.test(text.slice(Math.max(0, index - windowChars), index));
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_AFTER_AT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b/;
/** Scans from each "@": the local part backwards, the domain forwards (cheaper than a regex that starts everywhere). */
export const findEmails: Recognizer = (text, out) => {
  let at = text.indexOf('@');
  while (at > 0) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    while (start < at && !/[A-Za-z0-9]/.test(text[start] ?? '')) start++;
    const domain = DOMAIN_AFTER_AT.exec(text.slice(at + 1, at + 256));
    if (start < at && domain) push(out, 'EMAIL_ADDRESS', start, at + 1 + domain[0].length, 0.95);
    at = text.indexOf('@', at + 1);
  }
};

const URL_RE = /(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/iy;
const TRAILING_PUNCT = /[.,;:!?)\]}>'"]+$/;
/** URLs start at an http, https, ftp or www token; the regex runs only there. */
export function findUrls(text: string, tokens: WordToken[], out: PiiEntity[]): void {
  for (const t of tokens) {
    if (t.kind !== 'word' || (t.tags & TAG.urlHead) === 0 || /[\w./-]/.test(text[t.start - 1] ?? ' ')) continue;
    const m = matchAt(URL_RE, text, t.start);
    if (!m) continue;
    const value = m[0].replace(TRAILING_PUNCT, (p) => (m[0].includes('(') && p.startsWith(')') ? p.slice(1) : ''));
    if (value.length > 7) push(out, 'URL', t.start, t.start + value.length, 0.9);
  }
}

/** Generic and common country TLDs; file extensions that are also ccTLDs (md, py, sh, rs, js) are left out. */
const TLDS = 'com|org|net|edu|gov|mil|int|io|co|ai|app|dev|info|biz|me|tv|cc|xyz|online|site|tech|cloud|shop|uk|us|ca|au|nz|ie|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|sk|hu|ro|bg|gr|pt|ru|ua|tr|il|in|jp|cn|kr|tw|hk|sg|my|th|vn|id|ph|br|ar|mx|cl|za|ng|ke|eg|is|lt|lv|ee|si|hr|rs|lu';
const TLD_SET = new Set(TLDS.split('|'));
const HOST_CHAR = /[A-Za-z0-9.-]/;
/** From each "." that has a letter before and after, grow the host name both ways and check its TLD. */
export const findDomains: Recognizer = (text, out) => {
  let dot = text.indexOf('.');
  let lastEnd = -1;
  while (dot >= 0) {
    if (dot > lastEnd && /[A-Za-z0-9]/.test(text[dot - 1] ?? '') && /[A-Za-z]/.test(text[dot + 1] ?? '')) {
      let start = dot;
      while (start > 0 && HOST_CHAR.test(text[start - 1] ?? '')) start--;
      let end = dot + 1;
      while (end < text.length && HOST_CHAR.test(text[end] ?? '')) end++;
      while (end > dot && /[.-]/.test(text[end - 1] ?? '')) end--;
      while (start < dot && /[.-]/.test(text[start] ?? '')) start++;
      lastEnd = end;
      const before = text[start - 1] ?? ' ';
      const after = text[end] ?? ' ';
      const labels = text.slice(start, end).split('.');
      const ok = !/[@\w/]/.test(before) && !/[\w@]/.test(after) && labels.length >= 2
        && TLD_SET.has(labels[labels.length - 1] ?? '') && /[A-Za-z]/.test(labels[0] ?? '')
        && labels.every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-'));
      if (ok) push(out, 'DOMAIN_NAME', start, end, 0.6);
    }
    dot = text.indexOf('.', dot + 1);
  }
};

const CARD_RE = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
export const findCards: Recognizer = (text, out) => {
  for (const m of allMatches(CARD_RE, text)) {
    const digits = m[0].replace(/[ -]/g, '');
    const groups = m[0].split(/[ -]/);
    // Separators, when present, must fall on the usual 4-digit (or Amex 4-6-5) boundaries.
    if (groups.length > 1 && !groups.slice(0, -1).every((g) => g.length === 4 || g.length === 6)) continue;
    if (looksLikeCardNumber(digits) && luhnValid(digits)) push(out, 'CREDIT_CARD', m.index, m.index + m[0].length, 0.95);
  }
};

const IBAN_RE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
export const findIbans: Recognizer = (text, out) => {
  if (!/[A-Z]{2}\d{2}/.test(text)) return;
  for (const m of allMatches(IBAN_RE, text)) {
    // Trailing upper-case words can glue onto the match; drop groups from the end until it validates.
    let value = m[0];
    while (value.length >= 15 && !ibanValid(value)) value = value.replace(/ ?[A-Z0-9]{1,4}$/, '');
    if (value.length >= 15 && ibanValid(value)) push(out, 'IBAN_CODE', m.index, m.index + value.length, 0.95);
  }
};

const SSN_RE = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g;
const SSN_BARE_RE = /(?<!\d)(\d{3})(\d{2})(\d{4})(?!\d)/g;
const SSN_CONTEXT = /\b(ssn|social security|ss#|social sec)/i;
export const findSsns: Recognizer = (text, out) => {
  for (const m of allMatches(SSN_RE, text)) {
    if (!ssnValid(m[1] ?? '', m[3] ?? '', m[4] ?? '')) continue;
    const ctx = contextBefore(text, m.index, SSN_CONTEXT, 60);
    if (m[2] === ' ' && !ctx) continue;
    push(out, 'US_SSN', m.index, m.index + m[0].length, ctx ? 0.95 : 0.75);
  }
  for (const m of allMatches(SSN_BARE_RE, text)) {
    if (ssnValid(m[1] ?? '', m[2] ?? '', m[3] ?? '') && contextBefore(text, m.index, SSN_CONTEXT, 60)) {
      push(out, 'US_SSN', m.index, m.index + m[0].length, 0.6);
    }
  }
};

const IPV4_RE = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g;
const IPV6_RE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;
export const findIps: Recognizer = (text, out) => {
  if (!text.includes(':') && !/\d\.\d/.test(text)) return;
  for (const m of allMatches(IPV4_RE, text)) {
    if (ipv4Valid(m[0])) push(out, 'IP_ADDRESS', m.index, m.index + m[0].length, 0.9);
  }
  if (!text.includes('::') && text.split(':').length < 8) return;
  for (const m of allMatches(IPV6_RE, text)) {
    const v = m[0];
    if (v.includes('::') || v.split(':').length >= 8) {
      if (ipv6Valid(v) && /[0-9a-fA-F]/.test(v)) push(out, 'IP_ADDRESS', m.index, m.index + v.length, 0.9);
    }
  }
};

const PHONE_RE = /(?<![\w+/.-])(?:(?:\+|00)\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{2,8}){1,5}(?:\s?(?:x|ext\.?|#)\s?\d{1,6})?(?![\w/-]|\.\d)/gi;
const PHONE_CONTIGUOUS_RE = /(?<![\w+/.-])(\+)?\d{8,15}(?![\w/-]|\.\d)/g;
const PHONE_CONTEXT = /\b(call|phone|tel|telephone|mobile|cell|fax|office|desk|contact|reach|text|whatsapp|sms|number|dial)\b/i;
export const findPhones: Recognizer = (text, out) => {
  for (const m of allMatches(PHONE_RE, text)) {
    const value = m[0];
    const digits = value.replace(/(?:x|ext\.?|#)\s?\d+$/i, '').replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(value) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(value)) continue; // a date
    const separators = value.match(/[\s.-]/g)?.length ?? 0;
    const intl = /^(\+|00)/.test(value) || value.includes('(');
    const ctx = contextBefore(text, m.index, PHONE_CONTEXT, 50) || PHONE_CONTEXT.test(text.slice(m.index + value.length, m.index + value.length + 20));
    if (!intl && !ctx && separators < 2) continue;
    const groups = value.split(/[\s.-]+/);
    if (groups.every((g) => /^(?:19|20)\d\d$/.test(g))) continue; // a list of years
    push(out, 'PHONE_NUMBER', m.index, m.index + value.length, intl || ctx ? 0.8 : 0.55);
  }
  // Unbroken digits: a phone when written with "+", or with a phone word nearby and 10-13 digits.
  for (const m of allMatches(PHONE_CONTIGUOUS_RE, text)) {
    const plus = m[1] === '+';
    const digits = m[0].length - (plus ? 1 : 0);
    if (plus || (digits >= 10 && digits <= 13 && contextBefore(text, m.index, PHONE_CONTEXT, 30))) {
      push(out, 'PHONE_NUMBER', m.index, m.index + m[0].length, plus ? 0.7 : 0.6);
    }
  }
};
