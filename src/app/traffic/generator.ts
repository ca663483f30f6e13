import { setMaxListeners } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { Agent, request } from 'undici';
import type { Clock } from '../../core/clock.js';
import { invalidInput } from '../../core/errors.js';
import { buildPromptCatalogue, type PromptCatalogue, type PromptKind } from '../../core/simulate/catalogue.js';
import { createRng, hashSeed } from '../../core/simulate/prng.js';
import type { Scenario } from '../../core/simulate/scenario.js';
import { createPromptPicker, type TrafficMix } from '../../core/simulate/traffic-mix.js';
import { systemClock } from '../../adapters/system-clock.js';
import { textFromJson, textFromSse } from './sse.js';

export interface TrafficOptions {
  /** Any OpenAI-compatible base URL, with or without a trailing /v1 (the Argus gateway in the demo). */
  baseUrl: string;
  model: string;
  /** Sent as x-argus-deployment. */
  deployment: string;
  ratePerS: number;
  concurrency: number;
  maxRequests: number;
  maxDurationMs: number;
  seed: number;
  /** Share of chat requests sent with stream: true (default 0.3). */
  streamShare?: number;
  /** Share sent to /v1/completions instead of /v1/chat/completions (default 0). */
  completionsShare?: number;
  /** Number of distinct simulated users, sent as x-argus-user (default 200). */
  users?: number;
  mix?: TrafficMix;
  /** With scenarioNowMs, the backdoor phase decides when trigger prompts are sent. */
  scenario?: Scenario;
  scenarioNowMs?: () => number;
  triggerShareOverride?: number;
  catalogue?: PromptCatalogue;
  /** Extra headers, e.g. authorization. */
  headers?: Record<string, string>;
  /** Per-request timeout (default 30 s). In-flight requests are abandoned this long after the end. */
  requestTimeoutMs?: number;
  keepResponses?: boolean;
  /** Keep every record in memory for the summary (default true; turn off for long runs). */
  keepRecords?: boolean;
  /** Appends one JSON line of ground truth per request. */
  jsonlPath?: string;
  onRecord?: (record: TrafficRecord) => void;
  signal?: AbortSignal;
  clock?: Clock;
}

/** Ground truth and outcome of one request, for scoring. */
export interface TrafficRecord {
  seq: number;
  sentAtMs: number;
  scenarioMs: number | null;
  user: string;
  endpoint: 'chat' | 'completions';
  stream: boolean;
  promptId: string;
  prompt: string;
  kind: PromptKind;
  category: string;
  harmful: boolean;
  jailbreak: boolean;
  trigger: boolean;
  pii: boolean;
  expected: string;
  status: number;
  latencyMs: number;
  responseText?: string;
  error?: string;
}

export interface TrafficSummary {
  sent: number;
  ok: number;
  failed: number;
  durationMs: number;
  achievedRatePerS: number;
  /** Largest delay between a request's scheduled and actual send time (concurrency saturation). */
  maxLagMs: number;
  byKind: Record<string, number>;
  records: TrafficRecord[];
}

