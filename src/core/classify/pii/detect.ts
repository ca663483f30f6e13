import type { PiiEntity } from '../types.js';
import { attachNumbers, findCuedAddresses, findStreetAddresses } from './address.js';
import { getLexicon } from './lexicon.js';
import { findAges, findDates } from './datetime.js';
import { mergeEntities } from './merge.js';
import { findNames } from './ner.js';
import {
  findCards, findDomains, findEmails, findIbans, findIps, findPhones, findSsns, findUrls,
} from './patterns.js';
import { DEFAULT_ENTROPY, findCodeBlocks, findCredentials, type EntropyOptions } from './secrets.js';
import { wordTokens } from './tokens.js';

export interface DetectPiiOptions {
  /** Keep only these entity types (default: all). */
  types?: readonly string[];
  /** Drop entities scored below this (default 0). */
  minScore?: number;
  /** Find PERSON / LOCATION / ORGANIZATION and name-based addresses (default true). */
  names?: boolean;
  /** High-entropy token settings for CREDENTIAL. */
  entropy?: Partial<EntropyOptions>;
}

/**
 * Finds PII and sensitive content in `text`: Presidio type names (EMAIL_ADDRESS, PHONE_NUMBER,
 * CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS, URL, DOMAIN_NAME, ADDRESS, PERSON, LOCATION,
 * ORGANIZATION, DATE_TIME, AGE) plus CREDENTIAL and CODE, with UTF-16 offsets (end exclusive) and
 * a score in 0..1. Overlaps are resolved by mergeEntities; CODE spans may contain other entities.
 *
 * Example: detectPii('Mail ann+x@ex.com') -> [{ type: 'EMAIL_ADDRESS', start: 5, end: 17, score: 0.95 }]
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiEntity[] {
  const found: PiiEntity[] = [];
  const tokens = wordTokens(text);
  findEmails(text, found);
  findUrls(text, tokens, found);
  findDomains(text, found);
  findCards(text, found);
  findIbans(text, found);
  findSsns(text, found);
  findIps(text, found);
  findPhones(text, found);
  findDates(text, tokens, found);
  findAges(text, tokens, found);
  findCredentials(text, tokens, found, { ...DEFAULT_ENTROPY, ...options.entropy });
  findCodeBlocks(text, found);
  if (options.names !== false) {
    const code = found.filter((e) => e.type === 'CODE');
    const names: PiiEntity[] = [];
    findStreetAddresses(text, tokens, names);
    const lex = getLexicon();
    findCuedAddresses(text, tokens, names, (w) => lex.common.has(w) || lex.functionWords.has(w));
    findNames(tokens, names);
    attachNumbers(text, tokens, names);
    // Names inside code are identifiers, not people; patterns inside code still count. A name that
    // overlaps a validated pattern (card, key, email, ...) is a misreading of it.
    const patterns = found.filter((e) => e.type !== 'CODE');
    for (const e of names) {
      if (code.some((c) => e.start >= c.start && e.end <= c.end)) continue;
      if (patterns.some((p) => e.start < p.end && e.end > p.start)) continue;
      found.push(e);
    }
  }
  let merged = mergeEntities(found);
  if (options.types) {
    const keep = new Set(options.types);
    merged = merged.filter((e) => keep.has(e.type));
  }
  const minScore = options.minScore ?? 0;
  return minScore > 0 ? merged.filter((e) => (e.score ?? 0) >= minScore) : merged;
}
