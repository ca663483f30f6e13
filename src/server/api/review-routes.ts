import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReviewQueue } from '../../app/response/review-queue.js';
import { reviewLabelBodySchema, reviewListQuerySchema } from '../../contracts/review.js';
import { roleAllows } from '../../core/auth/access.js';
import { ArgusError } from '../../core/errors.js';
import { actorOf } from '../auth/guard.js';
import { bodyOf, idParam, queryOf } from './response-http.js';

/**
 * GET /api/v1/review (PII redacted unless ?redact=false, which is logged as a raw-text read),
 * GET /api/v1/review/stats (per-rule precision), GET /api/v1/review/:id, POST /api/v1/review/:id/label.
 */
export function registerReviewRoutes(app: FastifyInstance, review: ReviewQueue, o: { redactByDefault: boolean }): void {
  const redactFor = (req: FastifyRequest, flag: 'true' | 'false' | undefined) => {
    const redact = flag === undefined ? o.redactByDefault : flag === 'true';
    // Raw text needs a reviewer even when review.redact_pii is off (the auth hook only sees ?redact=false).
    if (!redact && req.principal && !roleAllows(req.principal.role, 'reviewer')) {
      throw new ArgusError('ARGUS_ERR_FORBIDDEN', `reading review items with raw text needs the reviewer role; key '${req.principal.name}' has ${req.principal.role}`);
    }
    if (!redact) req.log.warn({ audit: 'raw_text_read', url: req.url, key: req.principal?.name ?? null }, 'review queue read with raw text');
    return redact;
  };
  app.get('/api/v1/review', async (req) => {
    const q = queryOf(reviewListQuerySchema, req.query);
    return { items: await review.list({ status: q.status, deployment: q.deployment, rule: q.rule, limit: q.limit, redact: redactFor(req, q.redact) }) };
  });
  app.get('/api/v1/review/stats', async () => review.stats());
  app.get('/api/v1/review/:id', async (req) => {
    const q = queryOf(reviewListQuerySchema.pick({ redact: true }), req.query);
    return review.get(idParam(req.params, 'review item'), redactFor(req, q.redact));
  });
  app.post('/api/v1/review/:id/label', async (req) => {
    const b = bodyOf(reviewLabelBodySchema, req.body);
    return review.label(idParam(req.params, 'review item'), b.label, b.note ?? null, actorOf(req, b.actor));
  });
}
