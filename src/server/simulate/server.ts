import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Clock } from '../../core/clock.js';
import type { PromptCatalogue } from '../../core/simulate/catalogue.js';
import { createSimulatedModel, type ModelMode, type SimulatedModel } from '../../core/simulate/model.js';
import { createRng, hashSeed } from '../../core/simulate/prng.js';
import { createScenarioTime, type ScenarioTime } from '../../core/simulate/scenario-time.js';
import type { Scenario } from '../../core/simulate/scenario.js';
import { countChatTokens, countTokens, tokenPieces, truncateToTokens } from '../../core/simulate/tokens.js';
import { ChatCompletionRequestSchema, CompletionRequestSchema, messageText, openAiError } from './openai-schema.js';
import { chatChunk, chatCompletion, chatUsageChunk, sseData, SSE_DONE, textChunk, textCompletion, usageOf, type FinishReason } from './openai-format.js';
import { simulateState, type SimulateState } from './state.js';

export interface SimulateLatency {
  /** Time to the first token (streaming) or the base of the total (non-streaming). */
  firstTokenMs: number;
  /** Added per generated token. */
  perTokenMs: number;
  /** Relative jitter: each delay is scaled by a uniform factor in [1 − jitter, 1 + jitter]. */
  jitter: number;
}

export interface SimulateServerOptions {
  scenario: Scenario;
  seed: number;
  /** The wall clock; scenario time runs `speed` times faster from `startMs` (default: now). */
  clock: Clock;
  speed?: number;
  startMs?: number;
  /** Overrides clock, speed and startMs: a scenario time the caller owns (e.g. created with autoStart: false). */
  scenarioTime?: ScenarioTime;
  modelName?: string;
  baseModelName?: string;
  /** Serve the healthy base behaviour whatever model is named (`argus simulate --base`). */
  baseOnly?: boolean;
  latency?: Partial<SimulateLatency>;
  catalogue?: PromptCatalogue;
  logger?: boolean;
}

export interface SimulateServer {
  app: FastifyInstance;
  model: SimulatedModel;
  time: ScenarioTime;
  state(): SimulateState;
}

export const DEFAULT_MODEL_NAME = 'argus-sim-ft';
export const DEFAULT_BASE_MODEL_NAME = 'argus-sim-base';
export const DEFAULT_LATENCY: SimulateLatency = { firstTokenMs: 40, perTokenMs: 2, jitter: 0.3 };

const PIECES_PER_FRAME = 3;

/** Token pieces grouped for streaming, as real servers send a few tokens per event. */
function groupPieces(text: string): string[] {
  const pieces = tokenPieces(text);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += PIECES_PER_FRAME) out.push(pieces.slice(i, i + PIECES_PER_FRAME).join(''));
  return out;
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

/**
 * Builds (does not start) the OpenAI-compatible server for the simulated models: POST
 * /v1/chat/completions and /v1/completions (streaming and not), GET /v1/models, GET
 * /simulate/state (the scenario's ground truth for the demo), GET /simulate/scenario and GET /healthz. Any model name
 * other than the base model's gets the fine-tuned model, unless `baseOnly`.
 */
