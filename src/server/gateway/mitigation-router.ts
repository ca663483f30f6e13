import type { FastifyInstance } from 'fastify';
import type { MitigationController } from '../../app/response/mitigation-controller.js';
import { firstHeader } from './headers.js';
import type { UpstreamRouter, UpstreamTarget } from './upstream.js';

/**
 * Wraps the configured router: while a deployment is reverted (an active route_base mitigation),
 * its traffic goes to the base model: the base upstream if one is configured, else the same
 * upstream, with the request's `model` replaced by the base model's name. Consulted on every
 * request, from memory, so a mitigation takes effect on the next request.
 */
export function mitigationRouter(inner: UpstreamRouter, m: Pick<MitigationController, 'effective' | 'baseTarget'>): UpstreamRouter {
  return {
    route(deployment: string): UpstreamTarget | undefined {
      const normal = inner.route(deployment);
      if (!m.effective(deployment).routeBase) return normal;
      const base = m.baseTarget(deployment);
      if (!base) return normal;
      const baseUrl = base.baseUrl ?? normal?.baseUrl;
      if (!baseUrl) return normal;
      return { baseUrl, apiKey: base.baseUrl ? base.apiKey : (base.apiKey ?? normal?.apiKey), modelOverride: base.baseModel };
    },
  };
}

/**
 * Rate limiting for deployments under a rate_limit mitigation: 429 with Retry-After (seconds) in
 * the OpenAI error shape, before anything is forwarded. Other deployments are not touched.
 */
export function installGatewayRateLimit(app: FastifyInstance, m: Pick<MitigationController, 'admit'>, defaultDeployment: string): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (path !== '/v1/chat/completions' && path !== '/v1/completions') return;
    const deployment = firstHeader(req.headers, 'x-argus-deployment') ?? defaultDeployment;
    const verdict = m.admit(deployment);
    if (verdict.ok) return;
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    await reply.status(429).header('retry-after', String(seconds)).send({
      error: { message: `deployment '${deployment}' is rate-limited by an Argus mitigation; retry after ${seconds} s`, type: 'rate_limit_exceeded', code: 'ARGUS_ERR_SATURATED' },
    });
  });
}
