import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ArgusConfig } from '../contracts/config.js';
import type { Clock } from '../core/clock.js';
import { ArgusError } from '../core/errors.js';
import type { AuthGuard } from '../server/auth/guard.js';
import { createKeyring } from '../server/auth/keys.js';
import { createSessions } from '../server/auth/session.js';

export interface AuthSetup {
  /** Undefined when no key is configured: Argus runs open. */
  guard: AuthGuard | undefined;
  /** What the dashboard shows in its header. */
  mode: { mode: 'open' | 'keys'; reason: string };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * Builds the auth guard from the `auth` section (keys read from env or files now, kept as
 * digests only) and says at start whether Argus is open: info on a loopback address, a warning
 * on any other, where anyone on the network could read the dashboard and change state.
 */
export function setUpAuth(config: ArgusConfig, env: NodeJS.ProcessEnv, clock: Clock, logger: Logger): AuthSetup {
  const a = config.auth;
  if (a.keys.length === 0) {
    const where = `${config.server.host}:${config.server.port}`;
    const reason = `auth is not configured: the API and dashboard are open to anyone who can reach ${where}`;
    if (LOOPBACK.test(config.server.host)) logger.info({ auth: 'open' }, `${reason} (loopback only; add auth.keys before binding another address, see docs/auth.md)`);
    else logger.warn({ auth: 'open' }, `${reason}, which is not a loopback address: add auth.keys (docs/auth.md)`);
    return { guard: undefined, mode: { mode: 'open', reason } };
  }
  const keyring = createKeyring(a.keys, { env, readFile: (p) => readFileSync(p, 'utf8') });
  const secretFromEnv = env[a.session_secret_env];
  if (secretFromEnv !== undefined && secretFromEnv.length < 32) throw new ArgusError('ARGUS_ERR_CONFIG', `${a.session_secret_env} must be at least 32 characters`);
  const secret = secretFromEnv ?? randomBytes(32).toString('hex');
  if (secretFromEnv === undefined) logger.info(`no ${a.session_secret_env} set: dashboard logins last until this process stops`);
  const roles = a.keys.map((k) => `${k.name}:${k.role}`).join(', ');
  logger.info({ auth: 'keys', keys: a.keys.length, ingest: a.ingest, metrics: a.metrics }, `auth is on: ${a.keys.length} key(s) (${roles}); ingest ${a.ingest}, /metrics ${a.metrics}`);
  return {
    guard: { keyring, sessions: createSessions(secret, a.session_ttl), policy: { ingest: a.ingest, metrics: a.metrics }, clock, secureCookie: a.cookie_secure },
    mode: { mode: 'keys', reason: `auth is on with ${a.keys.length} key(s)` },
  };
}
