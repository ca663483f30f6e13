import type { FastifyInstance } from 'fastify';
import type { IncidentManager } from '../../app/response/incident-manager.js';
import { ackBodySchema, createIncidentBodySchema, incidentListQuerySchema, transitionBodySchema } from '../../contracts/incident.js';
import { allowedTransitions } from '../../core/incidents/state-machine.js';
import type { Incident } from '../../core/incidents/types.js';
import { actorOf } from '../auth/guard.js';
import { bodyOf, idParam, iso, queryOf } from './response-http.js';

const wire = (i: Incident) => ({ ...i, opened_at: iso(i.openedMs), updated_at: iso(i.updatedMs), allowed_transitions: allowedTransitions(i.state) });

/** GET/POST /api/v1/incidents, GET /api/v1/incidents/:id, POST .../transition, POST .../ack, POST .../evidence (refresh). */
export function registerIncidentsRoutes(app: FastifyInstance, incidents: IncidentManager): void {
  app.get('/api/v1/incidents', async (req) => {
    const q = queryOf(incidentListQuerySchema, req.query);
    return { incidents: incidents.list({ state: q.state, limit: q.limit, ...(q.deployment ? { deployment: q.deployment } : {}) }).map(wire) };
  });
  app.post('/api/v1/incidents', async (req, reply) => {
    const b = bodyOf(createIncidentBodySchema, req.body);
    return reply.status(201).send(wire(await incidents.open(b.deployment, b.severity, b.title, actorOf(req, b.actor), b.note)));
  });
  app.get('/api/v1/incidents/:id', async (req) => wire(incidents.get(idParam(req.params, 'incident'))));
  app.post('/api/v1/incidents/:id/transition', async (req) => {
    const b = bodyOf(transitionBodySchema, req.body);
    return wire(await incidents.transition(idParam(req.params, 'incident'), b.to, actorOf(req, b.actor), { note: b.note, regressionSuite: b.regression_suite, recordBaseline: b.record_baseline }));
  });
  app.post('/api/v1/incidents/:id/ack', async (req) => wire(incidents.ack(idParam(req.params, 'incident'), actorOf(req, bodyOf(ackBodySchema, req.body).actor))));
  app.post('/api/v1/incidents/:id/evidence', async (req) => wire(await incidents.refreshEvidence(idParam(req.params, 'incident'))));
}
