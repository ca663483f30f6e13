import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MitigationController } from '../../app/response/mitigation-controller.js';
import { createMitigationBodySchema, mitigationActionBodySchema, restoreBodySchema } from '../../contracts/mitigation.js';
import type { Mitigation } from '../../core/mitigation/types.js';
import { actorOf } from '../auth/guard.js';
import { bodyOf, idParam, iso, queryOf } from './response-http.js';

const listQuery = z.object({ deployment: z.string().min(1).optional(), live: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();
const wire = (m: Mitigation) => ({ ...m, created_at: iso(m.createdMs), ended_at: iso(m.endedMs) });

/**
 * GET /api/v1/mitigations (every action with who or what triggered it), POST /api/v1/mitigations
 * (by hand), POST /api/v1/mitigations/:id/approve|reject|revert, POST /api/v1/mitigations/restore.
 */
export function registerMitigationRoutes(app: FastifyInstance, m: MitigationController): void {
  app.get('/api/v1/mitigations', async (req) => {
    const q = queryOf(listQuery, req.query);
    m.reload();
    const items = m.list({ ...(q.deployment ? { deployment: q.deployment } : {}), live: q.live === 'true', limit: q.limit });
    const deployments = [...new Set(items.map((x) => x.deployment))].sort();
    const inForce = Object.fromEntries(deployments.map((d) => {
      const e = m.effective(d);
      return [d, { route_base: e.routeBase?.id ?? null, rate_limit: e.rateLimit?.id ?? null, boost_monitoring: e.boost?.id ?? null, base_model: e.routeBase ? m.baseTarget(d)?.baseModel ?? null : null }];
    }));
    return { mitigations: items.map(wire), in_force: inForce };
  });
  app.post('/api/v1/mitigations', async (req, reply) => {
    const b = bodyOf(createMitigationBodySchema, req.body);
    return reply.status(201).send(wire(m.create(b.deployment, b.action, `user:${actorOf(req, b.actor)}`, b.reason)));
  });
  app.post('/api/v1/mitigations/restore', async (req) => {
    const b = bodyOf(restoreBodySchema, req.body);
    return { restored: m.restore(b.deployment, `user:${actorOf(req, b.actor)}`).map(wire) };
  });
  for (const verb of ['approve', 'reject', 'revert'] as const) {
    app.post(`/api/v1/mitigations/:id/${verb}`, async (req) => {
      const b = bodyOf(mitigationActionBodySchema, req.body);
      return wire(m[verb](idParam(req.params, 'mitigation'), `user:${actorOf(req, b.actor)}`));
    });
  }
}
