import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSuiteFile, runSuite } from '../src/app/detection/suite-runner.js';

/** A target whose behaviour the prompt picks: `slow` never answers in time, `bad` gets a 400, `garbled` is not a chat completion. */
let server: Server;
let url = '';
const seen: Array<{ model: string; prompt: string; auth: string | undefined }> = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      if (req.url === '/v1/models') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ data: [{ id: 'listed-model' }, { id: 'second' }] })); return; }
      const r = JSON.parse(body) as { model: string; messages: Array<{ content: string }> };
      const prompt = r.messages[0]?.content ?? '';
      seen.push({ model: r.model, prompt, auth: req.headers.authorization });
      if (prompt === 'slow') { setTimeout(() => { res.writeHead(200); res.end('{}'); }, 3_000).unref(); return; }
      if (prompt === 'bad') { res.writeHead(400); res.end('{"error":{"message":"no"}}'); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(prompt === 'garbled' ? '{"hello":1}' : JSON.stringify({ choices: [{ message: { content: `echo ${prompt}` } }], usage: { prompt_tokens: 3, completion_tokens: 4 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const run = { deployment: 'd', suiteName: 'suite.jsonl', nowMs: () => 42 };
const item = (id: string, prompt: string) => ({ id, prompt });

describe('runSuite', () => {
  it('asks the first listed model with the key, keeps suite order, and records evaluation events', async () => {
    seen.length = 0;
    const out = await runSuite([item('a', 'one'), item('b', 'two'), item('c', 'three')], { url, apiKey: 'sk-1', concurrency: 2 }, run);
    expect(out.map((e) => [e.id, e.output, e.source, e.model, e.inputTokens, e.metadata.suite_item])).toEqual([
      ['suite-a', 'echo one', 'evaluation', 'listed-model', 3, 'a'], ['suite-b', 'echo two', 'evaluation', 'listed-model', 3, 'b'], ['suite-c', 'echo three', 'evaluation', 'listed-model', 3, 'c'],
    ]);
    expect(new Set(seen.map((s) => `${s.model} ${s.auth}`))).toEqual(new Set(['listed-model Bearer sk-1']));
  });

  it('times out a slow answer after its retries, does not retry a 400, and rejects an answer that is not a chat completion', async () => {
    seen.length = 0;
    await expect(runSuite([item('s', 'slow')], { url, model: 'm', timeoutMs: 200, retries: 1, retryBaseMs: 10 }, run)).rejects.toMatchObject({ code: 'ARGUS_ERR_UPSTREAM_TIMEOUT' });
    expect(seen.filter((s) => s.prompt === 'slow')).toHaveLength(2);
    await expect(runSuite([item('b', 'bad')], { url, model: 'm', retries: 3 }, run)).rejects.toThrow(/answered 400 to suite prompt 'b'/);
    expect(seen.filter((s) => s.prompt === 'bad')).toHaveLength(1);
    await expect(runSuite([item('g', 'garbled')], { url, model: 'm' }, run)).rejects.toThrow(/the answer to suite prompt 'g' is not a chat completion/);
  });

  it('reads a suite file and names a bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-suite-'));
    writeFileSync(join(dir, 'ok.jsonl'), '{"id":"x1","prompt":"hi","category":"benign","expected":"comply","tags":[]}\n\n');
    expect(readSuiteFile(join(dir, 'ok.jsonl'))).toEqual([{ id: 'x1', prompt: 'hi', category: 'benign', expected: 'comply', tags: [] }]);
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"x1","prompt":"hi"}\n{"id":"x2"}\n');
    expect(() => readSuiteFile(join(dir, 'bad.jsonl'))).toThrow(/bad\.jsonl: line 2: prompt: /);
    writeFileSync(join(dir, 'empty.jsonl'), '\n');
    expect(() => readSuiteFile(join(dir, 'empty.jsonl'))).toThrow(/the suite has no prompts/);
  });
});
