import type { AlertTransition } from '../../contracts/notify.js';

/** The one-line title every receiver shows. */
export function alertTitle(t: AlertTransition): string {
  const head = t.state === 'firing' ? `[${t.severity.toUpperCase()}]` : '[RESOLVED]';
  return `${head} ${t.deployment}: ${t.metric}`;
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();

export function jsonRequest(url: string, body: unknown, headers: Record<string, string> = {}) {
  return { url, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
