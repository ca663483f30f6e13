import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface OpsDeps {
  registry: Registry;
  /** Returns a reason when Argus cannot take traffic (store down, still starting); undefined when ready. */
  notReadyReason: () => Promise<string | undefined>;
}

/** `/healthz`: the process is alive. `/readyz`: it can store events. `/metrics`: Prometheus text. */
export function registerOpsRoutes(app: FastifyInstance, d: OpsDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const reason = await d.notReadyReason();
    if (reason) return reply.status(503).send({ status: 'not_ready', reason });
    return { status: 'ready' };
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await d.registry.metrics();
    return reply.header('content-type', d.registry.contentType).send(text);
  });
}
