import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveMitigation, planMitigations } from './policy.js';
import { createTokenBucket, takeToken } from './token-bucket.js';
import type { Mitigation, MitigationPolicy } from './types.js';

const policy: MitigationPolicy = {
  actions: { low: [], medium: ['boost_monitoring'], high: ['boost_monitoring', 'rate_limit'], critical: ['boost_monitoring', 'route_base'] },
  routeBaseApproval: 'auto', rateLimit: { requestsPerMinute: 60, burst: 10 },
};
const m = (id: number, action: Mitigation['action'], status: Mitigation['status']): Mitigation => ({
  id, deployment: 'bot', action, status, params: {}, triggeredBy: 'alert:a', reason: '', severity: 'critical', incidentId: null,
  createdMs: 0, updatedMs: 0, endedBy: null, endedMs: null,
});

describe('mitigation policy', () => {
  it('plans by severity and skips what is already in force', () => {
    expect(planMitigations(policy, 'critical', [], true).map((p) => `${p.action}:${p.status}`)).toEqual(['boost_monitoring:active', 'route_base:active']);
    expect(planMitigations(policy, 'critical', [m(1, 'boost_monitoring', 'active')], true).map((p) => p.action)).toEqual(['route_base']);
    expect(planMitigations(policy, 'critical', [m(1, 'route_base', 'reverted')], true).map((p) => p.action)).toEqual(['boost_monitoring', 'route_base']);
    expect(planMitigations(policy, 'low', [], true)).toEqual([]);
    expect(planMitigations(policy, 'high', [], true)[1]).toEqual({ action: 'rate_limit', status: 'active', params: { requestsPerMinute: 60, burst: 10 } });
  });

  it('waits for approval when configured and never routes without a base model', () => {
    expect(planMitigations({ ...policy, routeBaseApproval: 'manual' }, 'critical', [], true)[1]?.status).toBe('pending_approval');
    expect(planMitigations(policy, 'critical', [], false).map((p) => p.action)).toEqual(['boost_monitoring']);
  });

  it('takes the newest active mitigation of each kind', () => {
    const eff = effectiveMitigation([m(1, 'route_base', 'active'), m(3, 'route_base', 'active'), m(4, 'rate_limit', 'pending_approval'), m(5, 'boost_monitoring', 'reverted')]);
    expect(eff.routeBase?.id).toBe(3);
    expect(eff.rateLimit).toBeNull();
    expect(eff.boost).toBeNull();
  });
});

describe('token bucket', () => {
  it('matches the worked example', () => {
    const b = createTokenBucket(60, 2, 0);
    expect(takeToken(b, 0)).toEqual({ ok: true });
    expect(takeToken(b, 0)).toEqual({ ok: true });
    expect(takeToken(b, 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(takeToken(b, 500)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(takeToken(b, 1000)).toEqual({ ok: true });
  });

  it('never admits more than burst + rate x time', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }),
      (rpm, burst, gaps) => {
        const b = createTokenBucket(rpm, burst, 0);
        let t = 0; let admitted = 0;
        for (const g of gaps) { t += g; if (takeToken(b, t).ok) admitted++; }
        expect(admitted).toBeLessThanOrEqual(burst + Math.floor((rpm / 60_000) * t) + 1e-9);
      }));
  });
});
