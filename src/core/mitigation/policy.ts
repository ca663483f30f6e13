import type { SeverityLevel } from '../incidents/types.js';
import type { Mitigation, MitigationAction, MitigationPolicy, MitigationStatus } from './types.js';

export interface PlannedMitigation {
  action: MitigationAction;
  status: Extract<MitigationStatus, 'active' | 'pending_approval'>;
  params: Record<string, unknown>;
}

/**
 * The mitigations a transition to `severity` calls for on a deployment, minus those already in
 * force (active or awaiting approval), so a flapping alert never stacks duplicates. route_base is
 * skipped when the deployment has no base model configured: there is nowhere to route to.
 *
 * Example: the default policy at 'critical' with nothing in force and a base model configured
 * plans [boost_monitoring active, route_base active].
 */
export function planMitigations(policy: MitigationPolicy, severity: SeverityLevel, inForce: readonly Mitigation[], hasBaseModel: boolean): PlannedMitigation[] {
  const live = new Set(inForce.filter((m) => m.status === 'active' || m.status === 'pending_approval').map((m) => m.action));
  const out: PlannedMitigation[] = [];
  for (const action of policy.actions[severity]) {
    if (live.has(action)) continue;
    if (action === 'route_base') {
      if (!hasBaseModel) continue;
      out.push({ action, status: policy.routeBaseApproval === 'auto' ? 'active' : 'pending_approval', params: {} });
    } else if (action === 'rate_limit') {
      out.push({ action, status: 'active', params: { requestsPerMinute: policy.rateLimit.requestsPerMinute, burst: policy.rateLimit.burst } });
    } else {
      out.push({ action, status: 'active', params: {} });
    }
  }
  return out;
}

export interface EffectiveMitigation {
  routeBase: Mitigation | null;
  rateLimit: Mitigation | null;
  boost: Mitigation | null;
}

/** What is in force for one deployment: the newest active mitigation of each kind. */
export function effectiveMitigation(mitigations: readonly Mitigation[]): EffectiveMitigation {
  const newest = (action: MitigationAction) => mitigations
    .filter((m) => m.action === action && m.status === 'active')
    .reduce<Mitigation | null>((best, m) => (best === null || m.id > best.id ? m : best), null);
  return { routeBase: newest('route_base'), rateLimit: newest('rate_limit'), boost: newest('boost_monitoring') };
}
