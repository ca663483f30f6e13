import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import { createSseAssembler, parseOpenAiRequest, parseOpenAiResponse, type CapturedExchange } from '../../core/gateway/openai-capture.js';
import type { Metrics } from '../../app/metrics.js';
import type { Clock } from '../../core/clock.js';
import { firstHeader, requestHeadersForUpstream, responseHeadersForClient } from './headers.js';
import { proxyRequest } from './proxy.js';
import { createUpstreamSplitter, type UpstreamRouter, type UpstreamSplitter } from './upstream.js';

export interface GatewayDeps {
  router: UpstreamRouter;
  dispatcher: Dispatcher;
  defaultDeployment: string;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Most response bytes kept for capture; the client always gets everything. */
  maxCaptureBytes: number;
  metrics: Metrics;
  /** Stamps each exchange (a simulation runs Argus on scenario time). */
  clock: Clock;
  /** Called after the response has ended, off the response path. Must not throw (it is guarded anyway). */
  onExchange: (exchange: GatewayExchange) => void;
}

export interface GatewayExchange extends CapturedExchange {
  deployment: string;
  route: 'chat' | 'completion';
  status: number;
  latencyMs: number;
  startedMs: number;
  truncated: boolean;
  headerUser: string | undefined;
}

type Route = 'chat' | 'completion' | 'models';

/**
 * The OpenAI-compatible gateway. Bytes pass through unchanged, chunk by chunk; capture is a
 * side channel read after the response ends, so a failure there never reaches the client.
 */
export function registerGatewayRoutes(app: FastifyInstance, d: GatewayDeps): void {
  const split = createUpstreamSplitter();
  app.post('/v1/chat/completions', { bodyLimit: d.maxBodyBytes }, (req, reply) => forward(d, split, req, reply, 'chat', '/v1/chat/completions'));
  app.post('/v1/completions', { bodyLimit: d.maxBodyBytes }, (req, reply) => forward(d, split, req, reply, 'completion', '/v1/completions'));
  app.get('/v1/models', (req, reply) => forward(d, split, req, reply, 'models', '/v1/models'));
}

function openAiError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ error: { message, type: 'argus_gateway_error', code } });
}

async function forward(d: GatewayDeps, split: UpstreamSplitter, req: FastifyRequest, reply: FastifyReply, route: Route, path: string): Promise<unknown> {
  const startedMs = d.clock.now();
  const started = performance.now();
  const deployment = firstHeader(req.headers, 'x-argus-deployment') ?? d.defaultDeployment;
  const target = d.router.route(deployment);
  if (!target) return openAiError(reply, 502, 'ARGUS_ERR_UPSTREAM', `no upstream is configured for deployment '${deployment}' (set gateway.upstream.url or --upstream)`);

  const rawBody = Buffer.isBuffer(req.body) ? req.body : undefined;
  // The request is parsed on the response path only when the model must be replaced; capture
  // parses it after the response has ended.
  let parsed: { json: unknown } | undefined;
  const requestJson = (): unknown => {
    if (parsed) return parsed.json;
    let json: unknown;
    if (rawBody && route !== 'models') {
      try { json = JSON.parse(rawBody.toString('utf8')); } catch { json = undefined; }
    }
    parsed = { json };
    return json;
  };
  const override = target.modelOverride ? requestJson() : undefined;
  const body = target.modelOverride && override && typeof override === 'object'
    ? Buffer.from(JSON.stringify({ ...(override as object), model: target.modelOverride }))
    : rawBody;

  const { origin, path: upstreamPath } = split(target.baseUrl, path);
  const capture = route !== 'models';
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let truncated = false;
  let sse: ReturnType<typeof createSseAssembler> | undefined;
  let first = true;
  const outcome = await proxyRequest(reply.raw, {
    dispatcher: d.dispatcher, origin, path: upstreamPath, method: req.method as Dispatcher.HttpMethod,
    headers: requestHeadersForUpstream(req.headers, target.apiKey), body: route === 'models' ? undefined : body, timeoutMs: d.timeoutMs,
    onStart: () => { reply.hijack(); },
    responseHeaders: responseHeadersForClient,
    onChunk: (buf, status, contentType) => {
      if (!capture || status < 200 || status >= 300) return;
      if (first) { first = false; if (contentType.includes('text/event-stream')) sse = createSseAssembler(); }
      if (keptBytes + buf.length <= d.maxCaptureBytes) {
        if (sse) sse.push(buf); else kept.push(buf);
        keptBytes += buf.length;
      } else {
        truncated = true;
      }
    },
  });
  if (outcome.kind !== 'done') {
    d.metrics.gatewayRequests.inc({ route, status_class: outcome.kind === 'aborted' ? 'aborted' : 'error' });
    if (outcome.kind === 'aborted' || outcome.reason === 'client_left') return reply;
    if (outcome.reason === 'timeout') return openAiError(reply, 504, 'ARGUS_ERR_UPSTREAM_TIMEOUT', `the upstream model did not answer within ${d.timeoutMs} ms`);
    return openAiError(reply, 502, 'ARGUS_ERR_UPSTREAM', `cannot reach the upstream model at ${target.baseUrl}: ${outcome.message}`);
  }
  const res = { statusCode: outcome.status };
  const latencyMs = performance.now() - started;
  d.metrics.gatewayRequests.inc({ route, status_class: `${Math.floor(res.statusCode / 100)}xx` });
  d.metrics.gatewayUpstreamDuration.observe({ route }, latencyMs / 1000);
  if (!capture || res.statusCode < 200 || res.statusCode >= 300) return reply;

  setImmediate(() => {
    const end = d.metrics.stageDuration.startTimer({ stage: 'capture' });
    try {
      const request = parseOpenAiRequest(requestJson(), route as 'chat' | 'completion');
      const response = sse ? sse.result() : parseOpenAiResponse(Buffer.concat(kept).toString('utf8'));
      d.onExchange({
        ...request, ...response, deployment, route: route as 'chat' | 'completion', status: res.statusCode,
        latencyMs, startedMs, truncated, headerUser: firstHeader(req.headers, 'x-argus-user'),
        model: target.modelOverride ?? request.model,
      });
    } catch (err) {
      d.metrics.internalErrors.inc({ stage: 'capture' });
      req.log.error({ err }, 'gateway capture failed; the client was not affected');
    } finally {
      end();
    }
  });
  return reply;
}
