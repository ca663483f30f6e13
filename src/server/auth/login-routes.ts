import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthGuard } from './guard.js';
import { SESSION_COOKIE } from './session.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only same-site paths, so the login page cannot be used to bounce a user elsewhere. */
const safeNext = (next: unknown) => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');

const page = (next: string, problem?: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Argus: log in</title></head><body style="font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem">
<main><h1>Argus</h1><p>This Argus needs an API key. Paste a viewer, reviewer or admin key (<code>argus auth create-key</code> mints one).</p>
${problem ? `<p role="alert" id="login-error" style="color:#a00">${esc(problem)}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${esc(next)}">
<label for="key">API key</label><br><input id="key" name="key" type="password" autocomplete="current-password" required style="width:100%;padding:.4rem;margin:.3rem 0 1rem">
<button type="submit">Log in</button></form></main></body></html>`;

function formOf(request: FastifyRequest): Record<string, string> {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    try { const v = JSON.parse(raw) as unknown; return typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {}; } catch { return {}; }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function setCookie(g: AuthGuard, reply: FastifyReply, request: FastifyRequest, value: string, maxAgeSeconds: number): void {
  const secure = g.secureCookie === 'always' || request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`);
}

/**
 * GET /login (a plain form, works without JavaScript), POST /login (key -> signed session cookie,
 * HttpOnly, SameSite=Strict, Secure over https), POST /logout.
 * Only registered when auth is on.
 */
export function registerLoginRoutes(app: FastifyInstance, g: AuthGuard): void {
  app.get('/login', async (request, reply) => {
    const next = safeNext((request.query as { next?: unknown }).next);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(next));
  });
  app.post('/login', { bodyLimit: 16_384 }, async (request, reply) => {
    const form = formOf(request);
    const next = safeNext(form.next);
    const principal = form.key ? g.keyring.verify(form.key.trim()) : undefined;
    if (!principal || principal.role === 'ingest') {
      request.log.warn({ audit: 'login_failed' }, 'dashboard login with an unknown or ingest-only key');
      return reply.status(401).type('text/html; charset=utf-8').send(page(next, principal ? 'An ingest key cannot open the dashboard.' : 'That key is not valid.'));
    }
    setCookie(g, reply, request, g.sessions.issue(principal, g.clock.now()), Math.floor(g.sessions.ttlMs / 1000));
    request.log.info({ audit: 'login', key: principal.name, role: principal.role }, 'dashboard login');
    return reply.redirect(next, 303);
  });
  app.post('/logout', async (request, reply) => {
    setCookie(g, reply, request, '', 0);
    return reply.redirect('/login', 303);
  });
}
