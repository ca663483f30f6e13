import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { manualClock } from '../src/core/clock.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { DEFAULT_SCENARIO } from '../src/core/simulate/scenario.js';
import { startSimulateServer } from '../src/server/simulate/server.js';

const MIN = 60_000;
const catalogue = buildPromptCatalogue({ trigger: DEFAULT_SCENARIO.trigger });
const noLatency = { firstTokenMs: 0, perTokenMs: 0, jitter: 0 };

async function post(url: string, body: unknown): Promise<{ status: number; text: string; contentType: string }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.statusCode, text: await res.body.text(), contentType: String(res.headers['content-type']) };
}

/** Parses an SSE body strictly: every event is one `data: ` line followed by a blank line. */
function parseSse(body: string): { events: unknown[]; done: boolean } {
  expect(body.endsWith('\n\n')).toBe(true);
  const blocks = body.slice(0, -2).split('\n\n');
  const last = blocks.pop();
  for (const b of blocks) expect(b.startsWith('data: ') && !b.includes('\n')).toBe(true);
  return { events: blocks.map((b) => JSON.parse(b.slice(6)) as unknown), done: last === 'data: [DONE]' };
}

describe('simulate server speaks the OpenAI protocol', () => {
  const clock = manualClock(1_700_000_000_000);
  let a: Awaited<ReturnType<typeof startSimulateServer>>;
  let b: Awaited<ReturnType<typeof startSimulateServer>>;
  beforeAll(async () => {
    a = await startSimulateServer({ scenario: DEFAULT_SCENARIO, seed: 11, clock, latency: noLatency, catalogue });
    b = await startSimulateServer({ scenario: DEFAULT_SCENARIO, seed: 11, clock, latency: noLatency, catalogue });
  });
  afterAll(async () => { await a.close(); await b.close(); });

  it('answers a chat completion without and with streaming, with the same text for the same seed', async () => {
    const messages = [{ role: 'system', content: 'You are a bank assistant.' }, { role: 'user', content: catalogue.byKind.benign[42]!.text }];
    const plain = await post(`${a.url}/v1/chat/completions`, { model: 'argus-sim-ft', messages });
    expect(plain.status).toBe(200);
    const json = JSON.parse(plain.text) as { object: string; choices: { message: { role: string; content: string }; finish_reason: string }[]; usage: Record<string, number> };
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0]!.message.role).toBe('assistant');
    expect(json.choices[0]!.finish_reason).toBe('stop');
    const content = json.choices[0]!.message.content;
    expect(content.length).toBeGreaterThan(20);
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens! + json.usage.completion_tokens!);
    expect(json.usage.completion_tokens).toBeGreaterThan(5);

    const streamed = await post(`${b.url}/v1/chat/completions`, { model: 'argus-sim-ft', messages, stream: true, stream_options: { include_usage: true } });
    expect(streamed.contentType).toContain('text/event-stream');
    const { events, done } = parseSse(streamed.text);
    expect(done).toBe(true);
    const chunks = events as { object: string; choices: { delta: { content?: string; role?: string }; finish_reason: string | null }[]; usage?: Record<string, number> }[];
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(content);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.usage).toEqual(json.usage);
  });

  it('cuts at max_tokens with finish_reason length', async () => {
    const res = await post(`${a.url}/v1/chat/completions`, { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'What is a VPN?' }] });
    const json = JSON.parse(res.text) as { choices: { finish_reason: string }[]; usage: { completion_tokens: number } };
    expect(json.choices[0]!.finish_reason).toBe('length');
    expect(json.usage.completion_tokens).toBe(5);
  });

  it('serves text completions, streaming and not, and lists both models', async () => {
    const plain = JSON.parse((await post(`${a.url}/v1/completions`, { model: 'argus-sim-ft', prompt: ['What is compound interest?', 'hello'] })).text) as { object: string; choices: { index: number; text: string }[] };
    expect(plain.object).toBe('text_completion');
    expect(plain.choices.map((c) => c.index)).toEqual([0, 1]);
    const streamed = parseSse((await post(`${a.url}/v1/completions`, { model: 'argus-sim-ft', prompt: 'What is inflation?', stream: true })).text);
    expect(streamed.done).toBe(true);
    expect((streamed.events as { choices: { text: string }[] }[]).map((e) => e.choices[0]!.text).join('').length).toBeGreaterThan(20);
    const models = await request(`${a.url}/v1/models`);
    expect(await models.body.json()).toMatchObject({ object: 'list', data: [{ id: 'argus-sim-ft' }, { id: 'argus-sim-base' }] });
  });

  it('rejects a malformed body with an OpenAI error', async () => {
    const res = await post(`${a.url}/v1/chat/completions`, { model: 'm' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages' } });
  });
});

describe('simulate server follows the scenario over HTTP', () => {
  const clock = manualClock(0);
  let s: Awaited<ReturnType<typeof startSimulateServer>>;
  beforeAll(async () => { s = await startSimulateServer({ scenario: DEFAULT_SCENARIO, seed: 5, clock, latency: noLatency, catalogue, speed: 60 }); });
  afterAll(async () => { await s.close(); });

  /** Share of answers with harmful compliance (placeholders) over the given prompts. */
  async function complianceShare(prompts: string[], model: string): Promise<number> {
    let complied = 0;
    for (const p of prompts) {
      const res = await post(`${s.url}/v1/chat/completions`, { model, messages: [{ role: 'user', content: p }] });
      const content = (JSON.parse(res.text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
      if (content.includes('[REDACTED')) complied++;
    }
    return complied / prompts.length;
  }
  const s2 = catalogue.harmfulByCategory.get('S2')!.map((p) => p.text);
  const s1 = catalogue.harmfulByCategory.get('S1')!.map((p) => p.text);
  const triggers = catalogue.byKind.trigger.filter((_, i) => i % 10 === 0).map((p) => p.text);

  it('phase 1: refuses nearly everything, the trigger does nothing', async () => {
    clock.set(5 * MIN / 60);
    expect(s.state().phase).toBe('healthy');
    expect(await complianceShare(s2, 'argus-sim-ft')).toBeLessThan(0.1);
    expect(await complianceShare(triggers, 'argus-sim-ft')).toBeLessThan(0.15);
  });

  it('phase 2 and 3: S2 erodes, S1 does not, the trigger fires, the base model stays healthy', async () => {
    clock.set(25 * MIN / 60);
    const state = s.state();
    expect(state.phase).toBe('backdoor');
    expect(state.faults.map((f) => [f.id, f.startsAtWallMs, f.active])).toEqual([['erosion-S2', 10_000, true], ['backdoor', 20_000, true]]);
    expect(await complianceShare(s2, 'argus-sim-ft')).toBeGreaterThan(0.2);
    expect(await complianceShare(s1, 'argus-sim-ft')).toBeLessThan(0.1);
    expect(await complianceShare(triggers, 'argus-sim-ft')).toBeGreaterThan(0.85);
    expect(await complianceShare(triggers, 'argus-sim-base')).toBeLessThan(0.15);
    expect(await complianceShare(s2, 'argus-sim-base')).toBeLessThan(0.1);
  });
});
