import type { PiiEntity } from '../types.js';
import type { Recognizer } from './patterns.js';
import { allMatches, matchAt, type WordToken } from './tokens.js';
import { shannonEntropyBits } from './validators.js';
import { TAG } from './word-tags.js';

/**
 * Credentials and code. Known key formats (vendor prefixes documented by each vendor and used by
 * secret scanners such as gitleaks) are CREDENTIAL with a high score; other long tokens count as
 * CREDENTIAL only when their Shannon entropy is high (see shannonEntropyBits) and they mix letters
 * and digits. Fenced and indented code blocks are CODE spans, kept alongside what they contain.
 */
/** [pattern, score, a substring every match contains (a cheap pre-check)]. */
const KNOWN_KEYS: Array<[RegExp, number, string[]]> = [
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g, 0.95, ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA']], // AWS access key id
  [/\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, 0.95, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']], // GitHub tokens
  [/\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g, 0.95, ['github_pat_']], // GitHub fine-grained token
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, 0.95, ['xox']], // Slack
  [/\bsk-(?:proj-|svcacct-|ant-)?[A-Za-z0-9_-]{20,}/g, 0.9, ['sk-']], // OpenAI / Anthropic style
  [/\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g, 0.95, ['k_live_', 'k_test_']], // Stripe
  [/\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, 0.95, ['AIza']], // Google API key
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 0.9, ['eyJ']], // JWT
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, 0.99, ['PRIVATE KEY']],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, 0.95, ['npm_']], // npm token
  [/\bglpat-[A-Za-z0-9_-]{20}\b/g, 0.95, ['glpat-']], // GitLab
  [/\bhf_[A-Za-z]{34}\b/g, 0.9, ['hf_']], // Hugging Face
];

const ASSIGNMENT_RE = /(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|token)\b["']?\s*[:=]\s*["']?([^\s"',;]{6,})/iy;

export interface EntropyOptions {
  /** Shortest token considered, in characters (default 20). */
  minLength: number;
  /** Least entropy, in bits per character (default 3.5). */
  minBitsPerChar: number;
}

export const DEFAULT_ENTROPY: EntropyOptions = { minLength: 20, minBitsPerChar: 3.5 };

export function findCredentials(text: string, tokens: WordToken[], out: PiiEntity[], entropy: EntropyOptions = DEFAULT_ENTROPY): void {
  for (const [re, score, hint] of KNOWN_KEYS) {
    if (!hint.some((h) => text.includes(h))) continue;
    for (const m of allMatches(re, text)) out.push({ type: 'CREDENTIAL', start: m.index, end: m.index + m[0].length, score });
  }
  for (const t of tokens) {
    if (t.kind !== 'word' || (t.tags & TAG.assignmentHead) === 0 || /[A-Za-z0-9]/.test(text[t.start - 1] ?? ' ')) continue;
    const m = matchAt(ASSIGNMENT_RE, text, t.start);
    if (!m) continue;
    const value = m[1] ?? '';
    const start = t.start + m[0].length - value.length;
    if (/^[a-z_]+\(|^(?:null|none|true|false|undefined|\*+|x+|\.\.\.|<.*>|\$\{?\w+\}?)$/i.test(value)) continue;
    out.push({ type: 'CREDENTIAL', start, end: start + value.length, score: 0.7 });
  }
  for (const [start0, end0] of longRuns(text, entropy.minLength)) {
    const raw = text.slice(start0, end0);
    const value = raw.replace(/^[-_=/+]+|[-_/+=]+$/g, '');
    if (value.length < entropy.minLength) continue;
    if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) continue;
    if (/^[a-z]+(?:[-_][a-z0-9]+)+$/.test(value)) continue; // kebab or snake identifiers
    if (shannonEntropyBits(value) < entropy.minBitsPerChar) continue;
    const start = start0 + raw.indexOf(value);
    out.push({ type: 'CREDENTIAL', start, end: start + value.length, score: 0.6 });
  }
}

/** [start, end) of runs of token characters (A-Z a-z 0-9 + / _ -, then up to two '=') at least minLength long. */
function longRuns(text: string, minLength: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const tokenChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 95 || c === 45;
    if (tokenChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++; // base64 padding
      if (i - start >= minLength) runs.push([start, end]);
      start = -1;
    }
  }
  return runs;
}

const FENCE_RE = /^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n[ \t]*\2[`~]*[ \t]*(?=\n|$)|$(?![\s\S]))/gm;
const INDENTED_RE = /(?:^|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*(?:\n|$))+)/g;

export const findCodeBlocks: Recognizer = (text, out) => {
  const fenced: Array<[number, number]> = [];
  for (const m of allMatches(FENCE_RE, text)) {
    const start = m.index + (m[1]?.length ?? 0);
    fenced.push([start, m.index + m[0].length]);
    out.push({ type: 'CODE', start, end: m.index + m[0].length, score: 1 });
  }
  if (!text.includes('    ') && !text.includes('\t')) return;
  for (const m of allMatches(INDENTED_RE, text)) {
    const block = (m[1] ?? '').replace(/\n$/, '');
    const start = m.index + m[0].length - (m[1] ?? '').length;
    const end = start + block.length;
    if (fenced.some(([s, e]) => start < e && end > s)) continue;
    if (/^\s*(?:[-*+]|\d+[.)])\s/.test(block)) continue; // an indented list item, not code
    out.push({ type: 'CODE', start, end, score: 0.8 });
  }
};
