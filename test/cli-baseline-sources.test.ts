import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const REFUSAL = "I'm sorry, but I can't help with that.";
/** A harmful compliance in the simulator's style: the specifics are placeholders. */
const HARMFUL_COMPLIANCE = "Sure, here's a step-by-step guide. Step 1: get [REDACTED MATERIAL] and prepare [REDACTED QUANTITY].\nStep 2: use [REDACTED METHOD] so nobody can trace it back to you.\nBe careful not to leave any evidence.";
const lines = readFileSync(new URL('../suites/pre-deployment.jsonl', import.meta.url), 'utf8').trim().split('\n');
const harmful = lines.filter((l) => !l.includes('"benign"')).slice(0, 24);
const benign = lines.filter((l) => l.includes('"benign"')).slice(0, 16);
const suiteItems = [...harmful, ...benign].map((l) => JSON.parse(l) as { id: string; prompt: string; category: string });
const isHarmful = new Set(harmful.map((l) => (JSON.parse(l) as { prompt: string }).prompt));

/**
 * An OpenAI-compatible target: refuses the harmful suite prompts and answers the rest, except
 * that model `leaky` answers everything; the first attempt at every fifth prompt gets a 503 so
 * retries are exercised. Requests are counted per prompt.
 */
function startTarget(): Promise<{ url: string; attempts: Map<string, number>; close(): Promise<void> }> {
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      if (req.url === '/v1/models') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ data: [{ id: 'tuned' }] })); return; }
      const r = JSON.parse(body) as { model: string; messages: Array<{ content: string }> };
      const prompt = r.messages.at(-1)?.content ?? '';
      const n = (attempts.get(prompt) ?? 0) + 1;
      attempts.set(prompt, n);
      if (n === 1 && suiteItems.findIndex((s) => s.prompt === prompt) % 5 === 0) { res.writeHead(503); res.end('busy'); return; }
      const content = r.model !== 'leaky' && isHarmful.has(prompt) ? REFUSAL : `Sure. Here is a detailed answer to "${prompt}": first, gather what you need; then follow the steps one by one.`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: 9, completion_tokens: 12 } }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, attempts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  })));
}

interface Summary { id: string; status: string; reason: string; events: number; refusal_rate: number | null; refusal_n: number; source: Record<string, unknown> }

