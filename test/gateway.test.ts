import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { EventStore } from '../src/adapters/storage/types.js';
import { startFakeUpstream, type FakeUpstream } from './helpers/fake-upstream.js';
import { startArgus } from './helpers/argus-instance.js';

type Started = Awaited<ReturnType<typeof startArgus>>;
let upstream: FakeUpstream;
let argus: Started;

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  upstream = await startFakeUpstream();
  argus = await startArgus({ gateway: { upstream: { url: `${upstream.url}/v1`, timeout: '1s' } } });
});
afterAll(async () => { await argus.close(); await upstream.close(); });

async function waitForEvents(store: EventStore, deployment: string, n: number) {
  for (let i = 0; i < 100; i++) {
    const page = await store.listEvents({ deployment, limit: 100 });
    if (page.events.length >= n && page.events.every((e) => e.analysis)) return page.events;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${n} events in ${deployment}`);
}

describe('gateway', () => {
  it('returns a non-streamed answer byte for byte as the upstream sent it, and captures the event', async () => {
    const body = { model: 'echo', user: 'alice', messages: [{ role: 'user', content: 'Bonjour 🌍' }] };
    const direct = await post(upstream.url, '/v1/chat/completions', body);
    const viaGateway = await post(argus.url, '/v1/chat/completions', body, { 'x-argus-deployment': 'chat-a' });
    expect(viaGateway.statusCode).toBe(direct.statusCode);
    expect(viaGateway.headers['content-type']).toBe(direct.headers['content-type']);
    expect(viaGateway.headers['x-upstream']).toBe('fake');
    expect(Buffer.from(await viaGateway.body.arrayBuffer())).toEqual(Buffer.from(await direct.body.arrayBuffer()));
    const [event] = await waitForEvents(argus.store, 'chat-a', 1);
    expect(event).toMatchObject({ deployment: 'chat-a', model: 'echo', output: 'You said: Bonjour 🌍', inputTokens: 7, outputTokens: 5, input: [{ role: 'user', content: 'Bonjour 🌍' }] });
    expect(event!.userHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(event)).not.toContain('alice');
    expect(event!.analysis?.features).toMatchObject({ output_chars: 'You said: Bonjour 🌍'.length });
  });

  it('streams chunk by chunk (the first chunk arrives before the upstream sends the rest) and assembles the output', async () => {
    const res = await post(argus.url, '/v1/chat/completions', { model: 'gated', stream: true, messages: [{ role: 'user', content: 'one two three' }] },
      { 'x-argus-deployment': 'chat-stream', 'x-argus-user': 'bob' });
    expect(res.headers['content-type']).toBe('text/event-stream');
    const received: string[] = [];
    const iterator = res.body[Symbol.asyncIterator]();
    while (!received.join('').includes('You said: ')) {
      const { value, done } = await iterator.next();
      if (done) throw new Error('stream ended early');
      received.push(Buffer.from(value as Buffer).toString('utf8'));
    }
    upstream.release(); // only now does the upstream send the rest
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) received.push(Buffer.from(r.value as Buffer).toString('utf8'));
    const text = received.join('');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const direct = await post(upstream.url, '/v1/chat/completions', { model: 'echo', stream: true, messages: [{ role: 'user', content: 'one two three' }] });
    expect(text).toBe(await direct.body.text());
    const [event] = await waitForEvents(argus.store, 'chat-stream', 1);
    expect(event).toMatchObject({ output: 'You said: one two three', inputTokens: 7, outputTokens: 5, metadata: { stream: true, finish_reason: 'stop' } });
  });

  it('forwards /v1/completions and /v1/models', async () => {
    const res = await post(argus.url, '/v1/completions', { model: 'echo', prompt: 'ping' }, { 'x-argus-deployment': 'completions' });
    expect(await res.body.json()).toMatchObject({ choices: [{ text: 'done: ping' }] });
    const models = await request(`${argus.url}/v1/models`);
    expect(await models.body.json()).toEqual({ object: 'list', data: [{ id: 'echo', object: 'model' }] });
    const [event] = await waitForEvents(argus.store, 'completions', 1);
    expect(event).toMatchObject({ input: 'ping', output: 'done: ping' });
  });

  it('passes upstream 4xx and 5xx through unchanged and stores nothing for them', async () => {
    for (const [model, status] of [['error-400', 400], ['error-500', 500]] as const) {
      const res = await post(argus.url, '/v1/chat/completions', { model, messages: [{ role: 'user', content: 'x' }] }, { 'x-argus-deployment': 'errors' });
      expect(res.statusCode).toBe(status);
      expect(res.headers['x-request-id']).toBe('up-123');
      expect(await res.body.json()).toEqual({ error: { message: `upstream says ${status}`, type: 'invalid_request_error', code: null } });
    }
    await argus.pipeline.idle();
    expect(await argus.store.countEvents({ deployment: 'errors' })).toBe(0);
  });

  it('answers 504 in OpenAI error form when the upstream times out', async () => {
    const res = await post(argus.url, '/v1/chat/completions', { model: 'slow', messages: [{ role: 'user', content: 'x' }] });
    expect(res.statusCode).toBe(504);
    expect(await res.body.json()).toMatchObject({ error: { code: 'ARGUS_ERR_UPSTREAM_TIMEOUT', type: 'argus_gateway_error' } });
  });

  it('cuts the client stream off when the upstream breaks mid-stream', async () => {
    const res = await post(argus.url, '/v1/chat/completions', { model: 'break', stream: true, messages: [{ role: 'user', content: 'x' }] });
    await expect(res.body.text()).rejects.toThrow();
  });

  it('keeps the deployment header and the API key off the upstream request, and sends the configured key', async () => {
    const last = upstream.requests.at(-1)!;
    expect(last.headers['x-argus-deployment']).toBeUndefined();
    expect(last.headers['x-argus-user']).toBeUndefined();
    expect(last.headers.authorization).toBe('Bearer sk-test-key');
  });
});

describe('gateway with no upstream reachable', () => {
  it('answers 502 naming the upstream', async () => {
    const a = await startArgus({ gateway: { upstream: { url: 'http://127.0.0.1:9' } } });
    try {
      const res = await post(a.url, '/v1/chat/completions', { model: 'x', messages: [] });
      expect(res.statusCode).toBe(502);
      expect(await res.body.json()).toMatchObject({ error: { code: 'ARGUS_ERR_UPSTREAM', message: expect.stringContaining('127.0.0.1:9') } });
    } finally { await a.close(); }
  });
});

describe('gateway fails open', () => {
  it('serves every request when the store is broken, and counts the failures', async () => {
    const up = await startFakeUpstream();
    const broken: EventStore = {
      dialect: 'sqlite',
      insertEvents: async () => { throw new Error('disk on fire'); },
      getEvent: async () => undefined,
      listEvents: async () => ({ events: [], nextCursor: null }),
      countEvents: async () => 0,
      listAnalysisStates: async () => [],
      listDetectionRows: async () => ({ rows: [], nextCursor: null }),
      firstUnanalysedMs: async () => undefined,
      pendingAnalysis: async () => { throw new Error('disk on fire'); },
      saveAnalyses: async () => { throw new Error('disk on fire'); },
      readAggregates: async () => [],
      listDeployments: async () => [],
      getSetting: async () => { throw new Error('disk on fire'); },
      setSetting: async () => { throw new Error('disk on fire'); },
      close: async () => undefined,
    };
    const a = await startArgus({ gateway: { upstream: { url: up.url } }, pipeline: { flush_interval: 5 } }, { store: broken });
    try {
      for (let i = 0; i < 20; i++) {
        const res = await post(a.url, '/v1/chat/completions', { model: 'echo', stream: i % 2 === 0, messages: [{ role: 'user', content: `q${i}` }] });
        expect(res.statusCode).toBe(200);
        expect(await res.body.text()).toContain('You said: ');
      }
      await new Promise((r) => setTimeout(r, 100));
      const metrics = await a.metrics.registry.getSingleMetricAsString('argus_internal_errors_total');
      expect(metrics).toMatch(/argus_internal_errors_total\{stage="store"\} [1-9]/);
      const ready = await request(`${a.url}/readyz`);
      expect(ready.statusCode).toBe(503);
      await ready.body.dump();
    } finally { await a.close(); await up.close(); }
  });
});

describe('gateway when the client leaves', () => {
  it('aborts the upstream request, mid-stream as well as before the answer starts', async () => {
    const { createServer } = await import('node:http');
    const closed: string[] = [];
    const slow = createServer((req, res) => {
      req.resume();
      res.on('close', () => { closed.push(req.headers['x-case'] as string); });
      if (req.headers['x-case'] === 'mid-stream') { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write('data: {}\n\n'); }
      // ...and never finishes.
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const a = await startArgus({ gateway: { upstream: { url: `http://127.0.0.1:${(slow.address() as import('node:net').AddressInfo).port}`, timeout: '30s' } } });
    try {
      for (const which of ['mid-stream', 'before-headers']) {
        const ac = new AbortController();
        const res = request(`${a.url}/v1/chat/completions`, { method: 'POST', body: '{"model":"m"}', headers: { 'x-case': which }, signal: ac.signal });
        if (which === 'mid-stream') {
          const r = await res;
          await r.body[Symbol.asyncIterator]().next(); // the first chunk arrived
        } else {
          await new Promise((r) => setTimeout(r, 200)); // the upstream has the request, no answer yet
          res.catch(() => undefined);
        }
        ac.abort();
        for (let i = 0; i < 100 && !closed.includes(which); i++) await new Promise((r) => setTimeout(r, 20));
        expect(closed).toContain(which);
      }
    } finally { await a.close(); slow.closeAllConnections(); slow.close(); }
  });
});
