import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from './keys.js';

export const SESSION_COOKIE = 'argus_session';

const payloadSchema = z.object({ n: z.string(), r: z.string(), exp: z.number().int() }).strict();

/**
 * Dashboard sessions: a cookie `<payload>.<mac>` where payload is base64url JSON {n: key name,
 * r: role, exp: expiry ms} and mac is HMAC-SHA256(secret, payload) in base64url. Stateless, so a
 * restart with the same secret keeps users logged in; removing a key from the config ends its
 * sessions (the name must still resolve to the same role).
 */
export function createSessions(secret: string, ttlMs: number) {
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    ttlMs,
    issue(p: Principal, nowMs: number): string {
      const payload = Buffer.from(JSON.stringify({ n: p.name, r: p.role, exp: nowMs + ttlMs })).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    /** The session's {name, role} if the cookie is ours, untampered and unexpired. */
    read(cookie: string, nowMs: number): { name: string; role: string } | undefined {
      const dot = cookie.indexOf('.');
      if (dot <= 0) return undefined;
      const payload = cookie.slice(0, dot);
      const given = Buffer.from(cookie.slice(dot + 1));
      const want = Buffer.from(mac(payload));
      if (given.length !== want.length || !timingSafeEqual(given, want)) return undefined;
      let parsed;
      try { parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))); } catch { return undefined; }
      if (!parsed.success || parsed.data.exp <= nowMs) return undefined;
      return { name: parsed.data.n, role: parsed.data.r };
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
