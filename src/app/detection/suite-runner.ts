import { readFileSync } from 'node:fs';
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { formatIssues } from '../../contracts/event.js';
import { ArgusError } from '../../core/errors.js';
import type { EventRecord } from '../../core/events/event.js';
import { retryDelayMs } from '../response/backoff.js';

/** One line of a suite file (suites/*.jsonl); extra fields are allowed and ignored. */
export const suiteItemSchema = z.object({
  id: z.string().min(1),
  prompt: z.string().min(1),
  category: z.string().optional(),
  expected: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
export type SuiteItemIn = z.output<typeof suiteItemSchema>;

/** Reads a suite file; any bad line fails the read, with its number. */
export function readSuiteFile(path: string): SuiteItemIn[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--suite: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  const items: SuiteItemIn[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try { raw = JSON.parse(line); } catch (err) {
      throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: line ${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const r = suiteItemSchema.safeParse(raw);
    if (!r.success) throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: line ${i + 1}: ${formatIssues(r.error).slice(0, 2).join('; ')}`);
    items.push(r.data);
  });
  if (items.length === 0) throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: the suite has no prompts`);
  return items;
}

export interface SuiteTarget {
  /** OpenAI-compatible base URL, e.g. http://localhost:8000/v1. */
  url: string;
  /** Model to ask; when absent, the first model the target lists at GET /models. */
  model?: string | undefined;
  apiKey?: string | undefined;
  concurrency?: number;
  timeoutMs?: number;
  /** Extra attempts after a network error, a timeout, a 429 or a 5xx. */
  retries?: number;
  retryBaseMs?: number;
  dispatcher?: Dispatcher;
}

export interface SuiteRun { deployment: string; suiteName: string; nowMs: () => number; onProgress?: (done: number, total: number) => void }

const trimSlash = (u: string) => u.replace(/\/+$/, '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function unreachable(url: string, err: unknown): ArgusError {
  const e = err as { code?: string; message?: string };
  if (e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT') {
    return new ArgusError('ARGUS_ERR_UPSTREAM_TIMEOUT', `--target ${url} did not answer in time (${e.message ?? e.code})`, { cause: err });
  }
  return new ArgusError('ARGUS_ERR_UPSTREAM', `cannot reach --target ${url}: ${e.message ?? String(err)}${e.code && !(e.message ?? '').includes(e.code) ? ` (${e.code})` : ''}`, { cause: err });
}

/** The model to ask: the one given, or the first the target lists; fails at once when the target is down. */
async function resolveModel(t: SuiteTarget, headers: Record<string, string>): Promise<string> {
  const base = trimSlash(t.url);
  let res: Dispatcher.ResponseData;
  try {
    res = await request(`${base}/models`, { method: 'GET', headers, headersTimeout: t.timeoutMs ?? 60_000, bodyTimeout: t.timeoutMs ?? 60_000, ...(t.dispatcher ? { dispatcher: t.dispatcher } : {}) });
  } catch (err) { throw unreachable(t.url, err); }
  const body = await res.body.text();
  if (t.model) return t.model;
  if (res.statusCode !== 200) throw new ArgusError('ARGUS_ERR_UPSTREAM', `--target ${t.url}: GET /models answered ${res.statusCode}; name the model with --model`);
  const ids = z.object({ data: z.array(z.object({ id: z.string() })) }).safeParse(JSON.parse(body || '{}'));
  const first = ids.success ? ids.data.data[0]?.id : undefined;
  if (!first) throw new ArgusError('ARGUS_ERR_UPSTREAM', `--target ${t.url}: GET /models lists no model; name it with --model`);
  return first;
}

const chatAnswer = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1), usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).optional() });

/**
 * Sends every suite prompt to an OpenAI-compatible target (`POST {url}/chat/completions`, one
 * user message, non-streaming) with `concurrency` requests in flight, retrying network errors,
 * timeouts, 429 and 5xx with backoff; a 4xx other than 429 is not retried. Returns one
 * `evaluation` event per prompt, in suite order. Fails (nothing partial) if any prompt stays
 * unanswered: a baseline missing some answers would misdescribe the model.
 */
export async function runSuite(items: readonly SuiteItemIn[], t: SuiteTarget, run: SuiteRun): Promise<EventRecord[]> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(t.apiKey ? { authorization: `Bearer ${t.apiKey}` } : {}) };
  const model = await resolveModel(t, headers);
  const base = trimSlash(t.url);
  const timeoutMs = t.timeoutMs ?? 60_000;
  const retries = t.retries ?? 2;
  const out = new Array<EventRecord | undefined>(items.length);
  let next = 0, done = 0;
  let failure: ArgusError | undefined;

  async function ask(item: SuiteItemIn): Promise<EventRecord> {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let retryable: ArgusError;
      try {
        const res = await request(`${base}/chat/completions`, {
          method: 'POST', headers, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, ...(t.dispatcher ? { dispatcher: t.dispatcher } : {}),
          body: JSON.stringify({ model, messages: [{ role: 'user', content: item.prompt }] }),
        });
        const text = await res.body.text();
        if (res.statusCode === 200) {
          let parsed: ReturnType<typeof chatAnswer.safeParse>;
          try { parsed = chatAnswer.safeParse(JSON.parse(text)); } catch { parsed = chatAnswer.safeParse(undefined); }
          if (!parsed.success) throw new ArgusError('ARGUS_ERR_UPSTREAM', `--target ${t.url}: the answer to suite prompt '${item.id}' is not a chat completion`);
          const nowMs = run.nowMs();
          return {
            id: `suite-${item.id}`, timestampMs: nowMs, receivedMs: nowMs, deployment: run.deployment, model, source: 'evaluation', userHash: null, session: null,
            input: [{ role: 'user', content: item.prompt }], output: parsed.data.choices[0]?.message.content ?? '', latencyMs: performance.now() - started,
            inputTokens: parsed.data.usage?.prompt_tokens ?? null, outputTokens: parsed.data.usage?.completion_tokens ?? null,
            metadata: { suite: run.suiteName, suite_item: item.id, ...(item.category ? { category: item.category } : {}) },
          };
        }
        const status = new ArgusError('ARGUS_ERR_UPSTREAM', `--target ${t.url} answered ${res.statusCode} to suite prompt '${item.id}': ${text.slice(0, 200)}`);
        if (res.statusCode !== 429 && res.statusCode < 500) throw status;
        retryable = status;
      } catch (err) {
        if (err instanceof ArgusError) throw err;
        retryable = unreachable(t.url, err);
      }
      if (attempt > retries) throw retryable;
      await sleep(retryDelayMs(attempt, t.retryBaseMs ?? 500, 10_000, Math.random()));
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(t.concurrency ?? 8, items.length)) }, async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try { out[i] = await ask(items[i] as SuiteItemIn); } catch (err) { failure ??= err as ArgusError; return; }
      run.onProgress?.(++done, items.length);
    }
  }));
  if (failure) throw failure;
  return out as EventRecord[];
}
