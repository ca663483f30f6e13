import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArgus } from '../helpers/argus-instance.js';
import { runCli } from '../helpers/run-cli.js';

describe('argus auth', () => {
  let argus: Awaited<ReturnType<typeof startArgus>>;
  let minted: { name: string; role: string; key: string; sha256: string };
  beforeAll(async () => {
    const r = await runCli(['auth', 'create-key', '--role', 'reviewer', '--name', 'rita', '--json']);
    expect(r.code).toBe(0);
    minted = JSON.parse(r.stdout) as typeof minted;
    argus = await startArgus({ classifiers: { enabled: false }, gateway: { enabled: false }, auth: { keys: [{ name: minted.name, role: 'reviewer', sha256: minted.sha256 }] } });
  }, 60_000);
  afterAll(async () => { await argus?.close(); });

  it('create-key prints a random key and the SHA-256 the config needs', async () => {
    expect(minted).toMatchObject({ name: 'rita', role: 'reviewer' });
    expect(minted.key).toMatch(/^argus_[A-Za-z0-9_-]{43}$/);
    expect(minted.sha256).toBe(createHash('sha256').update(minted.key).digest('hex'));
    const text = await runCli(['auth', 'create-key', '--role', 'viewer', '--name', 'vic']);
    expect(text.stdout).toMatch(/- \{ name: vic, role: viewer, sha256: [0-9a-f]{64} \}/);
    const hashed = await runCli(['auth', 'hash-key'], { input: `${minted.key}\n` });
    expect(hashed.stdout).toBe(`${minted.sha256}\n`);
    const bad = await runCli(['auth', 'create-key', '--role', 'root']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/expected one of viewer, reviewer, admin, ingest, got 'root'/);
  }, 60_000);

  it('whoami sends ARGUS_API_KEY and names the key; without it, one error line that says what to set', async () => {
    const ok = await runCli(['auth', 'whoami', '--server', argus.url], { env: { ARGUS_API_KEY: minted.key } });
    expect(ok.stdout).toBe('rita (reviewer)\n');
    const none = await runCli(['auth', 'whoami', '--server', argus.url], { env: { ARGUS_API_KEY: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/needs an API key .*\(set ARGUS_API_KEY\) \(ARGUS_ERR_UNAUTHORIZED\)/);
  }, 60_000);
});
