import { invalidInput } from '../errors.js';

export interface TokenBucket {
  capacity: number;
  refillPerMs: number;
  tokens: number;
  lastMs: number;
}

/**
 * Token bucket (Turner 1986; as in RFC 2697's committed burst): a bucket of `burst` tokens
 * refilled at r = requestsPerMinute / 60000 per ms; a request takes one token or waits.
 * tokens(t) = min(burst, tokens(t0) + r·(t − t0)); when tokens < 1 the wait is (1 − tokens) / r.
 *
 * Example: 60 per minute, burst 2, at t = 0 two requests pass, the third is told to retry after
 * 1000 ms; at t = 500 ms one is still refused with 500 ms to wait.
 */
export function createTokenBucket(requestsPerMinute: number, burst: number, nowMs: number): TokenBucket {
  if (!(requestsPerMinute > 0)) throw invalidInput(`requestsPerMinute must be > 0, got ${requestsPerMinute}`);
  if (!(burst >= 1)) throw invalidInput(`burst must be >= 1, got ${burst}`);
  return { capacity: burst, refillPerMs: requestsPerMinute / 60_000, tokens: burst, lastMs: nowMs };
}

/** Takes a token if there is one; otherwise says how long until there will be. Mutates the bucket. */
export function takeToken(b: TokenBucket, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
  const elapsed = Math.max(0, nowMs - b.lastMs);
  b.tokens = Math.min(b.capacity, b.tokens + elapsed * b.refillPerMs);
  b.lastMs = Math.max(b.lastMs, nowMs);
  if (b.tokens >= 1) { b.tokens -= 1; return { ok: true }; }
  return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) / b.refillPerMs) };
}
