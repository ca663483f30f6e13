import { ArgusError } from '../core/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a request body as strict UTF-8 JSON; every failure names what is wrong. */
export function parseJsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new ArgusError('ARGUS_ERR_INVALID_BODY', 'the request body is empty; send a JSON object');
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ArgusError('ARGUS_ERR_INVALID_BODY', `the request body is not valid UTF-8 (first bad byte near offset ${firstInvalidUtf8(body)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_BODY', `the request body is not valid JSON: ${(err as Error).message}`);
  }
}

function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try { utf8.decode(buf.subarray(0, mid)); lo = mid; } catch { hi = mid; }
  }
  return lo;
}

export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
