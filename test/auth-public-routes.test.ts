import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../src/core/clock.js';
import { createKeyring, hashKey, mintKey, type Keyring } from '../src/server/auth/keys.js';
import { createSessions } from '../src/server/auth/session.js';
import { buildHttpApp } from '../src/server/build-server.js';

describe('auth hook on public routes', () => {
  it('does not check a public request\'s Bearer key (the gateway forwards the upstream\'s), and still checks a protected one', async () => {
    const admin = mintKey();
    const real = createKeyring([{ name: 'ada', role: 'admin', sha256: hashKey(admin) }], { env: {}, readFile: () => '' });
    let verified = 0;
    const keyring: Keyring = { ...real, verify: (k) => { verified++; return real.verify(k); } };
    const app = buildHttpApp({
      logger: pino({ level: 'silent' }), maxBodyBytes: 1_000,
      auth: { keyring, sessions: createSessions('s'.repeat(32), 60_000), policy: { ingest: 'key', metrics: 'key' }, clock: manualClock(0), secureCookie: 'auto' },
    });
    app.get('/v1/models', async () => ({ data: [] }));
    app.get('/api/v1/overview', async () => ({ ok: true }));

    const upstreamKey = { authorization: 'Bearer sk-upstream-not-an-argus-key' };
    expect((await app.inject({ url: '/v1/models', headers: upstreamKey })).statusCode).toBe(200);
    expect(verified).toBe(0);
    expect((await app.inject({ url: '/api/v1/overview', headers: upstreamKey })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/overview', headers: { authorization: `Bearer ${admin}` } })).statusCode).toBe(200);
    expect(verified).toBe(2);
    await app.close();
  });
});
