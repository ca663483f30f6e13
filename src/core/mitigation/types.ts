import type { SeverityLevel } from '../incidents/types.js';

/**
 * What the gateway can do about a deployment, from mild to drastic (DESIGN.md severity mapping):
 * boost_monitoring (medium) raises the sampling rate and detection frequency; rate_limit (high,
 * optional) caps requests per minute; route_base (critical) sends traffic to the base model.
 */
export const MITIGATION_ACTIONS = ['boost_monitoring', 'rate_limit', 'route_base'] as const;
export type MitigationAction = (typeof MITIGATION_ACTIONS)[number];

export const MITIGATION_STATUSES = ['pending_approval', 'active', 'reverted', 'rejected'] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export interface RateLimitParams { requestsPerMinute: number; burst: number }

export interface Mitigation {
  id: number;
  deployment: string;
  action: MitigationAction;
  status: MitigationStatus;
  params: Record<string, unknown>;
  /** Who or what asked for it: `alert:<id>`, `incident:<id>`, or a person (`user:ann`). */
  triggeredBy: string;
  reason: string;
  severity: SeverityLevel | null;
  incidentId: number | null;
  createdMs: number;
  updatedMs: number;
  /** Who approved, reverted or rejected it. */
  endedBy: string | null;
  endedMs: number | null;
}

export interface MitigationPolicy {
  /** Actions per severity; `low` normally has none. */
  actions: Record<SeverityLevel, MitigationAction[]>;
  /** `auto`: route to the base model at once; `manual`: create it pending a person's approval. */
  routeBaseApproval: 'auto' | 'manual';
  rateLimit: RateLimitParams;
}