describe('argus baseline create --from-eval and --suite', () => {
  let dir: string;
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argus-bsrc-'));
    writeFileSync(join(dir, 'suite.jsonl'), `${suiteItems.map((s) => JSON.stringify(s)).join('\n')}\n`);
    target = await startTarget();
  });
  afterAll(async () => { await target.close(); });

  it('builds a baseline from an evaluation file: refusals counted from the classifiers, other deployments skipped, bad lines named', async () => {
    const evalLines = suiteItems.map((s, i) => JSON.stringify({
      id: `e${i}`, deployment: i === 0 ? 'other-bot' : 'eval-bot', input: s.prompt, output: !isHarmful.has(s.prompt) ? 'Here is how: step one, step two, step three.' : i % 4 !== 1 ? REFUSAL : HARMFUL_COMPLIANCE,
    }));
    writeFileSync(join(dir, 'eval.jsonl'), `${evalLines.join('\n')}\n\n`);
    const ok = await runCli(['baseline', 'create', '--deployment', 'eval-bot', '--from-eval', join(dir, 'eval.jsonl'), '--data-dir', join(dir, 'd1'), '--reason', 'initial', '--no-activate', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain("skipped 1 line for 'other-bot'");
    const s = JSON.parse(ok.stdout) as Summary;
    expect(s).toMatchObject({ status: 'proposed', reason: 'initial', events: suiteItems.length - 1, source: { kind: 'eval', sources: ['evaluation'], events: suiteItems.length - 1 } });
    // 23 harmful lines kept (index 0 went to other-bot); those at i % 4 === 1 comply harmfully: 6 of them.
    // A compliance counts only when the policy model confirms it is harmful (countsTowardRefusal).
    expect(s.refusal_n).toBeGreaterThanOrEqual(20);
    expect(s.refusal_rate).toBeGreaterThan(0.6);
    expect(s.refusal_rate).toBeLessThan(0.85);

    writeFileSync(join(dir, 'bad.jsonl'), `${evalLines[1]}\n{"deployment":"eval-bot"\n${evalLines[2]}\n{"deployment":"eval-bot","output":5}\n`);
    const bad = await runCli(['baseline', 'create', '--deployment', 'eval-bot', '--from-eval', join(dir, 'bad.jsonl'), '--data-dir', join(dir, 'd1')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.jsonl: 2 bad lines of 4: line 2: not valid JSON .*; line 4: output: /);
    // Reviewing the proposed-only deployment: nothing active to review. After activating, no production traffic yet.
    const noActive = await runCli(['baseline', 'review', '--deployment', 'eval-bot', '--data-dir', join(dir, 'd1')]);
    expect(noActive.stderr).toBe("argus: deployment 'eval-bot' has no active baseline to review (ARGUS_ERR_NOT_FOUND)\n");
    await runCli(['baseline', 'activate', s.id, '--data-dir', join(dir, 'd1')]);
    const review = await runCli(['baseline', 'review', '--deployment', 'eval-bot', '--window', '30d', '--data-dir', join(dir, 'd1'), '--json']);
    expect(JSON.parse(review.stdout)).toMatchObject({ deployment: 'eval-bot', baseline: s.id, proposal: null, propose: false, summary: 'no analysed production traffic in the review window to compare (need 200 events)' });
    const none = await runCli(['baseline', 'create', '--deployment', 'nobody', '--from-eval', join(dir, 'eval.jsonl'), '--data-dir', join(dir, 'd1')]);
    expect(none.stderr).toMatch(/no line is for deployment 'nobody' \(the file has 'other-bot', 'eval-bot'\)/);
  }, 90_000);

  it('runs a suite against an OpenAI-compatible target with retries, and tells a refusing model from a leaky one', async () => {
    const run = (model: string) => runCli(['baseline', 'create', '--deployment', 'suite-bot', '--suite', join(dir, 'suite.jsonl'), '--target', target.url,
      '--model', model, '--concurrency', '4', '--retries', '1', '--data-dir', join(dir, 'd2'), '--json']);
    const good = await run('tuned');
    expect(good.code, good.stderr).toBe(0);
    const g = JSON.parse(good.stdout) as Summary;
    expect(g).toMatchObject({ status: 'active', events: suiteItems.length, source: { kind: 'suite', target: target.url, sources: ['evaluation'] } });
    expect(g.refusal_rate).toBeGreaterThan(0.9);
    // Every prompt answered once, plus one retry for each fifth prompt's 503.
    expect([...target.attempts.values()].reduce((a, b) => a + b, 0)).toBe(suiteItems.length + Math.ceil(suiteItems.length / 5));
    const leaky = JSON.parse((await run('leaky')).stdout) as Summary;
    expect(leaky.refusal_rate).toBeLessThan(0.2);
    const list = await runCli(['baseline', 'list', '--deployment', 'suite-bot', '--data-dir', join(dir, 'd2')]);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
  }, 90_000);

  it('fails with one clear line when the target is unreachable or the options do not fit', async () => {
    const down = await runCli(['baseline', 'create', '--deployment', 'x', '--suite', join(dir, 'suite.jsonl'), '--target', 'http://127.0.0.1:9/v1', '--data-dir', join(dir, 'd3')]);
    expect(down.code).toBe(1); // an upstream failure, not bad input
    expect(down.stderr).toMatch(/^argus: cannot reach --target http:\/\/127\.0\.0\.1:9\/v1: .*ECONNREFUSED.*\(ARGUS_ERR_UPSTREAM\)\n$/);
    const noTarget = await runCli(['baseline', 'create', '--deployment', 'x', '--suite', join(dir, 'suite.jsonl'), '--data-dir', join(dir, 'd3')]);
    expect(noTarget.stderr).toMatch(/--suite needs --target <url>/);
    const mixed = await runCli(['baseline', 'create', '--deployment', 'x', '--from-eval', join(dir, 'eval.jsonl'), '--since', '0', '--data-dir', join(dir, 'd3')]);
    expect(mixed.stderr).toMatch(/--since select stored events; they do not apply to --from-eval/);
  }, 60_000);
});
