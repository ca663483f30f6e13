import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'trailers',
  'transfer-encoding', 'upgrade', 'host', 'content-length',
]);

/** Client headers to send upstream: all but hop-by-hop and Argus's own; the key is replaced when Argus holds one. */
export function requestHeadersForUpstream(h: IncomingHttpHeaders, apiKey: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || HOP_BY_HOP.has(k) || k.startsWith('x-argus-')) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  if (apiKey) out.authorization = `Bearer ${apiKey}`;
  return out;
}

/** Upstream response headers to pass to the client; Node sets framing itself. */
export function responseHeadersForClient(h: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || (HOP_BY_HOP.has(k) && k !== 'content-length')) continue;
    out[k] = v;
  }
  return out;
}

export function firstHeader(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}
