import { z } from 'zod';
import { ROLES } from '../core/auth/access.js';
import { durationMs } from './duration.js';

export { ROLES, type Role } from '../core/auth/access.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * One API key. The YAML never holds the key itself: either its SHA-256 (`argus auth create-key`
 * prints it), or the name of an environment variable or a file that holds the key.
 */
export const apiKeyConfigSchema = z.object({
  /** Shown in logs and as the actor of actions taken with this key. */
  name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'expected 1-64 letters, digits or _ . @ -'),
  role: z.enum(ROLES),
  sha256: z.string().regex(SHA256_HEX, 'expected 64 lowercase hex digits (the output of `argus auth create-key`)').optional(),
  key_env: z.string().min(1).optional(),
  key_file: z.string().min(1).optional(),
}).strict().superRefine((k, ctx) => {
  const given = [k.sha256, k.key_env, k.key_file].filter((x) => x !== undefined).length;
  if (given !== 1) ctx.addIssue({ code: 'custom', message: `key '${k.name}': give exactly one of sha256, key_env, key_file (got ${given})` });
});
export type ApiKeyConfig = z.output<typeof apiKeyConfigSchema>;

/**
 * The `auth` section. With no keys, Argus runs open (and says so at start and in the dashboard);
 * with at least one key, the management API and the dashboard need a key or a login.
 */
export const authConfigSchema = z.object({
  keys: z.array(apiKeyConfigSchema).default([]),
  /** POST /api/v1/events and /v1/traces: `key` needs an ingest (or admin) key; `open` leaves them to the network. */
  ingest: z.enum(['key', 'open']).default('key'),
  /** /metrics: `open` for scrapers on a trusted network, `key` to need a viewer key (Prometheus `authorization` in scrape config). */
  metrics: z.enum(['open', 'key']).default('open'),
  /** Environment variable with the secret that signs dashboard session cookies; random per process if unset. */
  session_secret_env: z.string().default('ARGUS_SESSION_SECRET'),
  /** How long a dashboard login lasts. */
  session_ttl: durationMs({ min: 60_000 }).prefault('12h'),
  /** `auto`: the session cookie is Secure when the request came over https; `always`: also when TLS ends at a proxy in front. */
  cookie_secure: z.enum(['auto', 'always']).default('auto'),
}).strict().superRefine((a, ctx) => {
  const seen = new Set<string>();
  a.keys.forEach((k, i) => {
    if (seen.has(k.name)) ctx.addIssue({ code: 'custom', path: ['keys', i, 'name'], message: `duplicate key name '${k.name}'` });
    seen.add(k.name);
  });
});
export type AuthConfig = z.output<typeof authConfigSchema>;
