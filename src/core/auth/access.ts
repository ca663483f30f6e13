/** Who may do what. viewer < reviewer < admin; ingest is a separate role for event senders. */
export const ROLES = ['viewer', 'reviewer', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** What a request needs: nothing, a key that may send events, or at least one of the staff roles. */
export type Access = 'public' | 'ingest' | 'viewer' | 'reviewer' | 'admin';

const RANK: Record<Exclude<Role, 'ingest'>, number> = { viewer: 1, reviewer: 2, admin: 3 };

/**
 * Whether `role` satisfies `need`. Staff roles are ordered (viewer < reviewer < admin); ingest is
 * its own lane, which admin also holds. Example: reviewer for 'viewer' -> true; ingest for 'viewer' -> false.
 */
export function roleAllows(role: Role, need: Access): boolean {
  if (need === 'public') return true;
  if (need === 'ingest') return role === 'ingest' || role === 'admin';
  if (role === 'ingest') return false;
  return RANK[role] >= RANK[need];
}

export interface AccessPolicy {
  /** `key` requires an ingest key for POST /api/v1/events and /v1/traces. */
  ingest: 'key' | 'open';
  /** `key` requires a viewer key for /metrics. */
  metrics: 'open' | 'key';
}

const REVIEWER_POSTS = [
  /^\/api\/v1\/alerts\/[^/]+\/ack$/,
  /^\/api\/v1\/review\/[^/]+\/label$/,
  /^\/api\/v1\/incidents$/,
  /^\/api\/v1\/incidents\/[^/]+\/(ack|evidence)$/,
];

/**
 * The access a route needs, from its method and path (query string excluded; `rawText` is true
 * when a review read asks for unredacted text). Anything not listed that changes state needs
 * admin, so a new route is closed until someone decides otherwise.
 *
 * - public: /healthz, /readyz, the login page, the dashboard's static files, the gateway (/v1/*
 *   except traces: clients send the upstream model's key there; keep it on a trusted network);
 * - ingest: POST /api/v1/events, POST /v1/traces (unless policy.ingest is open);
 * - viewer: every other GET, /metrics when policy.metrics is key;
 * - reviewer: acknowledge alerts, label review items, open/ack incidents, review reads with raw text;
 * - admin: everything else (mitigations, baseline activation, incident transitions).
 */
export function requiredAccess(method: string, path: string, policy: AccessPolicy, rawText = false): Access {
  const m = method.toUpperCase();
  if (path === '/healthz' || path === '/readyz' || path === '/login' || path === '/logout') return 'public';
  if (path === '/metrics') return policy.metrics === 'key' ? 'viewer' : 'public';
  if (path === '/v1/traces' || (path === '/api/v1/events' && m === 'POST')) return policy.ingest === 'key' ? 'ingest' : 'public';
  if (path.startsWith('/v1/')) return 'public';
  if (!path.startsWith('/api/')) return m === 'GET' || m === 'HEAD' ? (path.startsWith('/assets/') ? 'public' : 'viewer') : 'admin';
  if (m === 'GET' || m === 'HEAD') return rawText && path.startsWith('/api/v1/review') ? 'reviewer' : 'viewer';
  if (m === 'POST' && REVIEWER_POSTS.some((re) => re.test(path))) return 'reviewer';
  return 'admin';
}
