import type { FastifyInstance } from 'fastify';
import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { AlertTransitionBus } from '../../app/detection/transitions.js';
import { alertAckBodySchema, alertListQuerySchema, toWireAlert } from '../../contracts/alert.js';
import { formatIssues } from '../../contracts/event.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import { actorOf } from '../auth/guard.js';
import { parseJsonBody } from '../body.js';

export interface AlertsRouteDeps { store: DetectionStore; bus: AlertTransitionBus; clock: Clock }

/** GET /api/v1/alerts (deployment, state, severity, limit), GET /api/v1/alerts/:id, POST /api/v1/alerts/:id/ack. */
export function registerAlertsRoutes(app: FastifyInstance, d: AlertsRouteDeps): void {
  app.get('/api/v1/alerts', async (request) => {
    const parsed = alertListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', formatIssues(parsed.error).join('; '));
    return { alerts: (await d.store.listAlerts(parsed.data)).map(toWireAlert) };
  });
  app.get<{ Params: { id: string } }>('/api/v1/alerts/:id', async (request) => {
    const a = await d.store.getAlert(request.params.id);
    if (!a) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no alert with id '${request.params.id}'`);
    return toWireAlert(a);
  });
  app.post<{ Params: { id: string } }>('/api/v1/alerts/:id/ack', async (request) => {
    const raw = Buffer.isBuffer(request.body) && request.body.length > 0 ? parseJsonBody(request.body) : {};
    const parsed = alertAckBodySchema.safeParse(raw);
    if (!parsed.success) throw new ArgusError('ARGUS_ERR_INVALID_BODY', formatIssues(parsed.error).join('; '));
    const t = await d.store.acknowledgeAlert(request.params.id, actorOf(request, parsed.data.by), d.clock.now());
    await d.bus.publish([t]);
    return toWireAlert(t.alert);
  });
}
