import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import { summariseBaseline } from '../../contracts/baseline.js';
import { formatIssues } from '../../contracts/event.js';
import { diffProfiles } from '../../core/baseline/diff.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';

export interface BaselinesRouteDeps { store: DetectionStore; clock: Clock }

const listQuery = z.object({ deployment: z.string().min(1).optional() }).strict();
const diffQuery = z.object({ against: z.string().min(1) }).strict();

/** GET /api/v1/baselines, GET /api/v1/baselines/:id, GET /api/v1/baselines/:id/diff?against=ID, POST /api/v1/baselines/:id/activate. */
export function registerBaselinesRoutes(app: FastifyInstance, d: BaselinesRouteDeps): void {
  const get = async (id: string) => {
    const b = await d.store.getBaseline(id);
    if (!b) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no baseline with id '${id}'`);
    return b;
  };
  app.get('/api/v1/baselines', async (request) => {
    const q = listQuery.safeParse(request.query);
    if (!q.success) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', formatIssues(q.error).join('; '));
    return { baselines: (await d.store.listBaselines(q.data.deployment)).map(summariseBaseline) };
  });
  app.get<{ Params: { id: string } }>('/api/v1/baselines/:id', async (request) => {
    const b = await get(request.params.id);
    return { ...summariseBaseline(b), profile: { ...b.profile, anomaly: b.profile.anomaly && { threshold: b.profile.anomaly.threshold, flagRate: b.profile.anomaly.flagRate }, topics: b.profile.topics && { labels: b.profile.topics.model.labels, counts: b.profile.topics.counts } } };
  });
  app.get<{ Params: { id: string } }>('/api/v1/baselines/:id/diff', async (request) => {
    const q = diffQuery.safeParse(request.query);
    if (!q.success) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', formatIssues(q.error).join('; '));
    const after = await get(request.params.id);
    const before = await get(q.data.against);
    return { before: before.id, after: after.id, rows: diffProfiles(before.profile, after.profile) };
  });
  app.post<{ Params: { id: string } }>('/api/v1/baselines/:id/activate', async (request) => {
    await get(request.params.id);
    return summariseBaseline(await d.store.activateBaseline(request.params.id, d.clock.now()));
  });
}
