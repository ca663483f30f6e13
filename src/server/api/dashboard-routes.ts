import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventStore } from '../../adapters/storage/types.js';
import type { BaselineLookup } from '../../app/export/baseline-reference.js';
import { HARM_CATEGORIES } from '../../core/classify/types.js';
import type { Clock } from '../../core/clock.js';
import { chooseResolution, chooseStepMs } from '../../core/downsample/index.js';
import { ArgusError } from '../../core/errors.js';
import { categorySeries, distributions, overview, series, SERIES_METRICS } from '../dashboard/queries.js';

export interface DashboardRouteDeps {
  store: EventStore;
  clock: Clock;
  baseline: BaselineLookup;
  /** Whether auth is configured; the UI says so when it is not. */
  authMode: () => { mode: 'open' | 'keys'; reason: string };
}

const MAX_POINTS = 1500;
const DAY_MS = 86_400_000;

const num = z.coerce.number().int();
const rangeSchema = z.object({
  from: num.optional(), to: num.optional(), step: num.positive().optional(),
  points: num.min(10).max(MAX_POINTS).default(600),
});
const seriesSchema = rangeSchema.extend({ metric: z.enum(SERIES_METRICS).default('refusal_rate'), category: z.enum(HARM_CATEGORIES).optional() });

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
    throw new ArgusError('ARGUS_ERR_INVALID_QUERY', problems.join('; '), { details: { problems } });
  }
  return r.data;
}

/**
 * from/to default to the last 24 h. The step and the stored resolution to read come from
 * chooseResolution (hourly or daily rollups for long ranges); steps are whole minutes.
 */
function resolveRange(q: z.output<typeof rangeSchema>, nowMs: number) {
  const toMs = q.to ?? Math.floor(nowMs / 60_000) * 60_000 + 60_000;
  const fromMs = q.from ?? toMs - DAY_MS;
  if (toMs <= fromMs) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', `to must be after from, got from=${fromMs} to=${toMs}`);
  if (toMs - fromMs > 400 * DAY_MS) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', `range is at most 400 days, got ${Math.round((toMs - fromMs) / DAY_MS)}`);
  let stepMs = q.step === undefined ? undefined : Math.max(60_000, Math.round(q.step / 60_000) * 60_000);
  if (stepMs !== undefined && (toMs - fromMs) / stepMs > MAX_POINTS) stepMs = chooseStepMs(fromMs, toMs, MAX_POINTS);
  const chosen = chooseResolution(fromMs, toMs, q.points, stepMs);
  const alignedFrom = Math.floor(fromMs / chosen.stepMs) * chosen.stepMs;
  return { fromMs: alignedFrom, toMs, stepMs: chosen.stepMs, resolutionMs: chosen.resolutionMs };
}

/**
 * The dashboard's read API: GET /api/v1/auth/whoami, GET /api/v1/overview, /api/v1/deployments/:d/series,
 * /api/v1/deployments/:d/categories, /api/v1/deployments/:d/distributions, /api/v1/dashboard/info.
 * Every series is downsampled on the server to at most 1,500 buckets, so a year of per-minute data
 * reaches the browser as a few hundred points; long ranges read the hourly or daily rollups.
 * Responses carry `resolutionMs`, the grain read (the min/max band is over rows of that grain).
 */
export function registerDashboardRoutes(app: FastifyInstance, d: DashboardRouteDeps): void {
  app.get('/api/v1/dashboard/info', async (request) => ({ auth: d.authMode(), user: request.principal ?? null, nowMs: d.clock.now() }));
  app.get('/api/v1/auth/whoami', async (request) => ({ name: request.principal?.name ?? null, role: request.principal?.role ?? null }));
  app.get('/api/v1/overview', async (request) => {
    const q = parse(z.object({ window: num.min(60_000).max(DAY_MS).default(3_600_000) }), request.query);
    return overview(d.store, d.baseline, d.clock.now(), q.window);
  });
  app.get<{ Params: { d: string } }>('/api/v1/deployments/:d/series', async (request) => {
    const q = parse(seriesSchema, request.query);
    return series(d.store, d.baseline, { deployment: request.params.d, metric: q.metric, category: q.category, ...resolveRange(q, d.clock.now()) });
  });
  app.get<{ Params: { d: string } }>('/api/v1/deployments/:d/categories', async (request) => {
    const q = parse(rangeSchema, request.query);
    return categorySeries(d.store, d.baseline, { deployment: request.params.d, ...resolveRange(q, d.clock.now()) });
  });
  app.get<{ Params: { d: string } }>('/api/v1/deployments/:d/distributions', async (request) => {
    const q = parse(z.object({ window: num.min(60_000).max(30 * DAY_MS).default(3_600_000), reference: num.min(60_000).max(90 * DAY_MS).default(7 * DAY_MS) }), request.query);
    return distributions(d.store, d.baseline, { deployment: request.params.d, nowMs: d.clock.now(), windowMs: q.window, referenceMs: q.reference });
  });
}
