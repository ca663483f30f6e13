import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requiredAccess, roleAllows, ROLES, type AccessPolicy, type Role } from '../../core/auth/access.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { Keyring, Principal } from './keys.js';
import { cookieValue, SESSION_COOKIE, type Sessions } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, when auth is on and they proved it; undefined otherwise. */
    principal: Principal | undefined;
  }
}

export interface AuthGuard {
  keyring: Keyring;
  sessions: Sessions;
  policy: AccessPolicy;
  clock: Clock;
  /** `always` marks the session cookie Secure even when Argus itself sees plain http (TLS ends at a proxy). */
  secureCookie: 'auto' | 'always';
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** The principal behind a request: a Bearer key first, else a session cookie whose key still exists with the same role. */
export function identify(g: AuthGuard, request: FastifyRequest): Principal | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? g.keyring.verify(m[1]!) : undefined;
  }
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
  const s = cookie === undefined ? undefined : g.sessions.read(cookie, g.clock.now());
  if (!s || !isRole(s.role)) return undefined;
  const p = g.keyring.byName(s.name);
  return p && p.role === s.role ? p : undefined;
}

const wantsHtml = (request: FastifyRequest) => request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');

/**
 * Checks every request before routing (onRequest), so routes registered by other modules are
 * covered without knowing about auth: 401 with no valid key or session, 403 when the role is too
 * low. A browser asking for a dashboard page without a session is sent to /login instead.
 */
export function installAuthHook(app: FastifyInstance, g: AuthGuard): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const [path = '/', query = ''] = request.url.split('?', 2);
    const rawText = /(^|&)redact=false(&|$)/.test(query);
    // Routing has already run: judge the matched route pattern (e.g. /api/v1/alerts/:id/ack), so
    // percent-encoding or odd spellings of a path cannot land in a weaker rule than its route.
    const pattern = request.routeOptions.url;
    const need = requiredAccess(request.method, pattern && pattern !== '/*' ? pattern : path, g.policy, rawText);
    // Public routes (the gateway among them) skip identify(): a gateway request carries the upstream
    // model's Bearer key, which would be hashed and compared with every configured key for nothing.
    // No public route reads request.principal.
    if (need === 'public') return;
    const principal = identify(g, request);
    request.principal = principal;
    if (!principal) {
      if (wantsHtml(request) && !path.startsWith('/api/')) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      throw new ArgusError('ARGUS_ERR_UNAUTHORIZED', request.headers.authorization !== undefined
        ? 'the API key is not valid'
        : 'this endpoint needs an API key (Authorization: Bearer <key>) or a dashboard login');
    }
    if (!roleAllows(principal.role, need)) {
      throw new ArgusError('ARGUS_ERR_FORBIDDEN', `${request.method} ${path} needs the ${need} role; key '${principal.name}' has ${principal.role}`, { details: { need, role: principal.role } });
    }
  });
}

/** The name to record as the actor of a change: the authenticated key's, else what the body says. */
export function actorOf(request: FastifyRequest, fallback: string): string {
  return request.principal?.name ?? fallback;
}
