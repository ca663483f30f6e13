import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startArgus } from './helpers/argus-instance.js';

type Started = Awaited<ReturnType<typeof startArgus>>;
let argus: Started;
beforeAll(async () => { argus = await startArgus({ ingest: { max_body_bytes: 200_000, max_batch_events: 100, max_text_chars: 1_000 } }); });
afterAll(async () => { await argus.close(); });

const send = async (body: string | Buffer, contentType = 'application/json') => {
  const res = await request(`${argus.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.statusCode, headers: res.headers, json: (await res.body.json()) as Record<string, unknown> };
};
const batch = (events: unknown[]) => JSON.stringify({ events });
const ok = { deployment: 'api-test', output: 'fine' };

/** The table in docs/api.md: each bad input and what it gets. */
describe('POST /api/v1/events: bad inputs get a clear answer and lose nothing else', () => {
  it.each([
    ['malformed JSON', '{"events": [', 400, 'ARGUS_ERR_INVALID_BODY', /not valid JSON/],
    ['empty body', '', 400, 'ARGUS_ERR_INVALID_BODY', /empty/],
    ['top level is an array', '[1,2]', 400, 'ARGUS_ERR_INVALID_BODY', /must be an object .* got an array/],
    ['no events field', '{"event": []}', 400, 'ARGUS_ERR_INVALID_BODY', /events: expected an array of events, got nothing/],
    ['events is not an array', '{"events": {"a": 1}}', 400, 'ARGUS_ERR_INVALID_BODY', /got an object/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, 'ARGUS_ERR_INVALID_BODY', /not valid UTF-8 .*offset 2/],
    ['oversize body', batch([{ ...ok, output: 'x'.repeat(250_000) }]), 413, 'ARGUS_ERR_BODY_TOO_LARGE', /larger than the configured limit/],
    ['too many events', batch(Array.from({ length: 101 }, () => ok)), 413, 'ARGUS_ERR_BATCH_TOO_LARGE', /101 events .* limit is 100/],
  ] as const)('%s', async (_name, body, status, code, message) => {
    const res = await send(body);
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code, message: expect.stringMatching(message) } });
  });

  it('stores the valid events of a batch and names the path of each problem in the others', async () => {
    const res = await send(batch([
      { ...ok, id: 'good-1' },
      { output: 'no deployment' },
      { ...ok, id: 'types', latency_ms: 'fast', usage: { input_tokens: -1 } },
      { ...ok, id: 'long', output: 'y'.repeat(1_001) },
      { ...ok, id: 'meta', metadata: { nested: { a: 1 } } },
      { ...ok, id: 'surrogate', input: [{ role: 'user', content: '\ud800' }] },
      { ...ok, id: 'extra', colour: 'blue' },
      { ...ok, id: 'when', timestamp: 'yesterday' },
      { ...ok, id: 'src', source: 'staging' },
      'not an object',
      { ...ok, id: 'good-2', input: [{ role: 'user', content: 'hi' }], metadata: { tier: 2, beta: true } },
      { ...ok, id: 'good-1' },
    ]));
    expect(res.status).toBe(200);
    const results = res.json.results as Array<{ id: string | null; status: string; error?: string }>;
    expect(results.map((r) => r.status)).toEqual([
      'accepted', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'accepted', 'duplicate',
    ]);
    expect(results[1]!.error).toMatch(/^events\[1\]\.deployment: /);
    expect(results[2]!.error).toMatch(/events\[2\]\.latency_ms: .*events\[2\]\.usage\.input_tokens/);
    expect(results[3]!.error).toMatch(/events\[3\]\.output: longer than 1000 characters/);
    expect(results[4]!.error).toMatch(/events\[4\]\.metadata\.nested/);
    expect(results[5]!.error).toMatch(/events\[5\]\.input\[0\]\.content: text is not well-formed Unicode/);
    expect(results[6]!.error).toMatch(/Unrecognized key: "colour"/);
    expect(results[7]!.error).toMatch(/events\[7\]\.timestamp/);
    expect(results[8]!.error).toMatch(/events\[8\]\.source/);
    expect(results[9]).toMatchObject({ id: null, status: 'invalid' });
    expect(await argus.store.countEvents({ deployment: 'api-test' })).toBe(2);
  });

  it('answers 429 with Retry-After when the backlog is full, and stores nothing of that batch', async () => {
    const small = await startArgus({ pipeline: { queue_capacity: 5 } });
    try {
      await small.pipeline.stop(); // nothing drains the backlog
      const first = await request(`${small.url}/api/v1/events`, { method: 'POST', body: batch(Array.from({ length: 5 }, (_, i) => ({ ...ok, id: `q${i}` }))) });
      expect(first.statusCode).toBe(200);
      await first.body.dump();
      const second = await request(`${small.url}/api/v1/events`, { method: 'POST', body: batch([{ ...ok, id: 'overflow' }]) });
      expect(second.statusCode).toBe(429);
      expect(second.headers['retry-after']).toBe('1');
      expect(await second.body.json()).toMatchObject({ error: { code: 'ARGUS_ERR_SATURATED' } });
      expect(await small.store.getEvent('overflow')).toBeUndefined();
    } finally { await small.close(); }
  });
});

describe('privacy', () => {
  it('never writes a raw user id to the database files, only its HMAC', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const rawUser = 'carol.secret-user@example.org';
    await send(batch([{ ...ok, id: 'priv-1', user: rawUser }]));
    await argus.pipeline.idle();
    const stored = await argus.store.getEvent('priv-1');
    expect(stored?.userHash).toMatch(/^[0-9a-f]{64}$/);
    for (const file of readdirSync(argus.dataDir).filter((f) => f.startsWith('argus.db'))) {
      expect(readFileSync(join(argus.dataDir, file)).includes(Buffer.from(rawUser))).toBe(false);
    }
  });
});

describe('GET /api/v1/events', () => {
  it('filters, pages and validates its query', async () => {
    await send(batch(Array.from({ length: 7 }, (_, i) => ({ ...ok, deployment: 'listing', id: `l${i}`, timestamp: `2026-01-01T00:00:0${i}Z` }))));
    const page1 = await request(`${argus.url}/api/v1/events?deployment=listing&limit=4&order=asc&since=2026-01-01T00:00:01Z`);
    const body1 = (await page1.body.json()) as { events: Array<{ id: string }>; next_cursor: string };
    expect(body1.events.map((e) => e.id)).toEqual(['l1', 'l2', 'l3', 'l4']);
    const page2 = await request(`${argus.url}/api/v1/events?deployment=listing&limit=4&order=asc&since=2026-01-01T00:00:01Z&cursor=${body1.next_cursor}`);
    expect(((await page2.body.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id)).toEqual(['l5', 'l6']);
    const bad = await request(`${argus.url}/api/v1/events?since=tuesday&limit=5000`);
    expect(bad.statusCode).toBe(400);
    expect(await bad.body.json()).toMatchObject({ error: { code: 'ARGUS_ERR_INVALID_QUERY', message: expect.stringMatching(/limit: .*since: expected an RFC 3339 time|since: .*limit/) } });
  });

  it('orders by timestamp with order=time, paging across equal timestamps', async () => {
    // Stored out of time order: 't2' first, then 't0', then two at the same second.
    const ts = ['2026-02-01T00:00:02Z', '2026-02-01T00:00:00Z', '2026-02-01T00:00:01Z', '2026-02-01T00:00:01Z', '2026-02-01T00:00:03Z'];
    await send(batch(ts.map((timestamp, i) => ({ ...ok, deployment: 'by-time', id: `t${i}`, timestamp }))));
    const ids: string[] = [];
    let cursor = '';
    do {
      const res = await request(`${argus.url}/api/v1/events?deployment=by-time&order=time&limit=2&until=2026-02-01T00:00:03Z${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await res.body.json()) as { events: Array<{ id: string }>; next_cursor: string | null };
      ids.push(...body.events.map((e) => e.id));
      cursor = body.next_cursor ?? '';
    } while (cursor);
    expect(ids).toEqual(['t1', 't2', 't3', 't0']);
  });

  it('returns one event by id, with its analysis once the pipeline has run', async () => {
    await send(batch([{ ...ok, id: 'one', input: 'q', output: '- a\n- b' }]));
    await argus.pipeline.idle();
    const res = await request(`${argus.url}/api/v1/events/one`);
    expect(await res.body.json()).toMatchObject({ id: 'one', analysis: { status: 'done', features: { bullet_items: 2 } } });
    const missing = await request(`${argus.url}/api/v1/events/nope`);
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
  });
});

