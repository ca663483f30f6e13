/**
 * A minimal OpenAI-compatible client for judge calls (vLLM, TGI, Ollama, hosted APIs): one POST
 * per call, an overall timeout, and retries with exponential back-off on network errors, 408,
 * 429 and 5xx. Other 4xx answers are configuration mistakes and fail at once with the server's
 * message.
 */
import { request, type Dispatcher } from 'undici';
import { ArgusError, invalidInput } from '../../core/errors.js';
import type { ChatMessage } from '../../core/classify/types.js';

export interface JudgeEndpoint {
  /** Base URL including the API prefix, e.g. "http://localhost:8000/v1". */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Per attempt, headers and body together. Default 30,000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first. Default 2. */
  retries?: number;
  /** First back-off; doubles each retry. Default 250 ms. */
  retryBaseMs?: number;
  maxTokens?: number;
  /** undici dispatcher (connection pool / proxy); default: undici's global one. */
  dispatcher?: Dispatcher;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export interface JudgeClient {
  chat(messages: readonly ChatMessage[]): Promise<string>;
  complete(prompt: string): Promise<string>;
}

export function createJudgeClient(endpoint: JudgeEndpoint): JudgeClient {
  let base: URL;
  try {
    base = new URL(endpoint.baseUrl.endsWith('/') ? endpoint.baseUrl : `${endpoint.baseUrl}/`);
  } catch {
    throw invalidInput(`judge baseUrl ${JSON.stringify(endpoint.baseUrl)} is not a URL`);
  }
  if (!endpoint.model) throw invalidInput('judge model name is empty');
  const timeoutMs = endpoint.timeoutMs ?? 30_000;
  const retries = endpoint.retries ?? 2;
  const retryBaseMs = endpoint.retryBaseMs ?? 250;
  if (!(timeoutMs > 0) || !(retries >= 0) || !Number.isInteger(retries)) {
    throw invalidInput(`judge timeoutMs must be > 0 and retries a non-negative integer, got ${timeoutMs}, ${retries}`);
  }
  const sleep = endpoint.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function post(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = new URL(path, base);
    let lastError: ArgusError | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryBaseMs * 2 ** (attempt - 1));
      try {
        const res = await request(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
          ...(endpoint.dispatcher ? { dispatcher: endpoint.dispatcher } : {}),
        });
        const text = await res.body.text();
        if (res.statusCode >= 200 && res.statusCode < 300) {
          try {
            return JSON.parse(text) as Record<string, unknown>;
          } catch {
            throw new ArgusError('ARGUS_ERR_UPSTREAM', `judge ${url} returned non-JSON: ${JSON.stringify(text.slice(0, 160))}`);
          }
        }
        lastError = new ArgusError('ARGUS_ERR_UPSTREAM', `judge ${url} answered HTTP ${res.statusCode}: ${text.slice(0, 200)}`, {
          details: { status: res.statusCode, attempt: attempt + 1 },
        });
        if (!RETRYABLE.has(res.statusCode)) throw lastError;
      } catch (err) {
        if (err instanceof ArgusError) {
          if (err.details?.status !== undefined && RETRYABLE.has(err.details.status as number)) continue;
          throw err;
        }
        const name = (err as { name?: string }).name;
        lastError = name === 'TimeoutError' || name === 'AbortError'
          ? new ArgusError('ARGUS_ERR_UPSTREAM_TIMEOUT', `judge ${url} did not answer within ${timeoutMs} ms (attempt ${attempt + 1} of ${retries + 1})`, { cause: err })
          : new ArgusError('ARGUS_ERR_UPSTREAM', `judge ${url} could not be reached: ${(err as Error).message}`, { cause: err });
      }
    }
    throw lastError ?? new ArgusError('ARGUS_ERR_UPSTREAM', `judge ${url} failed`);
  }

  const common = { model: endpoint.model, temperature: 0, max_tokens: endpoint.maxTokens ?? 64 };

  return {
    async chat(messages) {
      const json = await post('chat/completions', { ...common, messages });
      const content = (json.choices as { message?: { content?: unknown } }[] | undefined)?.[0]?.message?.content;
      if (typeof content !== 'string') throw new ArgusError('ARGUS_ERR_UPSTREAM', 'judge chat answer has no choices[0].message.content');
      return content;
    },
    async complete(prompt) {
      const json = await post('completions', { ...common, prompt });
      const text = (json.choices as { text?: unknown }[] | undefined)?.[0]?.text;
      if (typeof text !== 'string') throw new ArgusError('ARGUS_ERR_UPSTREAM', 'judge completion answer has no choices[0].text');
      return text;
    },
  };
}
