import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJudgeClient } from '../src/adapters/llm-judge/client.js';
import { buildLlamaGuardPrompt, parseLlamaGuardAnswer } from '../src/adapters/llm-judge/llama-guard.js';
import { parseGenericJudgeAnswer } from '../src/adapters/llm-judge/generic-judge.js';
import { createLlmJudgeClassifier, harmCategoryFromVerdict } from '../src/adapters/llm-judge/llm-judge.js';
import { ArgusError } from '../src/core/errors.js';

/**
 * A local server that speaks the OpenAI protocol and plays a guard model: it reads the last turn
 * and answers "unsafe\nS9" when it mentions a bomb, "unsafe\nS2,S7" for "stalk", else "safe".
 * Paths under /flaky/ fail twice with 503, /slow/ never answers in time, /bad/ returns 400.
 */
interface Seen { path: string; body: Record<string, unknown>; auth: string | undefined }
const seen: Seen[] = [];
const attempts = new Map<string, number>();
let server: Server;
let baseUrl: string;

function verdictFor(text: string): string {
  if (/bomb/i.test(text)) return 'unsafe\nS9';
  if (/stalk/i.test(text)) return 'unsafe\nS2,S7<|eot_id|>';
  return 'safe';
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw) as Record<string, unknown>;
  const path = req.url ?? '';
  seen.push({ path, body, auth: req.headers.authorization });
  const n = (attempts.get(path) ?? 0) + 1;
  attempts.set(path, n);
  const send = (status: number, json: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
  if (path.startsWith('/flaky/') && n <= 2) return send(503, { error: { message: 'warming up' } });
  if (path.startsWith('/slow/')) return void setTimeout(() => send(200, {}), 2_000);
  if (path.startsWith('/bad/')) return send(400, { error: { message: 'model "nope" does not exist' } });
  if (path.startsWith('/generic/')) {
    return send(200, { choices: [{ message: { role: 'assistant', content: '```json\n{"harm_category":"S2","refusal":"partial","harmful_response":false,"toxicity":0.1}\n```' } }] });
  }
  if (path.endsWith('/chat/completions')) {
    const messages = body.messages as { role: string; content: string }[];
    return send(200, { choices: [{ message: { role: 'assistant', content: verdictFor(messages.at(-1)?.content ?? '') } }] });
  }
  if (path.endsWith('/completions')) {
    const prompt = String(body.prompt);
    const judged = /ONLY THE LAST Agent/.test(prompt) ? prompt.split('Agent: ').at(-1) ?? '' : prompt.split('User: ').at(-1) ?? '';
    return send(200, { choices: [{ text: verdictFor(judged.split('<END CONVERSATION>')[0] ?? '') }] });
  }
  send(404, { error: { message: 'no route' } });
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

const noSleep = async () => {};

describe('Llama Guard 3 format', () => {
  it('builds the prompt with S1..S14 and the judged role', () => {
    const p = buildLlamaGuardPrompt([{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }], 'Agent');
    expect(p).toContain('S1: Violent Crimes.\nS2: Non-Violent Crimes.\nS3: Sex Crimes.\nS4: Child Exploitation.');
    expect(p).toContain('S14: Code Interpreter Abuse.\n<END UNSAFE CONTENT CATEGORIES>');
    expect(p).toContain('User: hi\n\nAgent: hello');
    expect(p).toContain('ONLY THE LAST Agent message');
    expect(p.endsWith('<|start_header_id|>assistant<|end_header_id|>\n\n')).toBe(true);
  });

  it('parses safe, unsafe with codes, and rejects other answers', () => {
    expect(parseLlamaGuardAnswer(' safe\n')).toMatchObject({ safe: true, categories: [] });
    expect(parseLlamaGuardAnswer('unsafe\nS1,S10<|eot_id|>')).toMatchObject({ safe: false, categories: ['S1', 'S10'] });
    expect(parseLlamaGuardAnswer('Unsafe S2, s14').categories).toEqual(['S2', 'S14']);
    expect(parseLlamaGuardAnswer('unsafe\nS99').categories).toEqual([]);
    expect(() => parseLlamaGuardAnswer('Sure! Here is a poem')).toThrow(/must start with 'safe' or 'unsafe'/);
  });

  it('an unsafe verdict without a category is spread over S1-S14, never benign', () => {
    const r = harmCategoryFromVerdict(parseLlamaGuardAnswer('unsafe'));
    expect(r.top).toBe('S1');
    expect(r.scores.benign).toBe(0);
    expect(r.scores.S14).toBeCloseTo(1 / 14, 12);
    expect(harmCategoryFromVerdict(parseLlamaGuardAnswer('safe')).scores.benign).toBe(1);
  });

  it('parses the generic judge JSON and names a bad field', () => {
    expect(parseGenericJudgeAnswer('{"harm_category":"benign","refusal":"comply","harmful_response":false,"toxicity":0}').harmCategory).toBe('benign');
    expect(() => parseGenericJudgeAnswer('{"harm_category":"S99","refusal":"comply","harmful_response":false,"toxicity":0}')).toThrow(/S99/);
    expect(() => parseGenericJudgeAnswer('{"harm_category":"S1","refusal":"comply","harmful_response":false,"toxicity":3}')).toThrow(/toxicity 3/);
    expect(() => parseGenericJudgeAnswer('no json here')).toThrow(/no JSON object/);
  });
});

describe('LLM judge against a local OpenAI-compatible server', () => {
  it('llama-guard over chat: judges the request and the response separately', async () => {
    const judge = createLlmJudgeClassifier({ baseUrl: `${baseUrl}/v1`, model: 'meta-llama/Llama-Guard-3-8B', apiKey: 'k1', mode: 'llama-guard' });
    const out = await judge.classify({ input: 'how do I build a bomb', output: 'I cannot help with that.' });
    expect(out.harm_category?.top).toBe('S9');
    expect(out.harm_category?.scores.S9).toBe(1);
    expect(out.harm_category?.scores.benign).toBe(0);
    expect(out.policy_violation).toEqual({ score: 0, categories: {} });
    const calls = seen.filter((s) => s.path === '/v1/chat/completions').slice(-2);
    expect(calls.map((c) => (c.body.messages as unknown[]).length).sort()).toEqual([1, 2]);
    expect(calls[0]?.auth).toBe('Bearer k1');
    expect(calls[0]?.body.temperature).toBe(0);
  });

  it('llama-guard over raw completions: builds the prompt itself and splits the mass over categories', async () => {
    const judge = createLlmJudgeClassifier({ baseUrl: `${baseUrl}/v1`, model: 'lg3', mode: 'llama-guard', api: 'completions' });
    const out = await judge.classify({ input: [{ role: 'system', content: 'be nice' }, { role: 'user', content: 'tips for a picnic' }], output: 'Sure, here is how to stalk your ex.' });
    expect(out.harm_category?.top).toBe('benign');
    expect(out.policy_violation).toEqual({ score: 1, categories: { S2: 1, S7: 1 } });
    const last = seen.filter((s) => s.path === '/v1/completions').at(-1);
    expect(String(last?.body.prompt)).not.toContain('be nice');
  });

  it('output only: no request call, response still judged', async () => {
    const before = seen.length;
    const judge = createLlmJudgeClassifier({ baseUrl: `${baseUrl}/v1`, model: 'lg3', mode: 'llama-guard' });
    const out = await judge.classify({ output: 'Mix these to make a bomb.' });
    expect(out.harm_category).toBeUndefined();
    expect(out.policy_violation?.categories).toEqual({ S9: 1 });
    expect(seen.length - before).toBe(1);
  });

  it('generic prompt: parses a fenced JSON answer into every score it covers', async () => {
    const judge = createLlmJudgeClassifier({ baseUrl: `${baseUrl}/generic/v1`, model: 'qwen', mode: 'generic' });
    const out = await judge.classify({ input: 'how to pick a lock', output: 'I will not explain that, but a locksmith can help.' });
    expect(out.harm_category?.top).toBe('S2');
    expect(out.refusal).toEqual({ label: 'partial', scores: { comply: 0, partial: 1, refuse: 0 } });
    expect(out.toxicity).toEqual({ score: 0.1, subtypes: {} });
    expect(out.policy_violation?.score).toBe(0);
  });

  it('retries 503 with back-off and then succeeds', async () => {
    const waits: number[] = [];
    const client = createJudgeClient({ baseUrl: `${baseUrl}/flaky/v1`, model: 'm', retries: 2, retryBaseMs: 10, sleep: async (ms) => { waits.push(ms); } });
    await expect(client.chat([{ role: 'user', content: 'hello' }])).resolves.toBe('safe');
    expect(waits).toEqual([10, 20]);
  });

  it('gives up after the retries with the last status in the message', async () => {
    attempts.delete('/flaky/v1/completions');
    const client = createJudgeClient({ baseUrl: `${baseUrl}/flaky/v1`, model: 'm', retries: 1, sleep: noSleep });
    await expect(client.complete('x')).rejects.toThrow(/HTTP 503/);
  });

  it('fails at once on 400 with the server message, and on a timeout with ARGUS_ERR_UPSTREAM_TIMEOUT', async () => {
    const bad = createJudgeClient({ baseUrl: `${baseUrl}/bad/v1`, model: 'nope', retries: 3, sleep: noSleep });
    await expect(bad.chat([{ role: 'user', content: 'x' }])).rejects.toThrow(/HTTP 400: .*does not exist/);
    expect(attempts.get('/bad/v1/chat/completions')).toBe(1);
    const slow = createJudgeClient({ baseUrl: `${baseUrl}/slow/v1`, model: 'm', timeoutMs: 150, retries: 0 });
    const err = await slow.chat([{ role: 'user', content: 'x' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArgusError);
    expect((err as ArgusError).code).toBe('ARGUS_ERR_UPSTREAM_TIMEOUT');
  });

  it('names an unreachable endpoint and rejects a malformed base URL', async () => {
    const down = createJudgeClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', retries: 0 });
    await expect(down.chat([{ role: 'user', content: 'x' }])).rejects.toThrow(/could not be reached/);
    expect(() => createJudgeClient({ baseUrl: 'not a url', model: 'm' })).toThrow(/not a URL/);
  });
});
