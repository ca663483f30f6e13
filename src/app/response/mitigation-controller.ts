import type { Logger } from 'pino';
import type { ResponseStore } from '../../adapters/storage/sqlite/response-store.js';
import type { DeploymentsConfig } from '../../contracts/mitigation.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { SeverityLevel } from '../../core/incidents/types.js';
import { effectiveMitigation, planMitigations, type EffectiveMitigation } from '../../core/mitigation/policy.js';
import { createTokenBucket, takeToken, type TokenBucket } from '../../core/mitigation/token-bucket.js';
import type { Mitigation, MitigationAction, MitigationPolicy } from '../../core/mitigation/types.js';

export interface BaseTarget { baseModel: string; baseUrl: string | undefined; apiKey: string | undefined }

export interface MitigationControllerOptions {
  store: ResponseStore;
  policy: MitigationPolicy;
  deployments: DeploymentsConfig;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: Logger;
  /** Called whenever what is in force changes (e.g. to boost sampling). */
  onChange?: (deployment: string, effective: EffectiveMitigation) => void;
}

const NONE: EffectiveMitigation = { routeBase: null, rateLimit: null, boost: null };

/**
 * Applies, approves and undoes mitigations, and answers the gateway's per-request questions
 * ("route where?", "admit this request?") from memory. Every change is written to SQLite first;
 * the in-memory view is rebuilt from the store, and `refresh()` picks up changes another process
 * (the CLI) made, by a version counter bumped in the same transaction as each change.
 */
export function createMitigationController(o: MitigationControllerOptions) {
  const { store, clock, logger } = o;
  let version = -1;
  let byDeployment = new Map<string, EffectiveMitigation>();
  const buckets = new Map<number, TokenBucket>();

  function reload(): void {
    const v = store.mitigationVersion();
    if (v === version) return;
    const live = store.listMitigations({ live: true, limit: 10_000 });
    const groups = new Map<string, Mitigation[]>();
    for (const m of live) groups.set(m.deployment, [...(groups.get(m.deployment) ?? []), m]);
    const next = new Map<string, EffectiveMitigation>();
    for (const [d, ms] of groups) next.set(d, effectiveMitigation(ms));
    const changed = new Set([...byDeployment.keys(), ...next.keys()]);
    byDeployment = next;
    version = v;
    for (const d of changed) o.onChange?.(d, next.get(d) ?? NONE);
  }

  function baseTarget(deployment: string): BaseTarget | undefined {
    const d = o.deployments[deployment];
    if (!d?.base_model) return undefined;
    return { baseModel: d.base_model, baseUrl: d.base_upstream_url, apiKey: d.base_api_key_env ? o.env[d.base_api_key_env] : undefined };
  }

  function mustGet(id: number): Mitigation {
    const m = store.getMitigation(id);
    if (!m) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no mitigation with id ${id}`);
    return m;
  }

  function end(id: number, from: Mitigation['status'][], to: Mitigation['status'], by: string): Mitigation {
    const before = mustGet(id);
    const after = store.updateMitigation(id, from, to, by, clock.now());
    if (!after) throw new ArgusError('ARGUS_ERR_CONFLICT', `mitigation ${id} is ${before.status}; only ${from.join(' or ')} can become ${to}`);
    logger.warn({ mitigation: id, deployment: after.deployment, action: after.action, status: to, by }, 'mitigation changed');
    reload();
    return after;
  }

  reload();
  return {
    reload,
    effective: (deployment: string): EffectiveMitigation => byDeployment.get(deployment) ?? NONE,
    baseTarget,
    /** Applies the policy for an alert or incident of `severity`; returns what it created. */
    applyPolicy(deployment: string, severity: SeverityLevel, triggeredBy: string, reason: string, incidentId: number | null): Mitigation[] {
      const inForce = store.listMitigations({ deployment, live: true });
      const planned = planMitigations(o.policy, severity, inForce, baseTarget(deployment) !== undefined);
      const nowMs = clock.now();
      const created = planned.map((p) => store.insertMitigation({
        deployment, action: p.action, status: p.status, params: p.params, triggeredBy, reason, severity, incidentId,
        createdMs: nowMs, updatedMs: nowMs, endedBy: null, endedMs: null,
      }));
      for (const m of created) logger.warn({ mitigation: m.id, deployment, action: m.action, status: m.status, triggeredBy }, 'mitigation applied');
      if (created.length > 0) reload();
      return created;
    },
    /** A mitigation asked for by a person. */
    create(deployment: string, action: MitigationAction, by: string, reason: string): Mitigation {
      if (action === 'route_base' && !baseTarget(deployment)) {
        throw new ArgusError('ARGUS_ERR_CONFLICT', `deployment '${deployment}' has no base model: set deployments.${deployment}.base_model in the config`);
      }
      const live = store.listMitigations({ deployment, live: true }).find((m) => m.action === action);
      if (live) throw new ArgusError('ARGUS_ERR_CONFLICT', `mitigation ${live.id} (${action}) is already ${live.status} for '${deployment}'`);
      const nowMs = clock.now();
      const params = action === 'rate_limit' ? { requestsPerMinute: o.policy.rateLimit.requestsPerMinute, burst: o.policy.rateLimit.burst } : {};
      const m = store.insertMitigation({ deployment, action, status: 'active', params, triggeredBy: by, reason, severity: null, incidentId: null, createdMs: nowMs, updatedMs: nowMs, endedBy: null, endedMs: null });
      reload();
      return m;
    },
    approve: (id: number, by: string) => end(id, ['pending_approval'], 'active', by),
    reject: (id: number, by: string) => end(id, ['pending_approval'], 'rejected', by),
    revert: (id: number, by: string) => end(id, ['active'], 'reverted', by),
    /** Undoes everything in force (or pending) for a deployment: traffic goes back to the fine-tuned model. */
    restore(deployment: string, by: string): Mitigation[] {
      const live = store.listMitigations({ deployment, live: true });
      const done = live.map((m) => store.updateMitigation(m.id, ['active', 'pending_approval'], m.status === 'active' ? 'reverted' : 'rejected', by, clock.now()))
        .filter((m): m is Mitigation => m !== undefined);
      if (done.length > 0) logger.warn({ deployment, by, mitigations: done.map((m) => m.id) }, 'deployment restored');
      reload();
      return done;
    },
    list: (q: { deployment?: string; live?: boolean; limit?: number } = {}) => store.listMitigations(q),
    /** Admits a request under the deployment's rate limit (if any): a token bucket per mitigation. */
    admit(deployment: string): { ok: true } | { ok: false; retryAfterMs: number } {
      const rl = (byDeployment.get(deployment) ?? NONE).rateLimit;
      if (!rl) return { ok: true };
      const nowMs = clock.now();
      let b = buckets.get(rl.id);
      if (!b) {
        const p = rl.params as { requestsPerMinute?: number; burst?: number };
        b = createTokenBucket(p.requestsPerMinute ?? o.policy.rateLimit.requestsPerMinute, p.burst ?? o.policy.rateLimit.burst, nowMs);
        buckets.set(rl.id, b);
      }
      return takeToken(b, nowMs);
    },
  };
}

export type MitigationController = ReturnType<typeof createMitigationController>;
