/**
 * Retry delay with exponential backoff and "equal jitter" (AWS Architecture Blog, "Exponential
 * Backoff and Jitter", 2015): cap = min(maxMs, baseMs · 2^(attempt − 1)); delay = cap/2 + u · cap/2
 * with u uniform in [0, 1). Half the wait is guaranteed (a down receiver is not hammered), half is
 * random (many alerts queued behind one outage do not retry in lock-step).
 *
 * Example: base 1 s, max 5 min, attempt 3, u = 0.5 -> cap 4 s, delay 3 s.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, u: number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + u * (cap / 2));
}
