import { invalidInput } from '../../errors.js';
import type { PiiEntity } from '../types.js';

export type RedactionStyle = 'type' | 'mask' | 'hash';

export interface RedactOptions {
  /** 'type' writes "<EMAIL_ADDRESS>"; 'mask' writes one "*" per character (code point); 'hash' writes "<EMAIL_ADDRESS_1a2b3c4d>". */
  style?: RedactionStyle;
  /** Types left as they are (default: CODE, so code stays readable while the secrets in it go). */
  keepTypes?: readonly string[];
  /**
   * Digest used by the 'hash' style. The default, FNV-1a 32-bit, links equal values within a
   * corpus but is not a secret: anyone can hash a guess. Pass a keyed digest (an HMAC) when the
   * redacted text leaves your control.
   */
  hash?: (value: string) => string;
}

/**
 * FNV-1a, 32 bits, over UTF-16 code units: h = 2166136261; for each unit h = (h XOR unit) * 16777619 mod 2^32.
 * Worked example: fnv1a32('a') = 'e40c292c'. Reference: Fowler, Noll, Vo, IETF draft-eastlake-fnv.
 */
export function fnv1a32(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Replaces each entity's text. Entities may come in any order and may overlap: overlapping spans
 * are redacted as one, labelled by the first (earliest, then longest) of them. Offsets are UTF-16,
 * as detectPii returns them, so characters outside the BMP (emoji) before a span do not shift it.
 *
 * Example: redactPii('mail ann@x.io', [{ type: 'EMAIL_ADDRESS', start: 5, end: 13 }]) -> 'mail <EMAIL_ADDRESS>'
 */
export function redactPii(text: string, entities: readonly PiiEntity[], options: RedactOptions = {}): string {
  const style = options.style ?? 'type';
  if (style !== 'type' && style !== 'mask' && style !== 'hash') throw invalidInput(`redactPii: unknown style '${String(style)}'; expected type, mask or hash`);
  const keep = new Set(options.keepTypes ?? ['CODE']);
  const hash = options.hash ?? fnv1a32;
  const spans = entities
    .filter((e) => !keep.has(e.type))
    .map((e) => {
      if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end > text.length || e.start >= e.end) {
        throw invalidInput(`redactPii: entity ${e.type} has offsets [${e.start}, ${e.end}) outside a text of length ${text.length}`);
      }
      return e;
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    const head = spans[i] as PiiEntity;
    let end = head.end;
    let j = i + 1;
    while (j < spans.length && (spans[j] as PiiEntity).start < end) {
      end = Math.max(end, (spans[j] as PiiEntity).end);
      j++;
    }
    const start = Math.max(head.start, pos);
    const value = text.slice(start, end);
    out += text.slice(pos, start);
    if (style === 'type') out += `<${head.type}>`;
    else if (style === 'mask') out += '*'.repeat([...value].length);
    else out += `<${head.type}_${hash(value)}>`;
    pos = end;
    i = j;
  }
  return out + text.slice(pos);
}
