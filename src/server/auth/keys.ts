import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig } from '../../contracts/auth.js';
import type { Role } from '../../core/auth/access.js';
import { ArgusError } from '../../core/errors.js';

/** Who a request is: the key's configured name and role. */
export interface Principal { name: string; role: Role }

/** A new random key: `argus_` + 32 random bytes in base64url (256 bits, so a fast hash is enough). */
export function mintKey(): string {
  return `argus_${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of a key, lowercase hex: the value the config's `sha256` field holds. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface Keyring {
  readonly size: number;
  /** The principal whose key this is, or undefined. Compares against every key in constant time. */
  verify(presented: string): Principal | undefined;
  /** The principal with this name, if still configured (a session names its key). */
  byName(name: string): Principal | undefined;
}

/**
 * Resolves the configured keys to SHA-256 digests. A key given by `key_env` or `key_file` is read
 * once here and only its digest is kept. Comparison hashes the presented key and compares digests
 * with timingSafeEqual over every entry (no early exit), so timing reveals neither a key nor which
 * entry matched.
 */
export function createKeyring(keys: readonly ApiKeyConfig[], source: { env: NodeJS.ProcessEnv; readFile: (path: string) => string }): Keyring {
  const entries = keys.map((k) => {
    let digest: string;
    if (k.sha256 !== undefined) digest = k.sha256;
    else if (k.key_env !== undefined) {
      const v = source.env[k.key_env];
      if (v === undefined || v.trim() === '') throw new ArgusError('ARGUS_ERR_CONFIG', `auth.keys '${k.name}': environment variable ${k.key_env} is not set`);
      digest = hashKey(v.trim());
    } else {
      let v: string;
      try { v = source.readFile(k.key_file!).trim(); } catch (cause) {
        throw new ArgusError('ARGUS_ERR_CONFIG', `auth.keys '${k.name}': cannot read key_file ${k.key_file}: ${(cause as Error).message}`, { cause });
      }
      if (v === '') throw new ArgusError('ARGUS_ERR_CONFIG', `auth.keys '${k.name}': key_file ${k.key_file} is empty`);
      digest = hashKey(v);
    }
    return { principal: { name: k.name, role: k.role }, digest: Buffer.from(digest, 'hex') };
  });
  return {
    size: entries.length,
    verify(presented) {
      const d = createHash('sha256').update(presented, 'utf8').digest();
      let found: Principal | undefined;
      for (const e of entries) if (timingSafeEqual(d, e.digest) && found === undefined) found = e.principal;
      return found;
    },
    byName: (name) => entries.find((e) => e.principal.name === name)?.principal,
  };
}