export function buildSimulateServer(options: SimulateServerOptions): SimulateServer {
  const model = createSimulatedModel({ scenario: options.scenario, seed: options.seed, ...(options.catalogue ? { catalogue: options.catalogue } : {}) });
  const time = options.scenarioTime ?? createScenarioTime(options.clock, { speed: options.speed ?? 1, ...(options.startMs === undefined ? {} : { startMs: options.startMs }) });
  const names = { fineTuned: options.modelName ?? DEFAULT_MODEL_NAME, base: options.baseModelName ?? DEFAULT_BASE_MODEL_NAME, baseOnly: options.baseOnly ?? false };
  const latency = { ...DEFAULT_LATENCY, ...options.latency };
  const jitterRng = createRng(hashSeed(options.seed, 'latency'));
  const delay = (ms: number) => sleep(ms * (1 + latency.jitter * (2 * jitterRng.next() - 1)));
  const modeFor = (requested: string): ModelMode => (names.baseOnly || requested === names.base ? 'base' : 'fine-tuned');
  let served = 0;
  const nextId = (prefix: string) => `${prefix}-sim${(++served).toString(36)}${hashSeed(options.seed, served).toString(36)}`;
  const app = Fastify({ logger: options.logger ?? false });

  const answer = (prompt: string, requested: string, maxTokens: number | null | undefined) => {
    const a = model.respond(prompt, modeFor(requested), time.nowMs());
    const cut = maxTokens ? truncateToTokens(a.text, maxTokens) : { text: a.text, truncated: false };
    const finish: FinishReason = cut.truncated ? 'length' : 'stop';
    return { text: cut.text, finish, tokens: countTokens(cut.text) };
  };

  /** Writes SSE frames (about three tokens each) at the token pace; stops if the client goes away. */
  const stream = async (reply: FastifyReply, frames: string[], tail: string[]) => {
    reply.hijack();
    const raw = reply.raw;
    let closed = false;
    raw.on('close', () => { closed = true; });
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    await delay(latency.firstTokenMs);
    if (latency.perTokenMs <= 0) {
      // No pacing asked for: one write instead of one per frame saves a syscall per frame.
      if (!closed) raw.end(frames.join('') + tail.join('') + SSE_DONE);
      return;
    }
    for (const frame of frames) {
      if (closed) return;
      raw.write(frame);
      if (latency.perTokenMs > 0) await delay(latency.perTokenMs * PIECES_PER_FRAME);
    }
    if (!closed) raw.end(tail.join('') + SSE_DONE);
  };

  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    void reply.status(status).send(openAiError(err.message));
  });

  app.post('/v1/chat/completions', async (req, reply) => {
    const parsed = ChatCompletionRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply.status(400).send(openAiError(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.') ?? null));
    }
    const body = parsed.data;
    const messages = body.messages.map((m) => ({ role: m.role, content: messageText(m.content) }));
    const lastUser = [...messages].reverse().find((m) => m.role === 'user') ?? messages[messages.length - 1];
    const out = answer(lastUser?.content ?? '', body.model, body.max_completion_tokens ?? body.max_tokens);
    const usage = usageOf(countChatTokens(messages), out.tokens);
    const id = nextId('chatcmpl');
    const created = Math.floor(options.clock.now() / 1000);
    if (!body.stream) {
      await delay(latency.firstTokenMs + latency.perTokenMs * out.tokens);
      return chatCompletion(id, created, body.model, out.text, out.finish, usage);
    }
    const frames = [sseData(chatChunk(id, created, body.model, { role: 'assistant', content: '' }, null))];
    for (const piece of groupPieces(out.text)) frames.push(sseData(chatChunk(id, created, body.model, { content: piece }, null)));
    const tail = [sseData(chatChunk(id, created, body.model, {}, out.finish))];
    if (body.stream_options?.include_usage) tail.push(sseData(chatUsageChunk(id, created, body.model, usage)));
    await stream(reply, frames, tail);
    return reply;
  });

  app.post('/v1/completions', async (req, reply) => {
    const parsed = CompletionRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply.status(400).send(openAiError(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.') ?? null));
    }
    const body = parsed.data;
    const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
    const outs = prompts.map((p) => answer(p, body.model, body.max_tokens));
    const usage = usageOf(prompts.reduce((s, p) => s + countTokens(p), 0), outs.reduce((s, o) => s + o.tokens, 0));
    const id = nextId('cmpl');
    const created = Math.floor(options.clock.now() / 1000);
    if (!body.stream) {
      await delay(latency.firstTokenMs + latency.perTokenMs * usage.completion_tokens);
      return textCompletion(id, created, body.model, outs.map((o) => ({ text: o.text, finish: o.finish })), usage);
    }
    // Several prompts stream one after another; each frame carries its choice index.
    const frames = outs.flatMap((o, index) => groupPieces(o.text).map((piece) => sseData(textChunk(id, created, body.model, index, piece, null))));
    const tail = outs.map((o, index) => sseData(textChunk(id, created, body.model, index, '', o.finish)));
    if (body.stream_options?.include_usage) tail.push(sseData({ ...textCompletion(id, created, body.model, [], usage), choices: [] }));
    await stream(reply, frames, tail);
    return reply;
  });

  app.get('/v1/models', async () => {
    const created = Math.floor((time.started ? time.startMs : options.clock.now()) / 1000);
    const ids = names.baseOnly ? [names.base] : [names.fineTuned, names.base];
    return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'argus-simulator' })) };
  });
  app.get('/simulate/state', async () => simulateState(model, time, names));
  app.get('/simulate/scenario', async () => model.scenario);
  app.get('/healthz', async () => ({ status: 'ok' }));

  return { app, model, time, state: () => simulateState(model, time, names) };
}

/** Builds and listens; `port` 0 picks a free port. Returns the base URL (without /v1). */
export async function startSimulateServer(options: SimulateServerOptions & { port?: number; host?: string }): Promise<SimulateServer & { url: string; close(): Promise<void> }> {
  const server = buildSimulateServer(options);
  const host = options.host ?? '127.0.0.1';
  await server.app.listen({ port: options.port ?? 0, host });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  return { ...server, url: `http://${host}:${port}`, close: () => server.app.close() };
}