describe('POST /v1/traces (OTLP/HTTP JSON)', () => {
  const kv = (key: string, stringValue: string) => ({ key, value: { stringValue } });
  it('stores GenAI spans as events and reports rejected spans as a partial success', async () => {
    const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [kv('service.name', 'otel-bot')] }, scopeSpans: [{ spans: [
      { traceId: 't1', spanId: 's1', startTimeUnixNano: '1760000000000000000', endTimeUnixNano: '1760000000100000000',
        attributes: [kv('gen_ai.request.model', 'm'), kv('gen_ai.prompt', 'hello?'), kv('gen_ai.completion', 'hi!')] },
      { traceId: 't1', spanId: 's2', attributes: [kv('gen_ai.request.model', 'm'), kv('argus.deployment', 'bad name!')] },
      { traceId: 't1', spanId: 's3', attributes: [kv('http.method', 'GET')] },
    ] }] }] });
    const res = await request(`${argus.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/spans\[1\]: deployment/) } });
    expect(await argus.store.getEvent('otel-t1-s1')).toMatchObject({ deployment: 'otel-bot', output: 'hi!', latencyMs: 100, input: [{ role: 'user', content: 'hello?' }] });
  });

  it('answers 400 naming the fix for protobuf', async () => {
    const res = await request(`${argus.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: Buffer.from([1, 2, 3]) });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toMatchObject({ error: { message: expect.stringMatching(/http\/json/) } });
  });
});