function validate(o: TrafficOptions): void {
  if (!(o.ratePerS > 0)) throw invalidInput(`ratePerS must be positive, got ${o.ratePerS}`);
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw invalidInput(`concurrency must be a positive integer, got ${o.concurrency}`);
  if (!Number.isInteger(o.maxRequests) || o.maxRequests < 0) throw invalidInput(`maxRequests must be a non-negative integer, got ${o.maxRequests}`);
  if (!(o.maxDurationMs > 0)) throw invalidInput(`maxDurationMs must be positive, got ${o.maxDurationMs}`);
  if (!/^https?:\/\//.test(o.baseUrl)) throw invalidInput(`baseUrl must be an http(s) URL, got '${o.baseUrl}'`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Sends a paced, bounded stream of requests: request i is due at start + i / ratePerS, at most
 * `concurrency` are in flight, and sending stops after `maxRequests` or `maxDurationMs`
 * (whichever comes first). The HTTP request carries only what a real client would send; the
 * ground truth stays in the returned records (and the JSONL file).
 */
export async function runTraffic(options: TrafficOptions): Promise<TrafficSummary> {
  validate(options);
  const clock = options.clock ?? systemClock;
  const root = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const catalogue = options.catalogue ?? buildPromptCatalogue(options.scenario ? { trigger: options.scenario.trigger } : {});
  const picker = createPromptPicker({
    catalogue, seed: hashSeed(options.seed, 'prompts'), ...(options.mix ? { mix: options.mix } : {}),
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.triggerShareOverride === undefined ? {} : { triggerShareOverride: options.triggerShareOverride }),
  });
  const rng = createRng(hashSeed(options.seed, 'requests'));
  const users = options.users ?? 200;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const dispatcher = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000 });
  const abort = new AbortController();
  // Every in-flight request listens on this one signal; more than ten is expected, not a leak.
  setMaxListeners(0, abort.signal);
  const onOuterAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onOuterAbort);
  let out: WriteStream | undefined;
  if (options.jsonlPath) out = createWriteStream(options.jsonlPath, { flags: 'a' });

  const records: TrafficRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const startMs = clock.now();
  const intervalMs = 1000 / options.ratePerS;
  const counts = { sent: 0, ok: 0, byKind: {} as Record<string, number> };
  let maxLagMs = 0;
  let seq = 0;

  const sendOne = async (n: number): Promise<void> => {
    const scenarioMs = options.scenarioNowMs ? options.scenarioNowMs() : null;
    const prompt = picker.pick(scenarioMs ?? 0);
    const endpoint = rng.chance(options.completionsShare ?? 0) ? 'completions' : 'chat';
    const stream = rng.chance(options.streamShare ?? 0.3);
    const user = `user-${String(rng.int(users)).padStart(4, '0')}`;
    const body = endpoint === 'chat'
      ? { model: options.model, stream, messages: [{ role: 'user', content: prompt.text }] }
      : { model: options.model, stream, prompt: prompt.text };
    const sentAtMs = clock.now();
    const base = {
      seq: n, sentAtMs, scenarioMs, user, endpoint, stream, promptId: prompt.id, prompt: prompt.text, kind: prompt.kind, category: prompt.category,
      harmful: prompt.harmful, jailbreak: prompt.jailbreak, trigger: prompt.trigger, pii: prompt.pii, expected: prompt.expected,
    } as const;
    let record: TrafficRecord;
    try {
      const res = await request(`${root}/v1/${endpoint === 'chat' ? 'chat/completions' : 'completions'}`, {
        method: 'POST', dispatcher, body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-argus-deployment': options.deployment, 'x-argus-user': user, ...options.headers },
        signal: abort.signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
      });
      const text = await res.body.text();
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const answer = !ok ? undefined : stream ? textFromSse(text).text : textFromJson(text);
      record = { ...base, status: res.statusCode, latencyMs: clock.now() - sentAtMs,
        ...(options.keepResponses && answer !== undefined ? { responseText: answer } : {}),
        ...(ok ? {} : { error: text.slice(0, 300) }) };
    } catch (err) {
      record = { ...base, status: 0, latencyMs: clock.now() - sentAtMs, error: err instanceof Error ? err.message : String(err) };
    }
    if (options.keepRecords !== false) records.push(record);
    counts.sent += 1;
    if (record.status >= 200 && record.status < 300) counts.ok += 1;
    counts.byKind[record.kind] = (counts.byKind[record.kind] ?? 0) + 1;
    out?.write(`${JSON.stringify(record)}\n`);
    options.onRecord?.(record);
  };

  try {
    while (seq < options.maxRequests && !abort.signal.aborted) {
      const dueMs = startMs + seq * intervalMs;
      if (dueMs - startMs >= options.maxDurationMs) break;
      const waitMs = dueMs - clock.now();
      if (waitMs > 0) await sleep(waitMs);
      if (clock.now() - startMs >= options.maxDurationMs || abort.signal.aborted) break;
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      maxLagMs = Math.max(maxLagMs, clock.now() - dueMs);
      const p: Promise<void> = sendOne(seq++).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    const drain = Promise.all(inFlight);
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    await drain;
    clearTimeout(timer);
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    await dispatcher.close();
    if (out) await new Promise<void>((r) => out.end(r));
  }

  const durationMs = clock.now() - startMs;
  records.sort((a, b) => a.seq - b.seq);
  return {
    sent: counts.sent, ok: counts.ok, failed: counts.sent - counts.ok, durationMs,
    achievedRatePerS: durationMs > 0 ? (counts.sent * 1000) / durationMs : 0, maxLagMs, byKind: counts.byKind, records,
  };
}
