import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgusError } from '../core/errors.js';

export type HashUser = (user: string) => string;

/**
 * HMAC-SHA256 of a user id under `secret`, hex. The raw id never reaches storage or logs. Recent
 * results are cached (users repeat; an HMAC costs microseconds), bounded at `cacheSize` entries.
 */
export function createUserHasher(secret: string, cacheSize = 10_000): HashUser {
  if (secret.length < 16) throw new ArgusError('ARGUS_ERR_CONFIG', 'the user-hash secret must be at least 16 characters');
  const cache = new Map<string, string>();
  return (user) => {
    const hit = cache.get(user);
    if (hit !== undefined) return hit;
    const hash = createHmac('sha256', secret).update(user, 'utf8').digest('hex');
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(user, hash);
    return hash;
  };
}

/**
 * The secret comes from the environment variable named in config; failing that, from
 * `<dataDir>/user-hash.secret`, which is generated (0600) on first start with a warning, because
 * a secret that changes would make the same user look like a new one.
 */
export function resolveUserHashSecret(env: NodeJS.ProcessEnv, envName: string, dataDir: string, warn: (msg: string) => void): string {
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const file = join(dataDir, 'user-hash.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  warn(`no ${envName} set: generated a user-hash secret in ${file}; back it up, or set ${envName} so user ids hash the same across machines`);
  return secret;
}
