import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgus } from '../src/app/argus.js';
import { configSchema } from '../src/contracts/config.js';
import { hashKey, mintKey } from '../src/server/auth/keys.js';
import { startArgus } from './helpers/argus-instance.js';

const keys = { viewer: mintKey(), reviewer: mintKey(), admin: mintKey(), ingest: mintKey() };
const call = (url: string, path: string, o: { key?: string; method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {}) => fetch(`${url}${path}`, {
  method: o.method ?? 'GET', redirect: 'manual',
  headers: { ...(o.key ? { authorization: `Bearer ${o.key}` } : {}), ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
  body: o.body === undefined ? undefined : JSON.stringify(o.body),
});
const codeOf = async (r: Response) => ((await r.json()) as { error?: { code: string } }).error?.code;

describe('auth: API keys with roles and dashboard login', () => {
  let argus: Awaited<ReturnType<typeof startArgus>>;
  beforeAll(async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'argus-key-')), 'reviewer.key');
    writeFileSync(keyFile, `${keys.reviewer}\n`);
    argus = await startArgus({
      classifiers: { enabled: false }, gateway: { enabled: false },
      auth: { keys: [
        { name: 'vera', role: 'viewer', sha256: hashKey(keys.viewer) },
        { name: 'rita', role: 'reviewer', key_file: keyFile },
        { name: 'ada', role: 'admin', key_env: 'TEST_ADMIN_KEY' },
        { name: 'collector', role: 'ingest', sha256: hashKey(keys.ingest) },
      ] },
    }, { env: { ARGUS_USER_HASH_SECRET: 'test-secret-0123456789', TEST_ADMIN_KEY: keys.admin } });
  });
  afterAll(async () => { await argus?.close(); });

  it('answers 401 without a key or with an unknown one, and names the fix', async () => {
    const none = await call(argus.url, '/api/v1/overview');
    expect(none.status).toBe(401);
    const body = (await none.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ARGUS_ERR_UNAUTHORIZED');
    expect(body.error.message).toMatch(/Authorization: Bearer/);
    expect((await call(argus.url, '/api/v1/overview', { key: mintKey() })).status).toBe(401);
    expect((await call(argus.url, '/api/v1/overview', { key: `${keys.viewer}x` })).status).toBe(401);
    expect((await call(argus.url, '/api/v1/alerts', { headers: { authorization: `Basic ${keys.viewer}` } })).status).toBe(401);
  });

  it('lets each role read, and answers 403 to an action above its role', async () => {
    for (const k of [keys.viewer, keys.reviewer, keys.admin]) expect((await call(argus.url, '/api/v1/overview', { key: k })).status).toBe(200);
    const viewerAck = await call(argus.url, '/api/v1/alerts/no-such/ack', { key: keys.viewer, method: 'POST', body: {} });
    expect(viewerAck.status).toBe(403);
    expect(await codeOf(viewerAck)).toBe('ARGUS_ERR_FORBIDDEN');
    // The reviewer passes auth and reaches the route, which does not know the alert.
    expect(await codeOf(await call(argus.url, '/api/v1/alerts/no-such/ack', { key: keys.reviewer, method: 'POST', body: {} }))).toBe('ARGUS_ERR_NOT_FOUND');
    // Encoded spellings of an admin route get the route's rule, not a weaker one.
    for (const p of ['/api/v1/%6Ditigations/restore', '/api/v1/mitigations/%72estore', '/api/v1/alerts/x%2F..%2F..%2Fmitigations/restore']) {
      expect([403, 404]).toContain((await call(argus.url, p, { key: keys.reviewer, method: 'POST', body: { deployment: 'd1' } })).status);
    }
    expect((await call(argus.url, '/api/v1/review?redact=false', { key: keys.viewer })).status).toBe(403);
    expect((await call(argus.url, '/api/v1/review?redact=false', { key: keys.reviewer })).status).toBe(200);
  });

  it('records the key name as the actor, whatever the body claims', async () => {
    const opened = await call(argus.url, '/api/v1/incidents', { key: keys.reviewer, method: 'POST', body: { deployment: 'd1', title: 'refusals dropped', actor: 'someone-else' } });
    expect(opened.status).toBe(201);
    const incident = (await opened.json()) as { id: number; timeline?: Array<{ actor: string }> };
    expect(JSON.stringify(incident)).toContain('rita');
    expect(JSON.stringify(incident)).not.toContain('someone-else');
    const transition = { to: 'investigating', note: 'looking' };
    expect((await call(argus.url, `/api/v1/incidents/${incident.id}/transition`, { key: keys.reviewer, method: 'POST', body: transition })).status).toBe(403);
    expect((await call(argus.url, '/api/v1/mitigations/restore', { key: keys.reviewer, method: 'POST', body: { deployment: 'd1' } })).status).toBe(403);
    expect((await call(argus.url, '/api/v1/mitigations/restore', { key: keys.admin, method: 'POST', body: { deployment: 'd1' } })).status).toBe(200);
  });

  it('keeps ingest in its own lane: the ingest key sends events but reads nothing', async () => {
    const events = { events: [{ id: 'auth-1', deployment: 'd1', input: 'hi', output: 'hello' }] };
    expect((await call(argus.url, '/api/v1/events', { method: 'POST', body: events })).status).toBe(401);
    expect((await call(argus.url, '/api/v1/events', { key: keys.viewer, method: 'POST', body: events })).status).toBe(403);
    expect((await call(argus.url, '/api/v1/events', { key: keys.ingest, method: 'POST', body: events })).status).toBe(200);
    expect((await call(argus.url, '/api/v1/overview', { key: keys.ingest })).status).toBe(403);
    expect((await call(argus.url, '/v1/traces', { method: 'POST', body: {} })).status).toBe(401);
  });

  it('leaves health and metrics open', async () => {
    expect((await call(argus.url, '/healthz')).status).toBe(200);
    expect((await call(argus.url, '/readyz')).status).toBe(200);
    expect((await call(argus.url, '/metrics')).status).toBe(200);
  });

  it('logs in with a key: a signed HttpOnly SameSite=Strict cookie that the API accepts, and a tampered one it does not', async () => {
    const page = await call(argus.url, '/', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2F');
    const bad = await fetch(`${argus.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key: 'nope', next: '/' }).toString() });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const ok = await fetch(`${argus.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key: keys.reviewer, next: '//evil.example/' }).toString() });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^argus_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = setCookie.split(';')[0]!;
    const who = await call(argus.url, '/api/v1/auth/whoami', { cookie });
    expect(await who.json()).toEqual({ name: 'rita', role: 'reviewer' });
    expect((await call(argus.url, '/api/v1/mitigations/restore', { cookie, method: 'POST', body: { deployment: 'd1' } })).status).toBe(403);
    const [payload, mac] = cookie.slice('argus_session='.length).split('.');
    const forged = Buffer.from(JSON.stringify({ n: 'ada', r: 'admin', exp: Date.now() + 60_000 })).toString('base64url');
    expect((await call(argus.url, '/api/v1/overview', { cookie: `argus_session=${forged}.${mac}` })).status).toBe(401);
    expect((await call(argus.url, '/api/v1/overview', { cookie: `argus_session=${payload}.${mac!.slice(0, -2)}xx` })).status).toBe(401);
    const ingestLogin = await fetch(`${argus.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `key=${keys.ingest}` });
    expect(ingestLogin.status).toBe(401);
  });

  it('says in the dashboard info whether auth is on', async () => {
    const info = (await (await call(argus.url, '/api/v1/dashboard/info', { key: keys.viewer })).json()) as { auth: { mode: string } };
    expect(info.auth.mode).toBe('keys');
  });
});

describe('auth with review.redact_pii off', () => {
  it('still needs a reviewer to read raw review text', async () => {
    const viewer = mintKey(); const reviewer = mintKey();
    const a = await startArgus({ classifiers: { enabled: false }, gateway: { enabled: false }, review: { redact_pii: false },
      auth: { keys: [{ name: 'v', role: 'viewer', sha256: hashKey(viewer) }, { name: 'r', role: 'reviewer', sha256: hashKey(reviewer) }] } });
    try {
      expect(await codeOf(await call(a.url, '/api/v1/review', { key: viewer }))).toBe('ARGUS_ERR_FORBIDDEN');
      expect((await call(a.url, '/api/v1/review?redact=true', { key: viewer })).status).toBe(200);
      expect((await call(a.url, '/api/v1/review', { key: reviewer })).status).toBe(200);
    } finally { await a.close(); }
  });
});

describe('auth config', () => {
  it('rejects a key given two ways, a bad digest and duplicate names, naming the path', () => {
    const r = configSchema.safeParse({ auth: { keys: [
      { name: 'a', role: 'viewer', sha256: 'abc' },
      { name: 'a', role: 'admin', sha256: hashKey('x'), key_env: 'X' },
    ] } });
    expect(r.success).toBe(false);
    const text = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(text).toMatch(/auth\.keys\.0\.sha256: expected 64 lowercase hex/);
    expect(text).toMatch(/give exactly one of sha256, key_env, key_file \(got 2\)/);
    expect(text).toMatch(/auth\.keys\.1\.name: duplicate key name 'a'/);
  });
  it('marks the session cookie Secure when cookie_secure is always (TLS ends at a proxy)', async () => {
    const key = mintKey();
    const a = await startArgus({ classifiers: { enabled: false }, gateway: { enabled: false }, auth: { cookie_secure: 'always', keys: [{ name: 'v', role: 'viewer', sha256: hashKey(key) }] } });
    try {
      const r = await fetch(`${a.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `key=${key}` });
      expect(r.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    } finally { await a.close(); }
  });
  it('fails at start when a key_env is not set', () => {
    const config = configSchema.parse({ data_dir: mkdtempSync(join(tmpdir(), 'argus-auth-')), auth: { keys: [{ name: 'ops', role: 'admin', key_env: 'MISSING_KEY' }] } });
    expect(() => createArgus({ config, env: { ARGUS_USER_HASH_SECRET: 'test-secret-0123456789' }, logger: pino({ level: 'silent' }) })).toThrow(/MISSING_KEY is not set/);
  });
});
